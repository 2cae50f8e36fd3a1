// The seed-style per-call wrapOpenAI(call, messages) with what real clients return beyond a plain
// completion: `.withResponse()`'s { data, response }, and the Anthropic client's Message, raw
// event stream and MessageStream helper. Results stay untouched; the span reads the answer.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeOpenAI } from '../../examples/fake-openai/server.ts';
import type { FakeOpenAI } from '../../examples/fake-openai/server.ts';
import { startTestServer } from '../../test/helpers/server.ts';
import type { TestServer } from '../../test/helpers/server.ts';
import { Spyglass } from '../src/index.ts';
import { waitForTrace } from './helpers.ts';

let server: TestServer;
let fake: FakeOpenAI;
beforeAll(async () => {
  server = await startTestServer();
  fake = await startFakeOpenAI();
});
afterAll(async () => {
  await fake.close();
  await server.close();
});

it('reads model and tokens through withResponse() and Anthropic answers, streamed or not', async () => {
  const sg = new Spyglass({ url: server.url });
  const openai = new OpenAI({ baseURL: fake.url, apiKey: 'sk-test', maxRetries: 0 });
  const anthropic = new Anthropic({ baseURL: fake.anthropicUrl, apiKey: 'sk-ant-test', maxRetries: 0 });
  const traceId = sg.startTrace('vendors');
  const messages = [{ role: 'user' as const, content: 'Explain the refund policy' }];

  const { result: withResponse } = await sg.wrapOpenAI(
    () => openai.chat.completions.create({ model: 'gpt-4o-mini', messages }).withResponse(),
    messages,
  );
  expect(withResponse.response.status).toBe(200);

  const { result: message } = await sg.wrapOpenAI(
    () => anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 100, messages }),
    messages,
  );
  expect(message.type).toBe('message');

  const { result: stream } = await sg.wrapOpenAI(
    () => anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 100, messages, stream: true }),
    messages,
  );
  let text = '';
  for await (const event of stream)
    if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;

  const { result: helper } = await sg.wrapOpenAI(
    () => anthropic.messages.stream({ model: 'claude-haiku-4-5', max_tokens: 100, messages }),
    messages,
  );
  const final = await helper.finalMessage();
  sg.endTrace(traceId);
  await sg.flush();

  const stored = await waitForTrace(
    server.url,
    traceId,
    (t) => t.spans.length === 4 && t.spans.every((s) => s.status !== 'running'),
  );
  const [first, second, third, fourth] = [...stored.spans].sort(
    (a, b) => (a.stepOrder ?? 0) - (b.stepOrder ?? 0),
  );
  expect(first).toMatchObject({
    name: 'gpt-4o-mini-2024-07-18',
    model: 'gpt-4o-mini-2024-07-18',
    totalTokens: withResponse.data.usage!.total_tokens,
  });
  expect(first!.output).toMatchObject({
    role: 'assistant',
    content: withResponse.data.choices[0]!.message.content,
  });
  expect(second).toMatchObject({ name: 'claude-sonnet-4-5', completionTokens: message.usage.output_tokens });
  expect(second!.output).toEqual({ role: 'assistant', content: message.content });
  expect(third).toMatchObject({ name: 'claude-sonnet-4-5', status: 'success' });
  expect(third!.output).toEqual({ role: 'assistant', content: [{ type: 'text', text }] });
  expect(third!.completionTokens).toBeGreaterThan(0);
  expect(fourth).toMatchObject({ name: 'claude-haiku-4-5', completionTokens: final.usage.output_tokens });
  expect(fourth!.output).toEqual({ role: 'assistant', content: final.content });
  await sg.shutdown();
});
