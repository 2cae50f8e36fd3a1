// One line instruments a whole `openai` client: every model call becomes an LLM span with its
// request parameters, while what the client returns stays exactly what it would have been (the
// same APIPromise, Stream and helper objects). Real client, fake server, real collector.
import OpenAI from 'openai';
import { APIPromise } from 'openai/core/api-promise';
import { Stream } from 'openai/streaming';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeOpenAI } from '../../examples/fake-openai/server.ts';
import type { FakeOpenAI } from '../../examples/fake-openai/server.ts';
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

const newClient = () => new OpenAI({ baseURL: fake.url, apiKey: 'sk-test', maxRetries: 0 });

const tools: OpenAI.ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
      name: 'lookup',
      description: 'Search the knowledge base',
      parameters: { type: 'object', properties: { query: { type: 'string' } } },
    },
  },
];

/** Waits until the trace holds `count` spans, all ended. */
function settled(count: number) {
  return (t: StoredTrace) => t.spans.length === count && t.spans.every((s) => s.status !== 'running');
}

it('traces chat, responses and embeddings calls with their request parameters, results untouched', async () => {
  const sg = new Spyglass({ url: server.url });
  const openai = newClient();
  expect(sg.instrument(openai)).toBe(openai);
  const plain = newClient();

  const traceId = await sg.traced('support-agent', async () => {
    const request = {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user' as const, content: 'Use lookup to find the refund policy' }],
      tools,
      tool_choice: 'auto' as const,
      temperature: 0.2,
      max_tokens: 300,
      response_format: { type: 'text' as const },
    };
    const pending = openai.chat.completions.create(request);
    expect(pending).toBeInstanceOf(APIPromise);
    const completion = await pending;
    const strip = (c: OpenAI.ChatCompletion) => ({
      ...c,
      id: '',
      created: 0,
      choices: c.choices.map((x) => ({
        ...x,
        message: { ...x.message, tool_calls: x.message.tool_calls?.map((t) => ({ ...t, id: '' })) },
      })),
    });
    expect(strip(completion)).toEqual(strip(await plain.chat.completions.create(request)));
    expect(completion.choices[0]?.message.tool_calls?.[0]).toMatchObject({ function: { name: 'lookup' } });

    const response = await openai.responses.create({
      model: 'gpt-4.1-mini',
      input: 'Summarise the refund policy',
      max_output_tokens: 200,
      text: { format: { type: 'text' } },
    });
    expect(response.output_text).toContain('refund policy');
    const embedding = await openai.embeddings.create({
      model: 'text-embedding-3-small',
      input: ['refund', 'policy'],
    });
    expect(embedding.data).toHaveLength(2);
    return sg.currentTraceId();
  });
  await sg.flush();

  const stored = await waitForTrace(server.url, traceId!, settled(4));
  const root = stored.spans.find((s) => s.parentSpanId === null)!;
  const [chat, responses, embeddings] = stored.spans
    .filter((s) => s.parentSpanId === root.spanId)
    .sort((a, b) => (a.stepOrder ?? 0) - (b.stepOrder ?? 0));
  expect(chat).toMatchObject({
    name: 'gpt-4o-mini-2024-07-18',
    type: 'llm',
    provider: 'openai',
    model: 'gpt-4o-mini-2024-07-18',
    status: 'success',
  });
  expect(chat!.promptTokens).toBeGreaterThan(0);
  expect(chat!.input).toMatchObject({ model: 'gpt-4o-mini', tools, tool_choice: 'auto' });
  expect(chat!.attributes).toMatchObject({
    'gen_ai.request.model': 'gpt-4o-mini',
    'gen_ai.request.temperature': 0.2,
    'gen_ai.request.max_tokens': 300,
    'gen_ai.request.tool_choice': 'auto',
    'gen_ai.request.response_format': { type: 'text' },
    'gen_ai.request.tools': ['lookup'],
  });
  expect(chat!.output).toMatchObject({ role: 'assistant', tool_calls: [{ function: { name: 'lookup' } }] });
  expect(responses).toMatchObject({ name: 'gpt-4.1-mini', type: 'llm', status: 'success' });
  expect(responses!.attributes).toMatchObject({
    'gen_ai.request.max_tokens': 200,
    'gen_ai.request.response_format': { type: 'text' },
  });
  expect(responses!.output).toMatchObject({ role: 'assistant' });
  expect(embeddings).toMatchObject({ name: 'text-embedding-3-small', type: 'embedding', status: 'success' });
  expect(embeddings!.output).toEqual({ embeddings: 2, dimensions: expect.any(Number) });
  await sg.shutdown();
});

it('records streams, the .stream() helper (one span, not two) and withResponse(), returning the same objects', async () => {
  const sg = new Spyglass({ url: server.url });
  const openai = sg.instrument(newClient());
  const traceId = sg.startTrace('streaming');

  const stream = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'Explain streaming' }],
    stream: true,
    stream_options: { include_usage: true },
  });
  expect(stream).toBeInstanceOf(Stream);
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
  expect(text).toContain('streaming');

  const helper = openai.chat.completions.stream({
    model: 'gpt-4o',
    messages: [{ role: 'user', content: 'Explain the stream helper' }],
    stream_options: { include_usage: true },
  });
  const deltas: string[] = [];
  helper.on('content', (delta) => deltas.push(delta));
  const final = await helper.finalChatCompletion();
  expect(final.choices[0]?.message.content).toBe(deltas.join(''));

  const responseStream = openai.responses.stream({ model: 'gpt-4.1', input: 'Stream a response' });
  const finalResponse = await responseStream.finalResponse();
  expect(finalResponse.output_text).toContain('Stream a response');

  const { data, response, request_id } = await openai.chat.completions
    .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'With the raw response' }] })
    .withResponse();
  expect(response.status).toBe(200);
  expect(request_id).toMatch(/^req_fake_/);
  expect(data.choices[0]?.message.content).toContain('With the raw response');

  const raw = await openai.embeddings.create({ model: 'text-embedding-3-small', input: 'raw' }).asResponse();
  // The body was left for the caller to read.
  expect(((await raw.json()) as { data: unknown[] }).data).toHaveLength(1);
  sg.endTrace(traceId);
  await sg.flush();

  const stored = await waitForTrace(server.url, traceId, settled(5));
  const spans = [...stored.spans].sort((a, b) => (a.stepOrder ?? 0) - (b.stepOrder ?? 0));
  const [streamed, helped, responded, withResponse, asResponse] = spans;
  expect(streamed).toMatchObject({ name: 'gpt-4o-mini-2024-07-18', status: 'success' });
  expect(streamed!.output).toEqual({ role: 'assistant', content: text });
  expect(streamed!.promptTokens).toBeGreaterThan(0);
  expect(streamed!.timeToFirstTokenMs).toBeGreaterThan(0);
  expect(streamed!.attributes).toMatchObject({ 'llm.stream': true, 'gen_ai.request.stream': true });
  expect(helped).toMatchObject({ name: 'gpt-4o-2024-08-06', status: 'success' });
  expect(helped!.output).toEqual({ role: 'assistant', content: deltas.join('') });
  expect(helped!.completionTokens).toBeGreaterThan(0);
  expect(responded).toMatchObject({ name: 'gpt-4.1', status: 'success' });
  expect(responded!.output).toMatchObject({ role: 'assistant', content: finalResponse.output_text });
  expect(withResponse).toMatchObject({ name: 'gpt-4o-mini-2024-07-18', status: 'success' });
  expect(withResponse!.totalTokens).toBe(data.usage!.total_tokens);
  expect(asResponse).toMatchObject({ name: 'text-embedding-3-small', status: 'success' });
  expect(asResponse!.attributes).toMatchObject({ 'http.status_code': 200 });
  await sg.shutdown();
});

it('names a failed call after the model it asked for and rethrows the very same error', async () => {
  const sg = new Spyglass({ url: server.url });
  const openai = sg.instrument(newClient());
  const traceId = sg.startTrace('failing');
  const error = await openai.chat.completions
    .create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'Hello [[fail:429]]' }] })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OpenAI.RateLimitError);
  sg.endTrace(traceId);
  await sg.flush();

  const stored = await waitForTrace(server.url, traceId, settled(1));
  expect(stored.spans[0]).toMatchObject({
    name: 'gpt-4.1-mini',
    model: 'gpt-4.1-mini',
    status: 'error',
    error: { type: 'RateLimitError' },
  });
  expect(stored.spans[0]!.attributes).toMatchObject({ 'http.status_code': 429 });
  await sg.shutdown();
});

it('does not trace twice a call to an instrumented client inside wrapOpenAI', async () => {
  const sg = new Spyglass({ url: server.url });
  const openai = sg.instrument(newClient());
  const traceId = sg.startTrace('both-styles');
  const messages = [{ role: 'user' as const, content: 'Hello from both styles' }];
  const { result } = await sg.wrapOpenAI(
    () => openai.chat.completions.create({ model: 'gpt-4o-mini', messages }),
    messages,
  );
  expect(result.choices).toHaveLength(1);
  sg.endTrace(traceId);
  await sg.flush();
  const stored = await waitForTrace(server.url, traceId, (t) => t.trace.status !== 'running');
  expect(stored.spans).toHaveLength(1);
  await sg.shutdown();
});

it("also instruments through LangSmith's spelling, wrapOpenAI(client)", async () => {
  const sg = new Spyglass({ url: server.url });
  const client = newClient();
  const openai = sg.wrapOpenAI(client);
  expect(openai).toBe(client);
  const traceId = sg.startTrace('langsmith-style');
  await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
  sg.endTrace(traceId);
  await sg.flush();
  const stored = await waitForTrace(server.url, traceId, settled(1));
  expect(stored.spans[0]).toMatchObject({ name: 'gpt-4o-2024-08-06', type: 'llm', status: 'success' });
  await sg.shutdown();
});

it('records the .parse() helper (structured output) as one span and leaves its parsed result alone', async () => {
  const sg = new Spyglass({ url: server.url });
  const openai = sg.instrument(newClient());
  const traceId = sg.startTrace('structured');
  const response_format = {
    type: 'json_schema' as const,
    json_schema: {
      name: 'intent',
      schema: { type: 'object', properties: { intent: { type: 'string' }, confidence: { type: 'number' } } },
    },
  };
  const parsed = await openai.chat.completions.parse({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'Classify: I want a refund' }],
    response_format,
  });
  expect(parsed.choices[0]?.message.parsed).toEqual({ intent: 'refund_request', confidence: 0.92 });
  sg.endTrace(traceId);
  await sg.flush();
  const stored = await waitForTrace(server.url, traceId, settled(1));
  expect(stored.spans[0]).toMatchObject({ name: 'gpt-4o-mini-2024-07-18', status: 'success' });
  expect(stored.spans[0]!.attributes).toMatchObject({ 'gen_ai.request.response_format': response_format });
  expect(stored.spans[0]!.output).toMatchObject({ content: '{"intent":"refund_request","confidence":0.92}' });
  await sg.shutdown();
});

it('ends the span as an error when a 200 answer cannot be parsed, through the plain call and the .parse() helper', async () => {
  const sg = new Spyglass({ url: server.url });
  const openai = sg.instrument(newClient());
  const traceId = sg.startTrace('broken-body');
  const headers = { 'x-fake-bad-json': '1' };
  const body = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Hi' }] };
  const plainError = await openai.chat.completions.create(body, { headers }).catch((e: unknown) => e);
  const helperError = await openai.chat.completions.parse(body, { headers }).catch((e: unknown) => e);
  expect(plainError).toBeInstanceOf(Error);
  expect(helperError).toBeInstanceOf(Error);
  sg.endTrace(traceId);
  await sg.flush();
  const stored = await waitForTrace(server.url, traceId, settled(2));
  expect(stored.spans.map((s) => [s.name, s.status])).toEqual([
    ['gpt-4o-mini', 'error'],
    ['gpt-4o-mini', 'error'],
  ]);
  await sg.shutdown();
});
