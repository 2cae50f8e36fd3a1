// Both vendor styles, written as their docs show them, against a real collector: the stored tree
// (parents, step order, types, tokens, errors, destructive flag) is what the code meant.
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI } from '../../examples/fake-openai/server.ts';
import type { FakeOpenAI } from '../../examples/fake-openai/server.ts';
import { startTestServer } from '../../test/helpers/server.ts';
import type { TestServer } from '../../test/helpers/server.ts';
import { Spyglass } from '../src/index.ts';
import { byName, waitForTrace } from './helpers.ts';

let server: TestServer;
let fake: FakeOpenAI;
let openai: OpenAI;

beforeAll(async () => {
  server = await startTestServer();
  fake = await startFakeOpenAI();
  openai = new OpenAI({ baseURL: fake.url, apiKey: 'sk-test', maxRetries: 0 });
});
afterAll(async () => {
  await fake.close();
  await server.close();
});

describe('style one: explicit lifecycle', () => {
  it('records the documented example: trace, llm span with tokens and cost, retrieval span', async () => {
    const ai = new Spyglass({ apiKey: 'ignored', url: server.url });
    const traceId = await ai.startTrace({
      name: 'customer-support-agent',
      input: { query: 'How do I reset my password?' },
      tags: ['support', 'password'],
    });
    const llmSpan = await ai.startSpan({
      name: 'classify-intent',
      type: 'llm',
      model: 'gpt-4o-mini',
      provider: 'openai',
      input: { prompt: 'Classify: How do I reset my password?' },
    });
    await ai.endSpan(llmSpan, {
      output: { intent: 'password_reset' },
      status: 'success',
      prompt_tokens: 42,
      completion_tokens: 5,
      total_tokens: 47,
      cost_usd: 0.00012,
    });
    const toolSpan = await ai.startSpan({
      name: 'lookup-kb',
      type: 'retrieval',
      input: { query: 'password reset instructions' },
    });
    await ai.endSpan(toolSpan, { output: { docs: ['Go to Settings > Security...'] }, status: 'success' });
    ai.event({ name: 'answer_shown', trace_id: traceId, span_id: toolSpan, channel: 'chat' });
    await ai.endTrace(traceId, { output: { response: 'Go to Settings > Security...' }, status: 'success' });
    await ai.flush();

    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    const stored = await waitForTrace(
      server.url,
      traceId,
      (t) => t.trace.status === 'success' && t.spans.length === 2,
    );
    expect(stored.trace).toMatchObject({
      name: 'customer-support-agent',
      tags: ['support', 'password'],
      input: { query: 'How do I reset my password?' },
      output: { response: 'Go to Settings > Security...' },
    });
    const llm = byName(stored, 'classify-intent');
    expect(llm).toMatchObject({
      parentSpanId: null,
      type: 'llm',
      model: 'gpt-4o-mini',
      provider: 'openai',
      promptTokens: 42,
      completionTokens: 5,
      totalTokens: 47,
      costUsd: 0.00012,
      stepOrder: 1,
      status: 'success',
      output: { intent: 'password_reset' },
    });
    expect(llm.durationMs).toBeGreaterThan(0);
    const kb = byName(stored, 'lookup-kb');
    expect(kb).toMatchObject({
      parentSpanId: null,
      type: 'retrieval',
      stepOrder: 2,
      output: { docs: ['Go to Settings > Security...'] },
    });
    expect(kb.events).toMatchObject([{ name: 'answer_shown', attributes: { channel: 'chat' } }]);
    await ai.shutdown();
  });

  it('accepts camelCase results, nests under parentSpanId, and records errors', async () => {
    const ai = new Spyglass('sk-vendor-key', { url: server.url });
    const traceId = ai.startTrace({
      name: 'nested',
      sessionId: 'sess-1',
      userId: 'u-1',
      metadata: { env: 'test' },
    });
    const root = ai.startSpan({ name: 'agent', type: 'agent' });
    const child = ai.startSpan({ name: 'call', type: 'llm', model: 'gpt-4o', parentSpanId: root });
    ai.endSpan(child, {
      status: 'error',
      error: new RangeError('context too long'),
      promptTokens: 10,
      completionTokens: 0,
      costUsd: 0.5,
    });
    ai.endSpan(root, { status: 'error' });
    ai.endTrace(traceId, { status: 'error' });
    await ai.shutdown();

    const stored = await waitForTrace(
      server.url,
      traceId,
      (t) => t.trace.status === 'error' && t.spans.every((s) => s.status !== 'running'),
    );
    expect(stored.trace).toMatchObject({ sessionId: 'sess-1', userId: 'u-1' });
    const call = byName(stored, 'call');
    expect(call.parentSpanId).toBe(root);
    expect(call).toMatchObject({ status: 'error', promptTokens: 10, totalTokens: 10, costUsd: 0.5 });
    expect(call.error).toMatchObject({ message: 'context too long', type: 'RangeError' });
    expect(call.error!.stack).toContain('RangeError: context too long');
  });
});

describe('style two: wrappers', () => {
  async function webSearch(query: string | null) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    return { results: [`${query?.slice(0, 20)}: solar grew 29% in 2024`] };
  }

  it('records the documented research agent as a three-level tree with step order', async () => {
    const tp = new Spyglass('tp_live_YOUR_KEY', { url: server.url });
    const traceId = await tp.startTrace('research-agent');
    const messages: OpenAI.ChatCompletionMessageParam[] = [
      { role: 'user', content: 'What happened to solar output in 2024?' },
    ];
    const { result: plan, spanId: planSpanId } = await tp.wrapOpenAI(
      () => openai.chat.completions.create({ model: 'gpt-4o', messages }),
      messages,
    );
    const { result: searchResult, spanId: searchSpanId } = await tp.wrapToolCall(
      'web-search',
      () => webSearch(plan.choices[0]!.message.content),
      planSpanId,
      2,
    );
    const followUp: OpenAI.ChatCompletionMessageParam[] = [
      ...messages,
      plan.choices[0]!.message,
      { role: 'user', content: JSON.stringify(searchResult) },
    ];
    const { result: answer, spanId: answerSpanId } = await tp.wrapOpenAI(
      () => openai.chat.completions.create({ model: 'gpt-4o', messages: followUp }),
      followUp,
      searchSpanId,
      3,
    );
    const { spanId: deleteSpanId } = await tp.wrapToolCall(
      'delete-draft',
      async () => ({ deleted: 1 }),
      answerSpanId,
      4,
      true,
    );
    await tp.shutdown();

    expect(plan.object).toBe('chat.completion');
    expect(typeof answer.choices[0]!.message.content).toBe('string');
    const stored = await waitForTrace(
      server.url,
      traceId,
      (t) => t.spans.length === 4 && t.spans.every((s) => s.status === 'success'),
    );
    expect(stored.trace.name).toBe('research-agent');
    const spans = new Map(stored.spans.map((s) => [s.spanId, s]));
    const step1 = spans.get(planSpanId)!;
    expect(step1).toMatchObject({
      parentSpanId: null,
      type: 'llm',
      stepOrder: 1,
      provider: 'openai',
      model: 'gpt-4o-2024-08-06',
    });
    expect(step1.promptTokens).toBe(plan.usage!.prompt_tokens);
    expect(step1.completionTokens).toBe(plan.usage!.completion_tokens);
    expect(step1.input).toEqual({
      messages: [{ role: 'user', content: 'What happened to solar output in 2024?' }],
    });
    expect(step1.output).toMatchObject({ role: 'assistant', content: plan.choices[0]!.message.content });
    expect(step1.costUsd).toBeGreaterThan(0);
    expect(spans.get(searchSpanId)).toMatchObject({
      parentSpanId: planSpanId,
      type: 'tool',
      name: 'web-search',
      stepOrder: 2,
      destructive: false,
      output: searchResult,
    });
    expect(spans.get(answerSpanId)).toMatchObject({ parentSpanId: searchSpanId, stepOrder: 3 });
    expect(spans.get(deleteSpanId)).toMatchObject({
      parentSpanId: answerSpanId,
      stepOrder: 4,
      destructive: true,
      output: { deleted: 1 },
    });
  });

  it('records a failing call on its span and rethrows the very same error', async () => {
    const tp = new Spyglass({ url: server.url });
    const traceId = tp.startTrace('failing-agent');
    const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'hello [[fail:429]]' }];
    let caught: unknown;
    try {
      await tp.wrapOpenAI(() => openai.chat.completions.create({ model: 'gpt-4o-mini', messages }), messages);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(OpenAI.RateLimitError);
    const toolError = new Error('disk full');
    await expect(
      tp.wrapToolCall(
        'write-file',
        () => {
          throw toolError;
        },
        undefined,
        undefined,
        true,
      ),
    ).rejects.toBe(toolError);
    await tp.shutdown();

    const stored = await waitForTrace(
      server.url,
      traceId,
      (t) => t.spans.length === 2 && t.spans.every((s) => s.status === 'error'),
    );
    const llm = stored.spans.find((s) => s.type === 'llm')!;
    expect(llm.error).toMatchObject({ type: 'RateLimitError' });
    expect(llm.error!.message).toContain('Rate limit reached');
    expect(llm.attributes).toMatchObject({ 'http.status_code': 429, 'error.code': 'rate_limit_exceeded' });
    expect(byName(stored, 'write-file')).toMatchObject({
      destructive: true,
      error: { message: 'disk full', type: 'Error' },
    });
  });

  it('reads the responses API, tool calls included', async () => {
    const tp = new Spyglass({ url: server.url });
    const traceId = tp.startTrace('responses-agent');
    const input = 'look this up with web_search';
    const { result } = await tp.wrapOpenAI(
      () =>
        openai.responses.create({
          model: 'gpt-4o-mini',
          input,
          tools: [
            {
              type: 'function',
              name: 'web_search',
              parameters: { type: 'object', properties: { query: { type: 'string' } } },
              strict: false,
            },
          ],
        }),
      input,
    );
    await tp.shutdown();
    const stored = await waitForTrace(server.url, traceId, (t) => t.spans[0]?.status === 'success');
    const span = stored.spans[0]!;
    expect(span.input).toEqual({ input });
    expect(span.output).toMatchObject({
      role: 'assistant',
      tool_calls: [{ type: 'function', function: { name: 'web_search' } }],
    });
    expect(span.promptTokens).toBe(result.usage!.input_tokens);
    expect(span.completionTokens).toBe(result.usage!.output_tokens);
  });
});
