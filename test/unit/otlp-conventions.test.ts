// The attribute mapping's precedence and reassembly rules, one case per rule (reference
// sections b and c), on spans built from attributes alone.
import { describe, expect, it } from 'vitest';
import { mapConventions } from '../../src/server/ingest/otlp/conventions/combine.ts';
import { unflattenList } from '../../src/server/ingest/otlp/conventions/flattened.ts';
import type { SpanView } from '../../src/server/ingest/otlp/conventions/view.ts';
import type { SpanEventPatch } from '../../src/server/ingest/model.ts';

function view(attributes: Record<string, unknown>, extra: Partial<SpanView> = {}): SpanView {
  return {
    name: 'span',
    kind: 1,
    attributes,
    events: [],
    resource: {},
    statusCode: 0,
    statusMessage: '',
    ...extra,
  };
}
const map = (attributes: Record<string, unknown>, extra: Partial<SpanView> = {}) =>
  mapConventions(view(attributes, extra));
const event = (name: string, attributes: Record<string, unknown>): SpanEventPatch => ({
  timeUs: 1,
  name,
  attributes,
});

describe('span type (reference section c)', () => {
  it.each([
    [{ 'openinference.span.kind': 'retriever', 'gen_ai.operation.name': 'chat' }, 'retrieval'],
    [{ 'openinference.span.kind': 'UNKNOWN', 'gen_ai.operation.name': 'embeddings' }, 'embedding'],
    [{ 'openinference.span.kind': 'GUARDRAIL' }, 'guardrail'],
    [{ 'openinference.span.kind': 'PROMPT' }, 'custom'],
    [{ 'gen_ai.operation.name': 'execute_tool', 'traceloop.span.kind': 'workflow' }, 'tool'],
    [{ 'gen_ai.operation.name': 'create_agent' }, 'agent'],
    [{ 'gen_ai.operation.name': 'rerank' }, 'reranker'],
    [{ 'gen_ai.operation.name': 'guardrail.run' }, 'guardrail'],
    [{ 'gen_ai.operation.name': 'search_memory' }, 'retrieval'],
    [{ 'traceloop.span.kind': 'agent', 'ai.operationId': 'ai.toolCall' }, 'agent'],
    [{ 'ai.operationId': 'ai.streamText.doStream' }, 'llm'],
    [{ 'ai.operationId': 'ai.embedMany.doEmbed' }, 'embedding'],
    [{ 'llm.request.type': 'rerank' }, 'reranker'],
    [{ 'db.system': 'pinecone' }, 'retrieval'],
    [{ 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 3 }, 'llm'],
    [{ 'http.method': 'GET' }, 'custom'],
  ])('%j → %s', (attributes, type) => {
    expect(map(attributes).type).toBe(type);
  });

  it('falls back to span names', () => {
    expect(map({}, { name: 'execute_tool search' })).toMatchObject({ type: 'tool', toolName: 'search' });
    expect(map({}, { name: 'invoke_agent Planner' }).type).toBe('agent');
    expect(map({}, { name: 'ai.somethingNew' }).type).toBe('custom');
    expect(map({}, { name: 'pinecone.query' }).type).toBe('retrieval');
  });
});

describe('field precedence (reference table b.2)', () => {
  it('model: response model, then OpenInference, then Vercel, then request model', () => {
    expect(
      map({ 'gen_ai.request.model': 'req', 'llm.model_name': 'oi', 'gen_ai.response.model': 'resp' }).model,
    ).toBe('resp');
    expect(
      map({ 'gen_ai.request.model': 'req', 'llm.model_name': 'oi', 'ai.response.model': 'va' }).model,
    ).toBe('oi');
    expect(map({ 'gen_ai.request.model': 'req', 'ai.response.model': 'va' }).model).toBe('va');
    expect(map({ 'ai.model.id': 'id', 'gen_ai.request.model': 'req' })).toMatchObject({
      model: 'req',
      requestModel: 'req',
    });
    expect(map({ 'embedding.model_name': 'text-embedding-3-small' }).model).toBe('text-embedding-3-small');
  });

  it('provider: GenAI name as given; deprecated gen_ai.system and ai.model.provider lowercased to the vendor', () => {
    expect(map({ 'gen_ai.provider.name': 'aws.bedrock', 'llm.provider': 'aws' }).provider).toBe(
      'aws.bedrock',
    );
    expect(map({ 'gen_ai.system': 'OpenAI' }).provider).toBe('openai');
    expect(map({ 'ai.model.provider': 'anthropic.messages' }).provider).toBe('anthropic');
    expect(map({ 'llm.system': 'vertexai', 'gen_ai.system': 'google' }).provider).toBe('vertexai');
    expect(map({ 'server.address': 'api.anthropic.com' }).provider).toBe('anthropic');
  });

  it('tokens: current GenAI keys over OpenInference over deprecated ones; total computed when absent', () => {
    expect(
      map({ 'gen_ai.usage.input_tokens': 10, 'llm.token_count.prompt': 20, 'gen_ai.usage.prompt_tokens': 30 })
        .promptTokens,
    ).toBe(10);
    expect(map({ 'llm.token_count.prompt': 20, 'gen_ai.usage.prompt_tokens': 30 }).promptTokens).toBe(20);
    expect(map({ 'ai.usage.inputTokens': 4, 'ai.usage.promptTokens': 5 }).promptTokens).toBe(4);
    expect(map({ 'ai.usage.tokens': 12 }).promptTokens).toBe(12);
    expect(map({ 'gen_ai.usage.input_tokens': '7', 'gen_ai.usage.output_tokens': 3 })).toMatchObject({
      promptTokens: 7,
      completionTokens: 3,
      totalTokens: 10,
    });
    expect(map({ 'gen_ai.usage.input_tokens': 7, 'llm.usage.total_tokens': 99 }).totalTokens).toBe(99);
  });

  it('cost: reported total, else prompt + completion; never invented', () => {
    expect(map({ 'llm.cost.total': 0.5, 'llm.cost.prompt': 0.1, 'llm.cost.completion': 0.1 }).costUsd).toBe(
      0.5,
    );
    expect(map({ 'llm.cost.prompt': 0.1, 'llm.cost.completion': 0.25 }).costUsd).toBeCloseTo(0.35, 12);
    expect(
      map({ 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 100 }).costUsd,
    ).toBeUndefined();
  });

  it('session, user and tags: span attributes first, then resource attributes', () => {
    const fromSpan = map(
      { 'session.id': 's1', 'gen_ai.conversation.id': 'c1', 'user.id': 'u1' },
      { resource: { 'session.id': 'r' } },
    );
    expect(fromSpan).toMatchObject({ sessionId: 'c1', userId: 'u1' });
    expect(map({}, { resource: { 'session.id': 'r', 'enduser.id': 'e', 'tag.tags': ['t'] } })).toMatchObject({
      sessionId: 'r',
      userId: 'e',
      tags: ['t'],
    });
    expect(map({ 'ai.telemetry.metadata.tags': 'a, b' }).tags).toEqual(['a', 'b']);
  });

  it('metadata merges every source; OpenInference metadata wins on a shared key', () => {
    const mapped = map({
      metadata: '{"env":"prod","team":"a"}',
      'ai.telemetry.metadata.env': 'dev',
      'ai.telemetry.metadata.region': 'eu',
      'traceloop.association.properties.customer': 'c-1',
    });
    expect(mapped.metadata).toEqual({ env: 'prod', team: 'a', region: 'eu', customer: 'c-1' });
  });

  it('tool name and call id across conventions', () => {
    expect(map({ 'gen_ai.tool.name': 'ga', 'tool.name': 'oi' }).toolName).toBe('ga');
    expect(map({ 'ai.toolCall.name': 'va', 'ai.toolCall.id': 'c9' })).toMatchObject({
      toolName: 'va',
      toolCallId: 'c9',
    });
    expect(map({ 'traceloop.span.kind': 'tool', 'traceloop.entity.name': 'send_mail' }).toolName).toBe(
      'send_mail',
    );
  });
});

describe('payload reassembly', () => {
  it('rebuilds OpenInference multi-part contents and tool results', () => {
    const mapped = map({
      'openinference.span.kind': 'LLM',
      'llm.input_messages.0.message.role': 'user',
      'llm.input_messages.0.message.contents.0.message_content.type': 'text',
      'llm.input_messages.0.message.contents.0.message_content.text': 'What is in ',
      'llm.input_messages.0.message.contents.1.message_content.type': 'image',
      'llm.input_messages.0.message.contents.1.message_content.image.image.url': 'https://x/cat.png',
      'llm.input_messages.1.message.role': 'tool',
      'llm.input_messages.1.message.tool_call_id': 'call_1',
      'llm.input_messages.1.message.content': '42',
      'input.value': 'ignored: messages rank higher',
    });
    expect(mapped.input).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is in ' },
          { type: 'image', image: { image: { url: 'https://x/cat.png' } } },
        ],
      },
      { role: 'tool', content: '42', tool_call_id: 'call_1' },
    ]);
  });

  it('orders indexed messages numerically, not as text', () => {
    const attributes: Record<string, unknown> = {};
    for (let i = 0; i < 12; i++) {
      attributes[`gen_ai.prompt.${i}.role`] = 'user';
      attributes[`gen_ai.prompt.${i}.content`] = `m${i}`;
    }
    expect((map(attributes).input as Array<{ content: string }>).map((m) => m.content)).toEqual(
      Array.from({ length: 12 }, (_, i) => `m${i}`),
    );
  });

  it('rebuilds legacy OpenLLMetry completion tool calls', () => {
    expect(
      map({
        'gen_ai.completion.0.role': 'assistant',
        'gen_ai.completion.0.finish_reason': 'tool_calls',
        'gen_ai.completion.0.tool_calls.0.id': 'c1',
        'gen_ai.completion.0.tool_calls.0.name': 'search',
        'gen_ai.completion.0.tool_calls.0.arguments': '{"q":"otters"}',
      }).output,
    ).toEqual([
      {
        role: 'assistant',
        content: null,
        finish_reason: 'tool_calls',
        tool_calls: [
          { id: 'c1', type: 'function', function: { name: 'search', arguments: { q: 'otters' } } },
        ],
      },
    ]);
  });

  it('ignores huge and sparse indices without allocating them', () => {
    const list = unflattenList({ 'x.999999999.a': 1, 'x.3.a': 2, 'x.notanindex.a': 3 }, 'x');
    expect(list).toEqual([{ a: 2 }, { a: 1 }]);
  });

  it('reads per-message GenAI events and gen_ai.choice', () => {
    const mapped = map(
      { 'gen_ai.operation.name': 'chat' },
      {
        events: [
          event('gen_ai.system.message', { content: 'Be brief.' }),
          event('gen_ai.user.message', { content: 'Hi' }),
          event('gen_ai.choice', {
            index: 0,
            finish_reason: 'stop',
            message: '{"content":"Hello!","role":"assistant"}',
          }),
        ],
      },
    );
    expect(mapped.input).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
    ]);
    expect(mapped.output).toEqual([{ role: 'assistant', content: 'Hello!', finish_reason: 'stop' }]);
  });

  it('reads the v1.37 inference details event', () => {
    const mapped = map(
      {},
      {
        events: [
          event('gen_ai.client.inference.operation.details', {
            'gen_ai.input.messages': [{ role: 'user', parts: [{ type: 'text', content: 'Q' }] }],
            'gen_ai.output.messages':
              '[{"role":"assistant","parts":[{"type":"reasoning","content":"hmm"},{"type":"text","content":"A"}],"finish_reason":"stop"}]',
          }),
        ],
      },
    );
    expect(mapped.input).toEqual([{ role: 'user', content: 'Q' }]);
    expect(mapped.output).toEqual([
      { role: 'assistant', content: 'A', reasoning: 'hmm', finish_reason: 'stop' },
    ]);
  });

  it('keeps non-text GenAI parts as parts', () => {
    const mapped = map({
      'gen_ai.input.messages': JSON.stringify([
        {
          role: 'user',
          parts: [
            { type: 'text', content: 'see' },
            { type: 'uri', modality: 'image', uri: 'https://x/y.png' },
          ],
        },
      ]),
    });
    expect(mapped.input).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', content: 'see' },
          { type: 'uri', modality: 'image', uri: 'https://x/y.png' },
        ],
      },
    ]);
  });

  it('maps GenAI retrieval query and documents', () => {
    expect(
      map({
        'gen_ai.operation.name': 'retrieval',
        'gen_ai.retrieval.query.text': 'otters',
        'gen_ai.retrieval.documents': '[{"id":"d1","score":0.9}]',
      }),
    ).toMatchObject({
      type: 'retrieval',
      input: 'otters',
      output: [{ id: 'd1', score: 0.9 }],
    });
  });

  it('leaves a payload that is not JSON as text', () => {
    expect(map({ 'gen_ai.tool.call.arguments': '{not json' }).input).toBe('{not json');
  });
});
