// The fake OpenAI-compatible server, driven by the official `openai` client: every shape the
// client parses (completions, streams, responses, embeddings, errors) must come back intact.
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI } from '../../examples/fake-openai/server.ts';
import type { FakeOpenAI } from '../../examples/fake-openai/server.ts';

let fake: FakeOpenAI;
let client: OpenAI;

const tools = [
  {
    type: 'function' as const,
    function: {
      name: 'web_search',
      description: 'Search the web',
      parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
    },
  },
  {
    type: 'function' as const,
    function: {
      name: 'write_file',
      description: 'Write a file',
      parameters: { type: 'object', properties: { path: { type: 'string' }, content: { type: 'string' } } },
    },
  },
];

beforeAll(async () => {
  fake = await startFakeOpenAI();
  client = new OpenAI({ baseURL: fake.url, apiKey: 'sk-test', maxRetries: 0 });
});
afterAll(() => fake.close());

describe('fake OpenAI server', () => {
  it('answers chat completions with usage counted from the text', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'How do I reset my password?' }],
    });
    expect(completion.object).toBe('chat.completion');
    expect(completion.model).toBe('gpt-4o-mini-2024-07-18');
    expect(completion.choices[0].message.content).toContain('How do I reset my password?');
    expect(completion.choices[0].finish_reason).toBe('stop');
    expect(completion.usage!.prompt_tokens).toBeGreaterThan(5);
    expect(completion.usage!.total_tokens).toBe(
      completion.usage!.prompt_tokens + completion.usage!.completion_tokens,
    );
    expect(fake.requests.at(-1)).toMatchObject({
      path: '/v1/chat/completions',
      body: { model: 'gpt-4o-mini' },
    });
  });

  it('is deterministic', async () => {
    const ask = () =>
      client.chat.completions.create({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'Classify: I want a refund' }],
      });
    const [a, b] = await Promise.all([ask(), ask()]);
    expect(a.choices[0].message.content).toBe('refund_request');
    expect(b.choices[0].message.content).toBe(a.choices[0].message.content);
  });

  it('scripts a multi-step tool run: named tools in order, then an answer', async () => {
    const messages: OpenAI.ChatCompletionMessageParam[] = [
      { role: 'user', content: 'Use web_search for the 2024 solar output, then write_file the summary' },
    ];
    const first = await client.chat.completions.create({ model: 'gpt-4o', messages, tools });
    const call1 = first.choices[0].message.tool_calls![0];
    expect(first.choices[0].finish_reason).toBe('tool_calls');
    expect(call1.type === 'function' && call1.function.name).toBe('web_search');
    messages.push(first.choices[0].message, {
      role: 'tool',
      tool_call_id: call1.id,
      content: 'Solar output grew 29% in 2024.',
    });
    const second = await client.chat.completions.create({ model: 'gpt-4o', messages, tools });
    const call2 = second.choices[0].message.tool_calls![0];
    expect(call2.type === 'function' && call2.function.name).toBe('write_file');
    expect(call2.type === 'function' && JSON.parse(call2.function.arguments).content).toContain(
      'Solar output grew 29%',
    );
    messages.push(second.choices[0].message, { role: 'tool', tool_call_id: call2.id, content: 'ok' });
    const third = await client.chat.completions.create({ model: 'gpt-4o', messages, tools });
    expect(third.choices[0].message.tool_calls).toBeUndefined();
    expect(third.choices[0].message.content).toContain('2 tool results');
  });

  it('calls several tools at once when asked to work in parallel', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'In parallel: web_search and write_file' }],
      tools,
    });
    expect(
      completion.choices[0].message.tool_calls!.map((c) => c.type === 'function' && c.function.name),
    ).toEqual(['web_search', 'write_file']);
  });

  it('streams chat chunks with usage last when include_usage is set', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Explain streaming briefly' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    expect(chunks.length).toBeGreaterThan(3);
    expect(text).toContain('Explain streaming briefly');
    expect(chunks.at(-1)!.choices).toEqual([]);
    expect(chunks.at(-1)!.usage!.completion_tokens).toBeGreaterThan(0);
  });

  it('streams tool calls that the client helper can assemble', async () => {
    const runner = client.chat.completions.stream({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'web_search please' }],
      tools,
    });
    const final = await runner.finalChatCompletion();
    const call = final.choices[0].message.tool_calls![0];
    expect(call.type === 'function' && JSON.parse(call.function.arguments)).toEqual({
      query: 'web_search please',
    });
  });

  it('serves the responses API, plain and streaming, with function calls', async () => {
    const plain = await client.responses.create({ model: 'gpt-4o-mini', input: 'Write a haiku about logs' });
    expect(plain.output_text).toContain('haiku about logs');
    expect(plain.usage!.total_tokens).toBe(plain.usage!.input_tokens + plain.usage!.output_tokens);

    const call = await client.responses.create({
      model: 'gpt-4o',
      input: 'find docs with web_search',
      tools: [
        {
          type: 'function',
          name: 'web_search',
          parameters: { type: 'object', properties: { query: { type: 'string' } } },
          strict: false,
        },
      ],
    });
    expect(call.output[0]).toMatchObject({ type: 'function_call', name: 'web_search' });

    const stream = await client.responses.create({
      model: 'gpt-4o-mini',
      input: 'Stream me a sentence',
      stream: true,
    });
    const types: string[] = [];
    let text = '';
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'response.output_text.delta') text += event.delta;
    }
    expect(types[0]).toBe('response.created');
    expect(types.at(-1)).toBe('response.completed');
    expect(text).toContain('Stream me a sentence');
  });

  it('serves embeddings in the default base64 encoding and as floats', async () => {
    const decoded = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: ['a', 'b'],
      dimensions: 8,
    });
    expect(decoded.data).toHaveLength(2);
    expect(decoded.data[0].embedding).toHaveLength(8);
    const floats = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: 'a',
      dimensions: 8,
      encoding_format: 'float',
    });
    expect(floats.data[0].embedding[0]).toBeCloseTo(decoded.data[0].embedding[0], 5);
  });

  it('lists models', async () => {
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toContain('gpt-4o-mini');
  });

  it('fails on demand with the OpenAI error shape, and once-only failures succeed on retry', async () => {
    const always = client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi [[fail:429]]' }],
    });
    await expect(always).rejects.toMatchObject({ status: 429, code: 'rate_limit_exceeded' });

    const messages = [{ role: 'user' as const, content: 'hi [[fail-once:500]]' }];
    await expect(client.chat.completions.create({ model: 'gpt-4o', messages })).rejects.toBeInstanceOf(
      OpenAI.InternalServerError,
    );
    const retried = await client.chat.completions.create({ model: 'gpt-4o', messages });
    expect(retried.choices[0].message.content).toContain('hi');

    const viaHeader = client.embeddings.create(
      { model: 'text-embedding-3-small', input: 'x' },
      { headers: { 'x-fake-fail': '500' } },
    );
    await expect(viaHeader).rejects.toMatchObject({ status: 500 });
  });
});
