// Streaming through the real `openai` client: chunks reach the agent unchanged, and the span gets
// the assembled answer, usage, chunk count and time to first token.
import OpenAI from 'openai';
import { Stream } from 'openai/streaming';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeOpenAI } from '../../examples/fake-openai/server.ts';
import type { FakeOpenAI } from '../../examples/fake-openai/server.ts';
import { startTestServer } from '../../test/helpers/server.ts';
import type { TestServer } from '../../test/helpers/server.ts';
import { Spyglass } from '../src/index.ts';
import { waitForTrace } from './helpers.ts';

let server: TestServer;
let fake: FakeOpenAI;
let openai: OpenAI;
beforeAll(async () => {
  server = await startTestServer();
  fake = await startFakeOpenAI({ latencyMs: 30 });
  openai = new OpenAI({ baseURL: fake.url, apiKey: 'sk-test', maxRetries: 0 });
});
afterAll(async () => {
  await fake.close();
  await server.close();
});

const tools = [
  {
    type: 'function' as const,
    function: { name: 'lookup', parameters: { type: 'object', properties: { query: { type: 'string' } } } },
  },
];

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const chunk of stream) out.push(chunk);
  return out;
}

it('passes chat chunks through unchanged and records text, usage and time to first token', async () => {
  const sg = new Spyglass({ url: server.url });
  const traceId = sg.startTrace('streaming-agent');
  const messages: OpenAI.ChatCompletionMessageParam[] = [
    { role: 'user', content: 'Explain time to first token' },
  ];
  const request = {
    model: 'gpt-4o-mini',
    messages,
    stream: true as const,
    stream_options: { include_usage: true },
  };
  const { result: stream, spanId } = await sg.wrapOpenAI(
    () => openai.chat.completions.create(request),
    messages,
  );
  // The agent gets the client's own Stream object back, not a copy.
  expect(stream).toBeInstanceOf(Stream);
  const traced = await collect(stream);
  // The same request without the SDK gives the same chunks (ids and timestamps aside).
  const plain = await collect(await openai.chat.completions.create(request));
  const strip = (c: OpenAI.ChatCompletionChunk) => ({ ...c, id: '', created: 0 });
  expect(traced.map(strip)).toEqual(plain.map(strip));
  await sg.shutdown();

  const text = traced.map((c) => c.choices[0]?.delta.content ?? '').join('');
  const usage = traced.at(-1)!.usage!;
  const stored = await waitForTrace(server.url, traceId, (t) => t.spans[0]?.status === 'success');
  const span = stored.spans[0]!;
  expect(span.spanId).toBe(spanId);
  expect(span.output).toEqual({ role: 'assistant', content: text });
  expect(span).toMatchObject({
    promptTokens: usage.prompt_tokens,
    completionTokens: usage.completion_tokens,
    model: 'gpt-4o-mini-2024-07-18',
  });
  expect(span.attributes).toMatchObject({ 'llm.stream': true, 'llm.stream.chunks': traced.length });
  expect(span.timeToFirstTokenMs).toBeGreaterThanOrEqual(30);
  expect(span.timeToFirstTokenMs!).toBeLessThanOrEqual(span.durationMs!);
});

it('assembles streamed tool calls and streamed responses-API text', async () => {
  const sg = new Spyglass({ url: server.url });
  const traceId = sg.startTrace('streaming-tools');
  const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'use lookup for pricing' }];
  const { result: toolStream } = await sg.wrapOpenAI(
    () => openai.chat.completions.create({ model: 'gpt-4o', messages, tools, stream: true }),
    messages,
  );
  await collect(toolStream);
  const { result: responseStream } = await sg.wrapOpenAI(
    () => openai.responses.create({ model: 'gpt-4o-mini', input: 'Say hello', stream: true }),
    'Say hello',
  );
  let text = '';
  for await (const event of responseStream)
    if (event.type === 'response.output_text.delta') text += event.delta;
  await sg.shutdown();

  const stored = await waitForTrace(
    server.url,
    traceId,
    (t) => t.spans.length === 2 && t.spans.every((s) => s.status === 'success'),
  );
  const [chat, responses] = [...stored.spans].sort((a, b) => (a.stepOrder ?? 0) - (b.stepOrder ?? 0));
  expect(chat!.output.tool_calls).toMatchObject([
    {
      type: 'function',
      function: { name: 'lookup', arguments: JSON.stringify({ query: 'use lookup for pricing' }) },
    },
  ]);
  expect(responses!.output).toEqual({ role: 'assistant', content: text });
  expect(responses!.promptTokens).toBeGreaterThan(0);
  expect(responses!.timeToFirstTokenMs).toBeGreaterThan(0);
});

it('ends the span when the agent stops reading early, and records a stream that fails', async () => {
  const sg = new Spyglass({ url: server.url });
  const traceId = sg.startTrace('early-exit');
  const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'A long answer please' }];
  const { result } = await sg.wrapOpenAI(
    () => openai.chat.completions.create({ model: 'gpt-4o-mini', messages, stream: true }),
    messages,
  );
  for await (const chunk of result) if (chunk.choices[0]?.delta.content) break;
  await sg.shutdown();
  const stored = await waitForTrace(server.url, traceId, (t) => t.spans[0]?.status === 'success');
  expect(stored.spans[0]!.attributes).toMatchObject({ 'llm.stream.cancelled': true });
  expect(stored.spans[0]!.timeToFirstTokenMs).toBeGreaterThan(0);
});

it('records the .stream() helper, which reads itself', async () => {
  const sg = new Spyglass({ url: server.url });
  const traceId = sg.startTrace('runner');
  const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Stream via helper' }];
  const { result: runner } = await sg.wrapOpenAI(
    () => openai.chat.completions.stream({ model: 'gpt-4o-mini', messages }),
    messages,
  );
  const final = await runner.finalChatCompletion();
  await new Promise((resolve) => setTimeout(resolve, 0));
  await sg.shutdown();
  const stored = await waitForTrace(server.url, traceId, (t) => t.spans[0]?.status === 'success');
  expect(stored.spans[0]!.output).toMatchObject({ content: final.choices[0]!.message.content });
  expect(stored.spans[0]!.timeToFirstTokenMs).toBeGreaterThan(0);
});
