// Every example request in test/fixtures/otlp/, decoded and mapped, checked field by field
// against the expected mapping in that folder's README; and the same requests in protobuf form.
import { describe, expect, it } from 'vitest';
import { ingestOtlpTraces } from '../../src/server/ingest/otlp/index.ts';
import type { NormalizedBatch, SpanPatch } from '../../src/server/ingest/model.ts';
import { FIXTURES, fixtureJson, fixtureText, type FixtureName } from '../fixtures/otlp/load.ts';
import { otlpJsonToProtobuf } from '../fixtures/otlp/toProtobuf.ts';

const T0_US = 1_767_225_600_000_000; // 2026-01-01T00:00:00Z

function decode(name: FixtureName): NormalizedBatch {
  const result = ingestOtlpTraces(Buffer.from(fixtureText(name)), 'json');
  expect(result.rejectedSpans).toBe(0);
  expect(result.message).toBe('');
  return result.batch;
}

function span(batch: NormalizedBatch, spanId: string): SpanPatch {
  const found = batch.spans.find((s) => s.spanId === spanId);
  if (!found) throw new Error(`no span ${spanId}`);
  return found;
}

describe('genai-semconv.json (GenAI conventions, current)', () => {
  const batch = decode('genai-semconv');

  it('maps the invoke_agent root', () => {
    const root = span(batch, '00f067aa0ba902b7');
    expect(root).toMatchObject({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      parentSpanId: null,
      name: 'invoke_agent WeatherAssistant',
      type: 'agent',
      kind: 'internal',
      startUs: T0_US,
      endUs: T0_US + 2_450_000,
      status: 'success',
      model: 'gpt-4o',
      provider: 'openai',
      promptTokens: 187,
      completionTokens: 31,
      totalTokens: 218,
      input: [{ role: 'user', content: 'Weather in Paris?' }],
      output: [{ role: 'assistant', content: 'It is rainy in Paris, 57°F.', finish_reason: 'stop' }],
    });
    expect(root.costUsd).toBeUndefined();
    expect(root.attributes).toMatchObject({
      'gen_ai.agent.name': 'WeatherAssistant',
      'spyglass.agent.name': 'WeatherAssistant',
    });
  });

  it('maps the first chat span: system instructions first, a tool call as output', () => {
    const chat = span(batch, '53995c3f42cd8ad8');
    expect(chat).toMatchObject({
      parentSpanId: '00f067aa0ba902b7',
      type: 'llm',
      kind: 'client',
      model: 'gpt-4o-2024-08-06',
      provider: 'openai',
      promptTokens: 82,
      completionTokens: 17,
      totalTokens: 99,
      status: 'success',
    });
    expect(chat.input).toEqual([
      { role: 'system', content: 'You are a weather assistant. Use tools when needed.' },
      { role: 'user', content: 'Weather in Paris?' },
    ]);
    expect(chat.output).toEqual([
      {
        role: 'assistant',
        content: null,
        finish_reason: 'tool_call',
        tool_calls: [
          {
            id: 'call_VSPygqKTWdrhaFErNvMV18Yl',
            type: 'function',
            function: { name: 'get_weather', arguments: { location: 'Paris' } },
          },
        ],
      },
    ]);
    expect(chat.attributes).toMatchObject({
      'spyglass.request_model': 'gpt-4o',
      'spyglass.usage.cache_read_tokens': 0,
      'spyglass.finish_reasons': ['tool_call'],
      'server.address': 'api.openai.com',
      'server.port': 443,
    });
  });

  it('maps the execute_tool span with parsed arguments and result', () => {
    expect(span(batch, 'a2fb4a1d1a96d312')).toMatchObject({
      type: 'tool',
      input: { location: 'Paris' },
      output: { conditions: 'rainy', temperature_f: 57 },
      attributes: {
        'spyglass.tool.name': 'get_weather',
        'spyglass.tool.call_id': 'call_VSPygqKTWdrhaFErNvMV18Yl',
      },
    });
  });

  it('reads messages given as structured values the same as JSON strings', () => {
    const chat = span(batch, '7d2f8a6c1e4b9f03');
    expect(chat).toMatchObject({
      type: 'llm',
      model: 'gpt-4o-2024-08-06',
      promptTokens: 105,
      completionTokens: 14,
      totalTokens: 119,
    });
    expect(chat.input).toEqual([
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_VSPygqKTWdrhaFErNvMV18Yl',
            type: 'function',
            function: { name: 'get_weather', arguments: { location: 'Paris' } },
          },
        ],
      },
      { role: 'tool', content: 'rainy, 57°F', tool_call_id: 'call_VSPygqKTWdrhaFErNvMV18Yl' },
    ]);
    expect(chat.output).toEqual([
      { role: 'assistant', content: 'It is rainy in Paris, 57°F.', finish_reason: 'stop' },
    ]);
  });

  it('gives the trace its service, session and the root payloads', () => {
    expect(batch.traces).toEqual([
      {
        traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
        service: 'weather-agent',
        sessionId: 'conv_5j66UpCpwteGg4YSxUnt7lPY',
        metadata: { 'service.name': 'weather-agent' },
        input: [{ role: 'user', content: 'Weather in Paris?' }],
        output: [{ role: 'assistant', content: 'It is rainy in Paris, 57°F.', finish_reason: 'stop' }],
      },
    ]);
  });
});

describe('genai-semconv-legacy.json (deprecated GenAI keys and span events)', () => {
  const batch = decode('genai-semconv-legacy');

  it('reads gen_ai.system, prompt/completion tokens and gen_ai.content.* events', () => {
    expect(span(batch, 'b7ad6b7169203331')).toMatchObject({
      type: 'llm',
      model: 'claude-3-5-haiku-20241022',
      provider: 'anthropic',
      promptTokens: 24,
      completionTokens: 9,
      totalTokens: 33,
      status: 'success',
      input: [{ role: 'user', content: 'Say hello in French.' }],
      output: [{ role: 'assistant', content: 'Bonjour !' }],
    });
  });

  it('maps the ERROR span: status message, exception type and stack, events kept', () => {
    const failed = span(batch, 'e457b5a2e4d86bd1');
    expect(failed).toMatchObject({
      type: 'llm',
      status: 'error',
      provider: 'anthropic',
      model: 'claude-3-5-haiku-20241022',
    });
    expect(failed.error).toEqual({
      message: 'Overloaded',
      type: 'OverloadedError',
      stack: 'OverloadedError: Overloaded\n    at Messages.create (client.js:120:11)',
    });
    expect(failed.attributes?.['error.type']).toBe('overloaded_error');
    expect(failed.promptTokens).toBeUndefined();
    expect(failed.input).toBeUndefined();
    expect(failed.events?.map((e) => e.name)).toEqual(['gen_ai.user.message', 'exception']);
    expect(failed.events?.[1]).toMatchObject({
      timeUs: T0_US + 1_349_000,
      attributes: { 'exception.type': 'OverloadedError' },
    });
  });
});

describe('openinference.json', () => {
  const batch = decode('openinference');

  it('maps the AGENT root with text input and JSON output', () => {
    expect(span(batch, 'eee19b7ec3c1b174')).toMatchObject({
      type: 'agent',
      parentSpanId: null,
      status: 'success',
      input: 'How do I reset my password?',
      output: { answer: "Use the 'Forgot password' link on the sign-in page." },
    });
  });

  it('maps the RETRIEVER span to documents with scores and parsed metadata', () => {
    expect(span(batch, 'eee19b7ec3c1b177')).toMatchObject({
      type: 'retrieval',
      input: 'reset password',
      output: [
        {
          id: 'kb-101',
          score: 0.92,
          content: "To reset your password, click 'Forgot password'.",
          metadata: { source: 'kb/account.md' },
        },
        { id: 'kb-207', score: 0.71, content: 'Passwords must be 12 characters or longer.' },
      ],
    });
  });

  it('maps the LLM span: reassembled messages, tokens, reported cost', () => {
    const llm = span(batch, 'eee19b7ec3c1b175');
    expect(llm).toMatchObject({
      type: 'llm',
      model: 'gpt-4o-mini-2024-07-18',
      provider: 'openai',
      promptTokens: 312,
      completionTokens: 24,
      totalTokens: 336,
      costUsd: 0.000042,
    });
    expect(llm.input).toEqual([
      { role: 'system', content: 'Answer from the documents.' },
      { role: 'user', content: 'How do I reset my password?' },
    ]);
    expect(llm.output).toEqual([
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_abc123',
            type: 'function',
            function: { name: 'lookup_user', arguments: { user_id: 'user-7' } },
          },
        ],
      },
    ]);
    expect(llm.attributes).toMatchObject({
      'spyglass.usage.cache_read_tokens': 256,
      'spyglass.cost_source': 'reported',
    });
    // The flattened keys stay in the raw attributes too: nothing is lost by the mapping.
    expect(llm.attributes?.['llm.input_messages.1.message.content']).toBe('How do I reset my password?');
  });

  it('maps the TOOL span with its error', () => {
    expect(span(batch, 'eee19b7ec3c1b176')).toMatchObject({
      type: 'tool',
      status: 'error',
      input: { user_id: 'user-7' },
      error: { message: 'UserNotFound: user-7', type: 'UserNotFound', stack: null },
      attributes: { 'spyglass.tool.name': 'lookup_user', 'spyglass.tool.call_id': 'call_abc123' },
    });
  });

  it('carries session, user, tags and metadata to the trace', () => {
    expect(batch.traces).toHaveLength(1);
    expect(batch.traces[0]).toMatchObject({
      service: 'support-bot',
      sessionId: 'sess-42',
      userId: 'user-7',
      tags: ['demo', 'rag'],
      metadata: { env: 'dev', experiment: 'b', 'openinference.project.name': 'support-bot' },
    });
  });
});

describe('openllmetry.json', () => {
  const batch = decode('openllmetry');

  it('maps workflow and task decorator spans to chains with entity input/output', () => {
    expect(span(batch, '1a2b3c4d5e6f7081')).toMatchObject({
      type: 'chain',
      input: { args: [], kwargs: { topic: 'otters' } },
      output: 'Why did the otter cross the river? To get to the other tide.',
    });
    const task = span(batch, '2b3c4d5e6f708192');
    expect(task).toMatchObject({ type: 'chain', input: { args: ['otters'], kwargs: {} } });
    expect(task.output).toBeUndefined();
  });

  it('maps openai.chat with indexed prompt/completion keys', () => {
    expect(span(batch, '3c4d5e6f708192a3')).toMatchObject({
      type: 'llm',
      model: 'gpt-4o-mini-2024-07-18',
      provider: 'openai',
      promptTokens: 25,
      completionTokens: 16,
      totalTokens: 41,
      input: [
        { role: 'system', content: 'You are a funny assistant.' },
        { role: 'user', content: 'Tell me a joke about otters' },
      ],
      output: [
        {
          role: 'assistant',
          content: 'Why did the otter cross the river? To get to the other tide.',
          finish_reason: 'stop',
        },
      ],
    });
  });

  it('maps the tool span and the association properties', () => {
    expect(span(batch, '4d5e6f708192a3b4')).toMatchObject({
      type: 'tool',
      input: { args: [], kwargs: { channel: '#fun', text: 'Why did the otter...' } },
      output: { ok: true },
      attributes: { 'spyglass.tool.name': 'post_to_slack' },
    });
    expect(batch.traces[0]).toMatchObject({
      sessionId: 'chat-991',
      userId: 'u-12',
      metadata: { session_id: 'chat-991', user_id: 'u-12' },
    });
  });
});

describe('vercel-ai-sdk.json (AI SDK 5 ai.* spans)', () => {
  const batch = decode('vercel-ai-sdk');

  it('maps ai.generateText to a chain carrying the last step usage', () => {
    expect(span(batch, 'aa00000000000001')).toMatchObject({
      type: 'chain',
      model: 'gpt-4o-mini',
      provider: 'openai',
      promptTokens: 73,
      completionTokens: 15,
      input: [
        { role: 'system', content: 'You are a weather bot.' },
        { role: 'user', content: 'Weather in Berlin?' },
      ],
      output: [{ role: 'assistant', content: 'It is 18°C and sunny in Berlin.', finish_reason: 'stop' }],
    });
  });

  it('maps the doGenerate steps to llm spans', () => {
    expect(span(batch, 'aa00000000000002')).toMatchObject({
      type: 'llm',
      model: 'gpt-4o-mini-2024-07-18',
      provider: 'openai',
      promptTokens: 58,
      completionTokens: 12,
      totalTokens: 70,
      output: [
        {
          role: 'assistant',
          content: null,
          finish_reason: 'tool-calls',
          tool_calls: [
            { id: 'call_w1', type: 'function', function: { name: 'weather', arguments: { city: 'Berlin' } } },
          ],
        },
      ],
    });
    const second = span(batch, 'aa00000000000004');
    expect(second).toMatchObject({ type: 'llm', promptTokens: 73, completionTokens: 15, totalTokens: 88 });
    expect((second.input as unknown[])[3]).toEqual({
      role: 'tool',
      content: '{"tempC":18,"sky":"sunny"}',
      tool_call_id: 'call_w1',
    });
  });

  it('maps ai.toolCall to a tool span under the first step', () => {
    expect(span(batch, 'aa00000000000003')).toMatchObject({
      type: 'tool',
      parentSpanId: 'aa00000000000002',
      input: { city: 'Berlin' },
      output: { tempC: 18, sky: 'sunny' },
      attributes: { 'spyglass.tool.name': 'weather', 'spyglass.tool.call_id': 'call_w1' },
    });
  });

  it('reads session, user and tags from telemetry metadata', () => {
    expect(batch.traces[0]).toMatchObject({
      service: 'next-weather-app',
      sessionId: 's-2024',
      userId: 'u-55',
      tags: ['prod', 'web'],
    });
  });
});

describe('every fixture in protobuf form', () => {
  it.each(FIXTURES)('%s decodes to the same batch as its JSON form', (name) => {
    const fromJson = ingestOtlpTraces(Buffer.from(fixtureText(name)), 'json');
    const fromProto = ingestOtlpTraces(otlpJsonToProtobuf(fixtureJson(name)), 'protobuf');
    expect(fromProto.rejectedSpans).toBe(0);
    expect(fromProto.batch).toEqual(fromJson.batch);
  });
});
