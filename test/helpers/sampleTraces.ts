// Realistic traces sent through the SDK protocol, for file and replay tests: a support agent that
// plans with an LLM (tool calls, time to first token, estimated cost), runs a destructive tool,
// fails a tool call, answers with a reported cost, plus a RAG trace with retrieval and embedding.
import type { WireEvent } from '../../sdk/src/protocol.ts';
import { ingestRequest, postIngest } from './server.ts';

const T0 = 1_760_000_000_123.456;

export function agentTraceEvents(traceId: string, idPrefix = 'a'): WireEvent[] {
  const id = (n: number) => `${idPrefix}${n.toString(16).padStart(15, '0')}`;
  const messages = [
    { role: 'system', content: 'You are a support agent for Acme. Use tools to look things up.' },
    { role: 'user', content: 'My order #1042 has not arrived. Can you cancel it?' },
  ];
  return [
    {
      kind: 'trace.start',
      traceId,
      name: 'support-agent',
      time: T0,
      input: { question: messages[1]!.content },
      tags: ['prod', 'eu'],
      sessionId: 'sess-42',
      userId: 'user-7',
      metadata: { plan: 'pro', build: 1234 },
    },
    {
      kind: 'span.start',
      traceId,
      spanId: id(1),
      parentSpanId: null,
      name: 'support-agent',
      type: 'agent',
      time: T0 + 0.5,
      stepOrder: 0,
      input: messages[1]!.content,
    },
    {
      kind: 'span.start',
      traceId,
      spanId: id(2),
      parentSpanId: id(1),
      name: 'chat gpt-4o-mini',
      type: 'llm',
      time: T0 + 1.25,
      stepOrder: 1,
      model: 'gpt-4o-mini',
      provider: 'openai',
      input: messages,
      attributes: { temperature: 0.2, 'gen_ai.request.max_tokens': 512 },
    },
    {
      kind: 'span.end',
      traceId,
      spanId: id(2),
      time: T0 + 812.75,
      status: 'success',
      promptTokens: 61,
      completionTokens: 23,
      timeToFirstTokenMs: 240.5,
      output: {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'cancel_order', arguments: '{"orderId":1042}' },
          },
        ],
      },
    },
    {
      kind: 'span.start',
      traceId,
      spanId: id(3),
      parentSpanId: id(1),
      name: 'cancel_order',
      type: 'tool',
      time: T0 + 820,
      stepOrder: 2,
      destructive: true,
      input: { orderId: 1042 },
    },
    {
      kind: 'span.event',
      traceId,
      spanId: id(3),
      time: T0 + 830.125,
      name: 'retry',
      attributes: { attempt: 2, reason: 'timeout' },
    },
    {
      kind: 'span.end',
      traceId,
      spanId: id(3),
      time: T0 + 901,
      status: 'success',
      output: { cancelled: true },
    },
    {
      kind: 'span.start',
      traceId,
      spanId: id(4),
      parentSpanId: id(1),
      name: 'send_email',
      type: 'tool',
      time: T0 + 905,
      stepOrder: 3,
      input: { to: 'customer@example.com' },
    },
    {
      kind: 'span.end',
      traceId,
      spanId: id(4),
      time: T0 + 960,
      status: 'error',
      error: {
        message: 'SMTP 550: mailbox unavailable',
        type: 'SmtpError',
        stack: 'SmtpError: SMTP 550\n    at send (mail.ts:10:5)',
      },
    },
    {
      kind: 'span.start',
      traceId,
      spanId: id(5),
      parentSpanId: id(1),
      name: 'chat gpt-4o',
      type: 'llm',
      time: T0 + 965,
      stepOrder: 4,
      model: 'gpt-4o',
      provider: 'openai',
      input: [...messages, { role: 'tool', tool_call_id: 'call_1', content: '{"cancelled":true}' }],
    },
    {
      kind: 'span.end',
      traceId,
      spanId: id(5),
      time: T0 + 2310.5,
      status: 'success',
      promptTokens: 140,
      completionTokens: 41,
      costUsd: 0.00076,
      output: {
        role: 'assistant',
        content: 'Your order #1042 is cancelled. I could not email the confirmation.',
      },
    },
    {
      kind: 'span.end',
      traceId,
      spanId: id(1),
      time: T0 + 2320,
      status: 'success',
      output: 'Your order #1042 is cancelled.',
    },
    { kind: 'span.event', traceId, time: T0 + 2321, name: 'feedback', attributes: { score: 1 } },
    {
      kind: 'trace.end',
      traceId,
      time: T0 + 2322,
      status: 'success',
      output: { answer: 'Your order #1042 is cancelled.' },
    },
  ];
}

export function ragTraceEvents(traceId: string, idPrefix = 'b'): WireEvent[] {
  const id = (n: number) => `${idPrefix}${n.toString(16).padStart(15, '0')}`;
  const t = T0 + 10_000;
  return [
    {
      kind: 'span.start',
      traceId,
      spanId: id(1),
      parentSpanId: null,
      name: 'answer-question',
      type: 'chain',
      time: t,
      input: 'What is the refund window?',
    },
    {
      kind: 'span.start',
      traceId,
      spanId: id(2),
      parentSpanId: id(1),
      name: 'embed query',
      type: 'embedding',
      time: t + 1,
      model: 'text-embedding-3-small',
      provider: 'openai',
      input: ['What is the refund window?'],
    },
    { kind: 'span.end', traceId, spanId: id(2), time: t + 40, promptTokens: 7 },
    {
      kind: 'span.start',
      traceId,
      spanId: id(3),
      parentSpanId: id(1),
      name: 'search policies',
      type: 'retrieval',
      time: t + 41,
      input: { query: 'refund window', k: 2 },
    },
    {
      kind: 'span.end',
      traceId,
      spanId: id(3),
      time: t + 90,
      output: [{ id: 'doc-1', score: 0.91, content: 'Refunds within 14 days.' }],
    },
    {
      kind: 'span.end',
      traceId,
      spanId: id(1),
      time: t + 95,
      output: 'Refunds are accepted within 14 days.',
    },
  ];
}

/** Sends both sample traces to a running collector; fails the test if any event is rejected. */
export async function ingestSamples(url: string, agentTraceId: string, ragTraceId: string): Promise<void> {
  const answer = await postIngest(
    url,
    ingestRequest([...agentTraceEvents(agentTraceId), ...ragTraceEvents(ragTraceId)]),
  );
  if (answer.status !== 200) throw new Error(`sample ingest failed: ${JSON.stringify(answer.body)}`);
}
