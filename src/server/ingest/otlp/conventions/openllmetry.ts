// OpenLLMetry / Traceloop: decorator spans (`traceloop.span.kind`, `traceloop.entity.*`),
// auto-instrumented LLM spans with the legacy indexed `gen_ai.prompt.<i>.*` /
// `gen_ai.completion.<i>.*` keys, `llm.usage.total_tokens`, association properties.
import type { SpanType } from '../../../../shared/types.ts';
import { unflattenList } from './flattened.ts';
import { fromOpenAiLike, toolCall, type ChatMessage } from './messages.ts';
import { int, json, str, withPrefix, type SpanView } from './view.ts';
import { vote, voteMetadata, voteType, type Votes } from './votes.ts';

const SPAN_KINDS: Record<string, SpanType> = {
  workflow: 'chain',
  task: 'chain',
  agent: 'agent',
  tool: 'tool',
  session: 'chain',
};
const REQUEST_TYPES: Record<string, SpanType> = {
  chat: 'llm',
  completion: 'llm',
  embedding: 'embedding',
  rerank: 'reranker',
};
const VECTOR_STORES = /^(pinecone|chroma|chromadb|qdrant|weaviate|milvus|lancedb|pgvector|marqo)$/;
const VECTOR_SPAN_NAMES = /^(pinecone|chromadb|chroma|qdrant|weaviate|milvus|lancedb)\./;
const PROPERTIES = 'traceloop.association.properties.';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

/** Indexed legacy message → ChatMessage; tool calls are `tool_calls.<j>.{id,name,arguments}`. */
function indexedMessage(item: Obj): ChatMessage | null {
  const msg = fromOpenAiLike({
    role: item.role,
    content: item.content ?? null,
    tool_call_id: item.tool_call_id,
    finish_reason: item.finish_reason,
  });
  if (!msg) return null;
  const calls = Array.isArray(item.tool_calls) ? item.tool_calls.map(obj) : [];
  const fn = obj(item.function_call);
  if (fn.name !== undefined) calls.push(fn);
  if (calls.length > 0) msg.tool_calls = calls.map((c) => toolCall(c.id, c.name, c.arguments));
  return msg;
}

function indexedMessages(a: Obj, prefix: string): ChatMessage[] | undefined {
  const list = unflattenList(a, prefix)
    ?.map(indexedMessage)
    .filter((m): m is ChatMessage => m !== null);
  return list && list.length > 0 ? list : undefined;
}

export function openllmetry(view: SpanView, votes: Votes): void {
  const a = view.attributes;
  const kind = str(a, 'traceloop.span.kind')?.toLowerCase();
  if (kind) voteType(votes, 3, SPAN_KINDS[kind]);
  const requestType = str(a, 'llm.request.type')?.toLowerCase();
  if (requestType) voteType(votes, 5, REQUEST_TYPES[requestType]);
  const dbSystem = str(a, 'db.system')?.toLowerCase();
  if ((dbSystem && VECTOR_STORES.test(dbSystem)) || VECTOR_SPAN_NAMES.test(view.name))
    voteType(votes, 5, 'retrieval');

  vote(votes, 'totalTokens', 2, int(a, 'gen_ai.usage.total_tokens'));
  vote(votes, 'totalTokens', 3, int(a, 'llm.usage.total_tokens'));
  vote(votes, 'cacheReadTokens', 3, int(a, 'gen_ai.usage.cache_read_input_tokens'));
  vote(votes, 'cacheWriteTokens', 3, int(a, 'gen_ai.usage.cache_creation_input_tokens'));
  vote(votes, 'reasoningTokens', 3, int(a, 'gen_ai.usage.reasoning_tokens'));

  vote(votes, 'input', 6, json(a, 'traceloop.entity.input'));
  vote(votes, 'input', 7, indexedMessages(a, 'gen_ai.prompt'));
  vote(votes, 'output', 6, json(a, 'traceloop.entity.output'));
  vote(votes, 'output', 7, indexedMessages(a, 'gen_ai.completion'));

  const entity = str(a, 'traceloop.entity.name');
  if (kind === 'tool') vote(votes, 'toolName', 4, entity);
  if (kind === 'agent') vote(votes, 'agentName', 3, entity);

  const properties = withPrefix(a, PROPERTIES);
  vote(votes, 'sessionId', 3, str(a, `${PROPERTIES}session_id`));
  vote(votes, 'userId', 3, str(a, `${PROPERTIES}user_id`));
  voteMetadata(votes, 3, properties);
}
