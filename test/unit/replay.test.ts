import { describe, expect, it } from 'vitest';
import { ChatStream } from '../../src/server/replay/chatStream.ts';
import { EndpointError, redact, resolveEndpoint } from '../../src/server/replay/credentials.ts';
import { readSseData } from '../../src/server/replay/sse.ts';
import { replayRequestFromSpan } from '../../src/shared/replayPrefill.ts';
import type { SpanWithPayloads } from '../../src/shared/types.ts';

async function collect(pieces: string[]): Promise<string[]> {
  async function* body() {
    for (const piece of pieces) yield new TextEncoder().encode(piece);
  }
  const out: string[] = [];
  for await (const data of readSseData(body())) out.push(data);
  return out;
}

describe('reading the provider stream', () => {
  it('reassembles events split anywhere, including inside a multi-byte character, and stops at [DONE]', async () => {
    const text =
      'data: {"a":"é"}\n\n: comment\ndata: {"b":1}\r\n\r\ndata: [DONE]\n\ndata: {"after":true}\n\n';
    const bytes = new TextEncoder().encode(text);
    for (let cut = 1; cut < bytes.length; cut++) {
      const pieces = [new TextDecoder().decode(bytes.subarray(0, cut), { stream: true })];
      // Split the raw bytes, not the text, so a cut can fall inside "é".
      async function* body() {
        yield bytes.subarray(0, cut);
        yield bytes.subarray(cut);
      }
      const out: string[] = [];
      for await (const data of readSseData(body())) out.push(data);
      expect(out, `cut at ${cut} (${pieces[0]})`).toEqual(['{"a":"é"}', '{"b":1}']);
    }
    expect(await collect(['data: {"last":1}'])).toEqual(['{"last":1}']);
  });
});

describe('assembling a streamed completion', () => {
  it('joins text, tool-call pieces by index, usage and the answering model', () => {
    const stream = new ChatStream();
    const events = [
      { model: 'gpt-4o-2024-08-06', choices: [{ index: 0, delta: { role: 'assistant', content: '' } }] },
      {
        choices: [
          {
            index: 0,
            delta: {
              tool_calls: [
                { index: 0, id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '' } },
              ],
            },
          },
        ],
      },
      { choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '{"id":' } }] } }] },
      { choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '7}' } }] } }] },
      { choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] },
      { choices: [], usage: { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 } },
    ].flatMap((chunk) => stream.add(chunk));
    expect(events.map((e) => e.type)).toEqual(['tool_call', 'tool_call', 'tool_call']);
    expect(stream.message()).toEqual({
      role: 'assistant',
      content: null,
      tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"id":7}' } }],
    });
    expect(stream).toMatchObject({
      finishReason: 'tool_calls',
      model: 'gpt-4o-2024-08-06',
      usage: { promptTokens: 12, completionTokens: 5, totalTokens: 17 },
    });
  });
});

describe('endpoint and key', () => {
  const env = {
    SPYGLASS_OPENAI_API_KEY: 'sk-env-key-123456789',
    SPYGLASS_OPENAI_BASE_URL: 'http://127.0.0.1:8787/v1/',
  };

  it('sends the environment key only to the configured base URL', () => {
    expect(resolveEndpoint(undefined, undefined, env)).toEqual({
      baseUrl: 'http://127.0.0.1:8787/v1',
      apiKey: 'sk-env-key-123456789',
    });
    expect(resolveEndpoint('http://127.0.0.1:8787/v1', undefined, env).apiKey).toBe('sk-env-key-123456789');
    expect(resolveEndpoint('https://evil.example/v1', undefined, env)).toEqual({
      baseUrl: 'https://evil.example/v1',
      apiKey: null,
    });
    expect(resolveEndpoint('https://api.groq.com/openai/v1', 'Bearer gsk_own', env).apiKey).toBe('gsk_own');
    expect(resolveEndpoint(undefined, undefined, { OPENAI_API_KEY: 'sk-plain-abcdefgh' })).toEqual({
      baseUrl: 'https://api.openai.com/v1',
      apiKey: 'sk-plain-abcdefgh',
    });
  });

  it('refuses keys in URLs and malformed headers', () => {
    expect(() => resolveEndpoint('http://user:sk-x@host/v1', undefined, {})).toThrow(EndpointError);
    expect(() => resolveEndpoint(undefined, 'Basic abc', {})).toThrow('Bearer');
    expect(() => resolveEndpoint('ftp://host', undefined, {})).toThrow('http or https');
  });

  it('redacts the key, its ends, and key-shaped strings', () => {
    const key = 'sk-proj-AbCdEfGhIjKlMnOpQrStUv';
    expect(redact(`bad key ${key}!`, key)).toBe('bad key [redacted]!');
    expect(redact('Incorrect API key provided: sk-proj-********************StUv.', key)).toBe(
      'Incorrect API key provided: [redacted].',
    );
    expect(redact('prefix sk-proj-AbCdE… and tail QrStUv', key)).not.toContain('AbCdE');
    expect(redact('no secrets here', null)).toBe('no secrets here');
  });
});

describe('prefilling the playground', () => {
  const span = (input: unknown, attributes: Record<string, unknown> = {}) =>
    ({ model: 'gpt-4o', input, attributes }) as unknown as SpanWithPayloads;

  it('reads the SDK shape, GenAI parts and OpenInference parameters', () => {
    expect(
      replayRequestFromSpan(
        span({ messages: [{ role: 'user', content: 'hi' }] }, { 'gen_ai.request.temperature': 0.7 }),
      ),
    ).toEqual({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], temperature: 0.7 });
    expect(
      replayRequestFromSpan(
        span([
          {
            role: 'user',
            parts: [
              { type: 'text', content: 'a' },
              { type: 'text', content: 'b' },
            ],
          },
        ]),
      )!.messages,
    ).toEqual([{ role: 'user', content: 'ab' }]);
    expect(
      replayRequestFromSpan(
        span([{ role: 'user', content: 'x' }], {
          'llm.invocation_parameters': '{"top_p":0.5,"model":"ignored"}',
        }),
      ),
    ).toMatchObject({ model: 'gpt-4o', top_p: 0.5 });
    expect(replayRequestFromSpan(span('just a prompt'))!.messages).toEqual([
      { role: 'user', content: 'just a prompt' },
    ]);
    expect(replayRequestFromSpan(span(null))).toBeNull();
  });
});
