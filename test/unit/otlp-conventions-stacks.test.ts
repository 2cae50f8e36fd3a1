// Mapping rules added for Langfuse, LangChain, Mastra, OpenLIT / the newest GenAI conventions and
// unknown conventions, on spans built from attributes alone. Mastra's live spans are checked in
// test/integration/otlp-mastra.test.ts; here, the older exporter's shapes (usage on the generation).
import { describe, expect, it } from 'vitest';
import { mapConventions } from '../../src/server/ingest/otlp/conventions/combine.ts';
import { decodeLangChain } from '../../src/server/ingest/otlp/conventions/langchain.ts';
import { providerName } from '../../src/server/ingest/otlp/conventions/providers.ts';
import type { SpanView } from '../../src/server/ingest/otlp/conventions/view.ts';

const START_US = Date.parse('2026-01-01T00:00:00.000Z') * 1000;

const map = (attributes: Record<string, unknown>, extra: Partial<SpanView> = {}) =>
  mapConventions({
    name: 'span',
    kind: 1,
    attributes,
    events: [],
    resource: {},
    statusCode: 0,
    statusMessage: '',
    startUs: START_US,
    ...extra,
  });

const lc = (cls: string, kwargs: Record<string, unknown>) => ({
  lc: 1,
  type: 'constructor',
  id: ['langchain_core', 'messages', cls],
  kwargs,
});

describe('Mastra attributes', () => {
  it('maps the agent run: type, payloads from mastra.agent_run.*, system instructions', () => {
    const m = map({
      'gen_ai.operation.name': 'invoke_agent',
      'mastra.span.type': 'agent_run',
      'mastra.agent_run.input': JSON.stringify([{ role: 'user', content: 'Weather in Paris?' }]),
      'mastra.agent_run.output': JSON.stringify({ text: 'Rainy.' }),
      'gen_ai.agent.name': 'Weather Agent',
      'gen_ai.system_instructions': 'You report the weather.',
    });
    expect(m.type).toBe('agent');
    expect(m.output).toEqual([{ role: 'assistant', content: 'Rainy.' }]);
    expect(m.input).toEqual([
      { role: 'system', content: 'You report the weather.' },
      { role: 'user', content: 'Weather in Paris?' },
    ]);
  });

  it('maps a model step and a generation; provider openai.chat → openai; TTFT from completion start', () => {
    const step = map({
      'gen_ai.operation.name': 'model_step',
      'mastra.span.type': 'model_step',
      'mastra.model_step.input': JSON.stringify({ messages: [{ role: 'user', content: 'hi' }] }),
      'mastra.model_step.output': JSON.stringify({ text: 'hello' }),
    });
    expect(step.type).toBe('chain');
    expect(step.input).toEqual([{ role: 'user', content: 'hi' }]);
    expect(step.output).toEqual([{ role: 'assistant', content: 'hello' }]);

    const generation = map({
      'gen_ai.operation.name': 'chat',
      'mastra.span.type': 'model_generation',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.provider.name': 'openai.chat',
      'gen_ai.usage.input_tokens': 12,
      'gen_ai.usage.output_tokens': 5,
      'gen_ai.usage.reasoning_tokens': 2,
      'gen_ai.usage.cache_read.input_tokens': 4,
      'mastra.completion_start_time': '2026-01-01T00:00:00.250Z',
    });
    expect(generation).toMatchObject({
      type: 'llm',
      provider: 'openai',
      model: 'gpt-4o-mini',
      promptTokens: 12,
      completionTokens: 5,
      reasoningTokens: 2,
      cacheReadTokens: 4,
      timeToFirstTokenMs: 250,
    });
  });

  it('keeps registry provider names that contain dots', () => {
    expect(providerName('aws.bedrock')).toBe('aws.bedrock');
    expect(providerName('azure.ai.openai')).toBe('azure.ai.openai');
    expect(providerName('anthropic.messages')).toBe('anthropic');
    expect(providerName('OpenAI')).toBe('openai');
  });
});

describe('newest GenAI conventions and OpenLIT', () => {
  it('reported gen_ai.usage.cost wins; a 0 with tokens (no price known to the client) does not', () => {
    expect(map({ 'gen_ai.usage.cost': 0.06, 'gen_ai.usage.input_tokens': 3 }).costUsd).toBe(0.06);
    expect(map({ 'gen_ai.usage.cost': 0, 'gen_ai.usage.input_tokens': 3 }).costUsd).toBeUndefined();
  });

  it('does not repeat system instructions the messages already carry, and keeps others', () => {
    const system = [{ type: 'text', content: 'Be brief.' }];
    const repeated = map({
      'gen_ai.system_instructions': JSON.stringify(system),
      'gen_ai.input.messages': JSON.stringify([
        { role: 'system', parts: system },
        { role: 'user', parts: [{ type: 'text', content: 'Hi' }] },
      ]),
    });
    expect(repeated.input).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
    ]);
    const separate = map({
      'gen_ai.system_instructions': JSON.stringify(system),
      'gen_ai.input.messages': JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: 'Hi' }] }]),
    });
    expect(separate.input).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
    ]);
  });

  it('shows plain-text messages attributes instead of dropping them', () => {
    const m = map({ 'gen_ai.input.messages': 'What is OTLP?', 'gen_ai.output.messages': 'A protocol.' });
    expect(m.input).toEqual([{ role: 'user', content: 'What is OTLP?' }]);
    expect(m.output).toEqual([{ role: 'assistant', content: 'A protocol.' }]);
  });

  it('reads TTFT from gen_ai.server.time_to_first_token (seconds); create_agent is agent work', () => {
    expect(map({ 'gen_ai.server.time_to_first_token': 0.125 }).timeToFirstTokenMs).toBe(125);
    expect(map({ 'gen_ai.operation.name': 'create_agent' }).type).toBe('agent');
  });
});

describe('LangChain serialisation', () => {
  it('decodes messages, tool calls, tool results and documents in nested state', () => {
    const state = {
      messages: [
        lc('HumanMessage', { content: 'Find docs', additional_kwargs: {} }),
        lc('AIMessageChunk', {
          content: [{ type: 'text', text: 'Searching' }],
          tool_calls: [{ id: 'c1', name: 'search', args: { q: 'otel' }, type: 'tool_call' }],
          response_metadata: { finish_reason: 'tool_calls' },
        }),
        lc('ToolMessage', { content: 'found 2', tool_call_id: 'c1', name: 'search' }),
      ],
      docs: [
        {
          lc: 1,
          type: 'constructor',
          id: ['langchain_core', 'documents', 'Document'],
          kwargs: { page_content: 'OTLP is…', metadata: { source: 'a.md' } },
        },
      ],
    };
    expect(decodeLangChain(state)).toEqual({
      messages: [
        { role: 'user', content: 'Find docs' },
        {
          role: 'assistant',
          content: 'Searching',
          tool_calls: [
            { id: 'c1', type: 'function', function: { name: 'search', arguments: { q: 'otel' } } },
          ],
          finish_reason: 'tool_calls',
        },
        { role: 'tool', content: 'found 2', tool_call_id: 'c1', name: 'search' },
      ],
      docs: [{ pageContent: 'OTLP is…', metadata: { source: 'a.md' } }],
    });
  });

  it('applies to every convention: an OpenInference chain span and ls_provider/ls_model_name', () => {
    const m = map({
      'openinference.span.kind': 'LLM',
      'input.value': JSON.stringify({ messages: [[lc('SystemMessage', { content: 'Be brief.' })]] }),
      'input.mime_type': 'application/json',
      metadata: JSON.stringify({ ls_provider: 'anthropic', ls_model_name: 'claude-sonnet-4-5' }),
    });
    expect(m.input).toEqual([{ role: 'system', content: 'Be brief.' }]);
    expect(m).toMatchObject({ provider: 'anthropic', model: 'claude-sonnet-4-5' });
  });

  it('returns the very same value when there is nothing to decode', () => {
    const value = { a: [1, { b: 'c' }] };
    expect(decodeLangChain(value)).toBe(value);
  });
});

describe('Langfuse attributes', () => {
  it('maps type, usage with cache and reasoning, cost, level ERROR and completion start', () => {
    const m = map({
      'langfuse.observation.type': 'generation',
      'langfuse.observation.model.name': 'gpt-4o',
      'langfuse.observation.usage_details': JSON.stringify({
        prompt_tokens: 10,
        completion_tokens: 4,
        total_tokens: 14,
        input_cached_tokens: 6,
        output_reasoning_tokens: 1,
      }),
      'langfuse.observation.cost_details': JSON.stringify({ input: 0.01, output: 0.02 }),
      'langfuse.observation.completion_start_time': JSON.stringify('2026-01-01T00:00:00.080Z'),
      'langfuse.observation.level': 'ERROR',
      'langfuse.observation.status_message': 'quota exceeded',
      'langfuse.session.id': 's1',
      'langfuse.user.id': 'u1',
    });
    expect(m).toMatchObject({
      type: 'llm',
      model: 'gpt-4o',
      promptTokens: 10,
      completionTokens: 4,
      totalTokens: 14,
      cacheReadTokens: 6,
      reasoningTokens: 1,
      timeToFirstTokenMs: 80,
      errorMessage: 'quota exceeded',
      sessionId: 's1',
      userId: 'u1',
    });
    expect(m.costUsd).toBeCloseTo(0.03, 12);
  });
});

describe('Langfuse trace attributes', () => {
  it('names the trace and carries its input, output, tags and metadata from any span', () => {
    const m = map({
      'langfuse.observation.type': 'span',
      'langfuse.trace.name': 'checkout-flow',
      'langfuse.trace.input': JSON.stringify({ cart: 3 }),
      'langfuse.trace.output': '"paid"',
      'langfuse.trace.tags': ['shop'],
      'langfuse.trace.metadata.region': 'eu',
      'langfuse.observation.metadata.step': 'pay',
    });
    expect(m).toMatchObject({
      type: 'custom',
      traceName: 'checkout-flow',
      traceInput: { cart: 3 },
      traceOutput: 'paid',
      tags: ['shop'],
    });
    expect(m.metadata).toMatchObject({ region: 'eu', step: 'pay' });
  });
});

describe('unknown conventions', () => {
  it('offers large text attributes as candidate input and output', () => {
    const m = map({
      'acme.request.prompt': 'Summarise the following incident report for the on-call engineer please',
      'acme.reply.text': 'The database failed over at 02:00 and recovered within two minutes, no data lost.',
      'acme.region': 'eu-west-1',
    });
    expect(m.input).toBe('Summarise the following incident report for the on-call engineer please');
    expect(m.output).toBe(
      'The database failed over at 02:00 and recovered within two minutes, no data lost.',
    );
    expect(m.payloadGuessed).toBe(true);
  });

  it('guesses nothing when a convention already named the payload', () => {
    const m = map({
      'input.value': 'short question',
      'acme.notes': 'A long free-text attribute that is not the payload of this span at all, really.',
    });
    expect(m.input).toBe('short question');
    expect(m.payloadGuessed).toBeUndefined();
  });
});
