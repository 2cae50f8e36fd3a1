// One line instruments the official Anthropic client: messages (text and tool use), streamed
// events (raw and through the .stream() helper), prompt-cache reads and writes priced into the
// cost, and failures named after the model asked for. Real client, fake server, real collector.
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeOpenAI } from '../../examples/fake-openai/server.ts';
import type { FakeOpenAI } from '../../examples/fake-openai/server.ts';
import { estimateCostUsd } from '../../src/server/pricing/index.ts';
import { startTestServer } from '../../test/helpers/server.ts';
import type { TestServer } from '../../test/helpers/server.ts';
import { Spyglass } from '../src/index.ts';
import type { StoredTrace } from './helpers.ts';
import { waitForTrace } from './helpers.ts';

let server: TestServer;
let fake: FakeOpenAI;
beforeAll(async () => {
  server = await startTestServer();
  fake = await startFakeOpenAI({ latencyMs: 5 });
});
afterAll(async () => {
  await fake.close();
  await server.close();
});

const MODEL = 'claude-sonnet-4-5';
const newClient = () => new Anthropic({ baseURL: fake.anthropicUrl, apiKey: 'sk-ant-test', maxRetries: 0 });

const tools: Anthropic.Tool[] = [
  {
    name: 'get_weather',
    description: 'Current weather for a city',
    input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
];

function settled(count: number) {
  return (t: StoredTrace) => t.spans.length === count && t.spans.every((s) => s.status !== 'running');
}

function inOrder(trace: StoredTrace) {
  return [...trace.spans].sort((a, b) => (a.stepOrder ?? 0) - (b.stepOrder ?? 0));
}

it('traces messages with tool use, the request parameters and the answer blocks', async () => {
  const sg = new Spyglass({ url: server.url });
  const anthropic = newClient();
  expect(sg.instrument(anthropic)).toBe(anthropic);
  const traceId = sg.startTrace('weather-agent');
  const messages: Anthropic.MessageParam[] = [{ role: 'user', content: 'Use get_weather for Paris' }];
  const first = await anthropic.messages.create({
    model: MODEL,
    max_tokens: 512,
    temperature: 0.3,
    tools,
    tool_choice: { type: 'auto' },
    messages,
  });
  const call = first.content.find((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use')!;
  expect(call).toMatchObject({ name: 'get_weather', input: { city: expect.any(String) } });
  const second = await anthropic.messages.create({
    model: MODEL,
    max_tokens: 512,
    tools,
    messages: [
      ...messages,
      { role: 'assistant', content: first.content },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: '18°C, clear' }] },
    ],
  });
  expect(second.stop_reason).toBe('end_turn');
  sg.endTrace(traceId);
  await sg.flush();

  const [toolTurn, answerTurn] = inOrder(await waitForTrace(server.url, traceId, settled(2)));
  expect(toolTurn).toMatchObject({ name: MODEL, type: 'llm', provider: 'anthropic', model: MODEL });
  expect(toolTurn!.input).toMatchObject({ model: MODEL, messages, tools });
  expect(toolTurn!.attributes).toMatchObject({
    'gen_ai.request.max_tokens': 512,
    'gen_ai.request.temperature': 0.3,
    'gen_ai.request.tool_choice': { type: 'auto' },
    'gen_ai.request.tools': ['get_weather'],
  });
  expect(toolTurn!.output).toEqual({ role: 'assistant', content: first.content });
  expect(toolTurn!.promptTokens).toBe(first.usage.input_tokens);
  expect(toolTurn!.completionTokens).toBe(first.usage.output_tokens);
  expect(answerTurn!.output).toEqual({ role: 'assistant', content: second.content });
  await sg.shutdown();
});

it('prices prompt-cache writes and reads at their own rates', async () => {
  const sg = new Spyglass({ url: server.url });
  const anthropic = sg.instrument(newClient());
  const traceId = sg.startTrace('cached');
  const request: Anthropic.MessageCreateParamsNonStreaming = {
    model: MODEL,
    max_tokens: 256,
    system: [
      {
        type: 'text',
        text: 'You are a support agent for a bank. '.repeat(60),
        cache_control: { type: 'ephemeral' },
      },
    ],
    messages: [{ role: 'user', content: 'How do I reset my password?' }],
  };
  const written = await anthropic.messages.create(request);
  const read = await anthropic.messages.create(request);
  expect(written.usage.cache_creation_input_tokens).toBeGreaterThan(0);
  expect(read.usage.cache_read_input_tokens).toBeGreaterThan(0);
  sg.endTrace(traceId);
  await sg.flush();

  const [writeSpan, readSpan] = inOrder(await waitForTrace(server.url, traceId, settled(2)));
  for (const [span, message] of [
    [writeSpan!, written],
    [readSpan!, read],
  ] as const) {
    const u = message.usage;
    const promptTokens =
      u.input_tokens + (u.cache_read_input_tokens ?? 0) + (u.cache_creation_input_tokens ?? 0);
    expect(span.promptTokens).toBe(promptTokens);
    const priced = estimateCostUsd({
      model: MODEL,
      provider: 'anthropic',
      promptTokens,
      completionTokens: u.output_tokens,
      cacheReadTokens: u.cache_read_input_tokens ?? 0,
      cacheWriteTokens: u.cache_creation_input_tokens ?? 0,
    });
    const uncached = estimateCostUsd({
      model: MODEL,
      provider: 'anthropic',
      promptTokens,
      completionTokens: u.output_tokens,
    });
    expect(priced).not.toBe(uncached);
    expect(span.costUsd).toBeCloseTo(priced!, 12);
  }
  expect(writeSpan!.attributes).toMatchObject({
    'gen_ai.usage.cache_creation.input_tokens': written.usage.cache_creation_input_tokens,
  });
  expect(readSpan!.attributes).toMatchObject({
    'gen_ai.usage.cache_read.input_tokens': read.usage.cache_read_input_tokens,
  });
  // A cache read costs a tenth of the input rate, a write a quarter more.
  expect(readSpan!.costUsd!).toBeLessThan(writeSpan!.costUsd!);
  await sg.shutdown();
});

it('records streamed events and the .stream() helper, handing both back untouched', async () => {
  const sg = new Spyglass({ url: server.url });
  const anthropic = sg.instrument(newClient());
  const plain = newClient();
  const traceId = sg.startTrace('streaming');
  const request = {
    model: MODEL,
    max_tokens: 256,
    messages: [{ role: 'user' as const, content: 'Explain event streams' }],
    stream: true as const,
  };
  const stream = await anthropic.messages.create(request);
  const events: Anthropic.MessageStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  const expected: Anthropic.MessageStreamEvent[] = [];
  for await (const event of await plain.messages.create(request)) expected.push(event);
  const strip = (e: Anthropic.MessageStreamEvent) =>
    e.type === 'message_start' ? { ...e, message: { ...e.message, id: '' } } : e;
  expect(events.map(strip)).toEqual(expected.map(strip));
  const text = events
    .map((e) => (e.type === 'content_block_delta' && e.delta.type === 'text_delta' ? e.delta.text : ''))
    .join('');

  const helper = anthropic.messages.stream({
    model: MODEL,
    max_tokens: 256,
    tools,
    messages: [{ role: 'user', content: 'Use get_weather for Oslo' }],
  });
  const final = await helper.finalMessage();
  expect(final.content[0]).toMatchObject({ type: 'tool_use', name: 'get_weather' });
  sg.endTrace(traceId);
  await sg.flush();

  const [streamed, helped] = inOrder(await waitForTrace(server.url, traceId, settled(2)));
  expect(streamed).toMatchObject({ name: MODEL, status: 'success', provider: 'anthropic' });
  expect(streamed!.output).toEqual({ role: 'assistant', content: [{ type: 'text', text }] });
  const usage = (events.find((e) => e.type === 'message_delta') as Anthropic.MessageDeltaEvent).usage;
  expect(streamed!.completionTokens).toBe(usage.output_tokens);
  expect(streamed!.promptTokens).toBeGreaterThan(0);
  expect(streamed!.timeToFirstTokenMs).toBeGreaterThan(0);
  expect(streamed!.attributes).toMatchObject({ 'llm.stream': true, 'llm.stream.chunks': events.length });
  expect(helped).toMatchObject({ name: MODEL, status: 'success' });
  expect(helped!.output).toEqual({ role: 'assistant', content: final.content });
  await sg.shutdown();
});

it('names a failed call after the model it asked for', async () => {
  const sg = new Spyglass({ url: server.url });
  const anthropic = sg.instrument(newClient());
  const traceId = sg.startTrace('failing');
  const error = await anthropic.messages
    .create({
      model: 'claude-haiku-4-5',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'Hi [[fail:429]]' }],
    })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(Anthropic.RateLimitError);
  sg.endTrace(traceId);
  await sg.flush();
  const [span] = (await waitForTrace(server.url, traceId, settled(1))).spans;
  expect(span).toMatchObject({
    name: 'claude-haiku-4-5',
    status: 'error',
    error: { type: 'RateLimitError' },
  });
  await sg.shutdown();
});
