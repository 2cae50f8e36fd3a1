// Langfuse's OTel-based SDKs (JS v4+, Python v3+): ordinary spans whose meaning is in
// `langfuse.observation.*` (type, model, usage and cost objects, input/output JSON, level and
// status message, completion start time) and `langfuse.trace.*` (name, input, output, tags,
// metadata), with session and user as `session.id`/`user.id` (`langfuse.session.id`/
// `langfuse.user.id` in some versions). A failed generation is level ERROR, often with an OTel
// status left unset, so the level alone marks the span as an error.
import type { SpanType } from '../../../../shared/types.ts';
import { fromOpenAiLike, messageList, type ChatMessage } from './messages.ts';
import { readCost, readUsage } from './usageDetails.ts';
import { json, str, stringList, timeToFirstTokenMs, withPrefix, type SpanView } from './view.ts';
import { vote, voteMetadata, voteType, type Votes } from './votes.ts';

const OBSERVATION_TYPES: Record<string, SpanType | 'other'> = {
  generation: 'llm',
  embedding: 'embedding',
  agent: 'agent',
  tool: 'tool',
  chain: 'chain',
  retriever: 'retrieval',
  evaluator: 'evaluator',
  guardrail: 'guardrail',
  event: 'other',
};

const O = 'langfuse.observation.';
const T = 'langfuse.trace.';

/** A generation's input or output as chat messages when it is OpenAI-shaped; otherwise as sent. */
function asMessages(value: unknown, role: 'user' | 'assistant'): unknown {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return messageList(value, fromOpenAiLike) ?? value;
  if (value && typeof value === 'object' && 'role' in value) {
    const msg = fromOpenAiLike(value);
    return msg ? [msg] : value;
  }
  // Chat message lists nested one level down ({messages: [...]}) are the common request shape.
  const nested = value && typeof value === 'object' ? (value as Record<string, unknown>).messages : undefined;
  if (Array.isArray(nested)) return messageList(nested, fromOpenAiLike) ?? value;
  if (typeof value === 'string') return [{ role, content: value } satisfies ChatMessage];
  return value;
}

export function langfuse(view: SpanView, votes: Votes): void {
  const a = view.attributes;
  const type = str(a, `${O}type`)?.toLowerCase();
  if (type) voteType(votes, 1, OBSERVATION_TYPES[type]);
  const isModelCall = type === 'generation' || type === 'embedding';

  vote(votes, 'model', 2, str(a, `${O}model.name`));
  vote(votes, 'requestModel', 2, str(a, `${O}model.name`));
  const usage = readUsage(json(a, `${O}usage_details`));
  if (usage) {
    vote(votes, 'promptTokens', 1, usage.promptTokens);
    vote(votes, 'completionTokens', 1, usage.completionTokens);
    vote(votes, 'totalTokens', 1, usage.totalTokens);
    vote(votes, 'cacheReadTokens', 1, usage.cacheReadTokens);
    vote(votes, 'cacheWriteTokens', 1, usage.cacheWriteTokens);
    vote(votes, 'reasoningTokens', 1, usage.reasoningTokens);
  }
  vote(votes, 'costUsd', 1, readCost(json(a, `${O}cost_details`)));
  vote(votes, 'timeToFirstTokenMs', 1, timeToFirstTokenMs(view, a[`${O}completion_start_time`]));

  const input = json(a, `${O}input`);
  const output = json(a, `${O}output`);
  vote(votes, 'input', 1, isModelCall ? asMessages(input, 'user') : input);
  vote(votes, 'output', 1, isModelCall ? asMessages(output, 'assistant') : output);

  if (str(a, `${O}level`)?.toUpperCase() === 'ERROR') {
    vote(votes, 'errorType', 2, 'error');
    vote(votes, 'errorMessage', 1, str(a, `${O}status_message`));
  }
  if (type === 'tool') vote(votes, 'toolName', 6, view.name);
  if (type === 'agent') vote(votes, 'agentName', 6, view.name);

  vote(votes, 'sessionId', 1, str(a, 'langfuse.session.id'));
  vote(votes, 'userId', 1, str(a, 'langfuse.user.id'));
  vote(votes, 'tags', 1, stringList(a[`${T}tags`]));
  vote(votes, 'traceName', 1, str(a, `${T}name`));
  vote(votes, 'traceInput', 1, json(a, `${T}input`));
  vote(votes, 'traceOutput', 1, json(a, `${T}output`));
  voteMetadata(votes, 1, withPrefix(a, `${T}metadata.`));
  voteMetadata(votes, 0, withPrefix(a, `${O}metadata.`));
  const parameters = json(a, `${O}model.parameters`);
  if (parameters && typeof parameters === 'object' && !Array.isArray(parameters))
    voteMetadata(votes, 2, { model_parameters: parameters });
}
