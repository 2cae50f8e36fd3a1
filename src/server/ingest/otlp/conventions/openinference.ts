// OpenInference (Arize Phoenix, @arizeai/openinference-*): `openinference.span.kind`, flattened
// `llm.input_messages.<i>.message.*` lists, `input.value`/`output.value` with mime types,
// reported `llm.cost.*`, retrieval documents, session/user/tags/metadata.
import type { SpanType } from '../../../../shared/types.ts';
import { unflattenList } from './flattened.ts';
import { addToolCall, toolCall, type ChatMessage } from './messages.ts';
import { float, int, json, parseJsonish, str, stringList, type SpanView } from './view.ts';
import { vote, voteMetadata, voteType, type Votes } from './votes.ts';

const KIND_TYPES: Record<string, SpanType> = {
  LLM: 'llm',
  EMBEDDING: 'embedding',
  TOOL: 'tool',
  RETRIEVER: 'retrieval',
  RERANKER: 'reranker',
  AGENT: 'agent',
  CHAIN: 'chain',
  GUARDRAIL: 'guardrail',
  EVALUATOR: 'evaluator',
  PROMPT: 'custom',
};

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function oiMessage(item: Obj): ChatMessage {
  const m = obj(item.message);
  const msg: ChatMessage = { role: text(m.role) ?? 'user', content: m.content ?? null };
  if (m.name !== undefined) msg.name = text(m.name);
  if (m.tool_call_id !== undefined) msg.tool_call_id = text(m.tool_call_id);
  if (Array.isArray(m.contents) && msg.content === null) {
    const parts = m.contents.map((c) => obj(obj(c).message_content));
    const allText = parts.every((p) => p.type === 'text' || p.type === undefined);
    msg.content = allText ? parts.map((p) => text(p.text) ?? '').join('') : parts;
  }
  for (const raw of Array.isArray(m.tool_calls) ? m.tool_calls : []) {
    const call = obj(obj(raw).tool_call);
    const fn = obj(call.function);
    addToolCall(msg, toolCall(call.id, fn.name, fn.arguments));
  }
  return msg;
}

function messages(a: Obj, prefix: string): ChatMessage[] | undefined {
  return unflattenList(a, prefix)?.map(oiMessage);
}

/** `input.value` / `output.value`, parsed when its mime type says JSON. */
function valueWithMime(a: Obj, key: 'input' | 'output'): unknown {
  const value = a[`${key}.value`];
  if (value === undefined || value === '') return undefined;
  const mime = str(a, `${key}.mime_type`)?.toLowerCase();
  return mime === 'application/json' ? parseJsonish(value) : value;
}

function documents(a: Obj, prefix: string): unknown[] | undefined {
  return unflattenList(a, prefix)?.map((item) => {
    const d = obj(item.document);
    return { ...d, ...(d.metadata !== undefined ? { metadata: parseJsonish(d.metadata) } : {}) };
  });
}

export function openinference(view: SpanView, votes: Votes): void {
  const a = view.attributes;
  const kind = str(a, 'openinference.span.kind')?.toUpperCase();
  if (kind) voteType(votes, 1, KIND_TYPES[kind]);

  vote(votes, 'model', 2, str(a, 'llm.model_name'));
  vote(votes, 'model', 3, str(a, 'llm.response.model_name'));
  vote(votes, 'model', 6, str(a, 'llm.request.model_name'));
  vote(votes, 'model', 7, str(a, 'embedding.model_name') ?? str(a, 'reranker.model_name'));
  vote(votes, 'requestModel', 2, str(a, 'llm.request.model_name'));
  vote(votes, 'provider', 2, str(a, 'llm.provider')?.toLowerCase());
  vote(votes, 'provider', 3, str(a, 'llm.system')?.toLowerCase());

  vote(votes, 'promptTokens', 2, int(a, 'llm.token_count.prompt'));
  vote(votes, 'completionTokens', 2, int(a, 'llm.token_count.completion'));
  vote(votes, 'totalTokens', 1, int(a, 'llm.token_count.total'));
  vote(votes, 'cacheReadTokens', 2, int(a, 'llm.token_count.prompt_details.cache_read'));
  vote(votes, 'cacheWriteTokens', 2, int(a, 'llm.token_count.prompt_details.cache_write'));
  vote(votes, 'reasoningTokens', 2, int(a, 'llm.token_count.completion_details.reasoning'));
  vote(votes, 'costUsd', 1, float(a, 'llm.cost.total'));
  const promptCost = float(a, 'llm.cost.prompt');
  const completionCost = float(a, 'llm.cost.completion');
  if (promptCost !== undefined || completionCost !== undefined)
    vote(votes, 'costUsd', 2, (promptCost ?? 0) + (completionCost ?? 0));

  vote(votes, 'input', 2, messages(a, 'llm.input_messages'));
  vote(
    votes,
    'input',
    2,
    unflattenList(a, 'llm.prompts')?.map((p) => obj(p.prompt).text ?? null),
  );
  vote(votes, 'input', 3, valueWithMime(a, 'input'));
  const rerankDocs = documents(a, 'reranker.input_documents');
  if (rerankDocs) vote(votes, 'input', 3, { query: a['reranker.query'] ?? null, documents: rerankDocs });
  vote(
    votes,
    'input',
    3,
    unflattenList(a, 'embedding.embeddings')?.map((e) => obj(e.embedding).text ?? null),
  );
  vote(votes, 'output', 2, messages(a, 'llm.output_messages'));
  vote(
    votes,
    'output',
    2,
    unflattenList(a, 'llm.choices')?.map((c) => obj(c.completion).text ?? null),
  );
  vote(votes, 'output', 3, valueWithMime(a, 'output'));
  vote(votes, 'output', 5, documents(a, 'retrieval.documents') ?? documents(a, 'reranker.output_documents'));
  vote(
    votes,
    'output',
    5,
    unflattenList(a, 'embedding.embeddings')?.map((e) => obj(e.embedding).vector ?? null),
  );

  vote(votes, 'toolName', 2, str(a, 'tool.name'));
  vote(votes, 'toolCallId', 2, str(a, 'tool.id'));
  vote(votes, 'sessionId', 2, str(a, 'session.id'));
  vote(votes, 'userId', 1, str(a, 'user.id'));
  vote(votes, 'userId', 2, str(a, 'enduser.id'));
  vote(votes, 'tags', 1, stringList(a['tag.tags']));
  vote(votes, 'agentName', 2, str(a, 'agent.name'));
  vote(votes, 'finishReasons', 2, stringList(a['llm.finish_reason']));
  const metadata = json(a, 'metadata');
  if (metadata && typeof metadata === 'object' && !Array.isArray(metadata))
    voteMetadata(votes, 1, metadata as Obj);
}
