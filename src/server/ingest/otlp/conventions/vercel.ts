// Vercel AI SDK `ai.*` telemetry (v3–v6 `experimental_telemetry`, `LegacyOpenTelemetry` in v7):
// operation ids, `ai.prompt*` / `ai.response.*` payloads, `ai.usage.*`, `ai.toolCall.*`,
// `ai.telemetry.metadata.*` (session/user/tags by the usual application convention).
import type { SpanType } from '../../../../shared/types.ts';
import { vendorOf } from './genai.ts';
import { fromOpenAiLike, messageList, toolCall, type ChatMessage } from './messages.ts';
import { float, int, json, str, stringList, withPrefix, type SpanView } from './view.ts';
import { vote, voteMetadata, voteType, type Votes } from './votes.ts';

const OPERATION_TYPES: Record<string, SpanType> = {
  'ai.generateText': 'chain',
  'ai.streamText': 'chain',
  'ai.generateObject': 'chain',
  'ai.streamObject': 'chain',
  'ai.generateText.doGenerate': 'llm',
  'ai.streamText.doStream': 'llm',
  'ai.generateObject.doGenerate': 'llm',
  'ai.streamObject.doStream': 'llm',
  'ai.toolCall': 'tool',
  'ai.embed': 'chain',
  'ai.embedMany': 'chain',
  'ai.embed.doEmbed': 'embedding',
  'ai.embedMany.doEmbed': 'embedding',
};
const METADATA = 'ai.telemetry.metadata.';

type Obj = Record<string, unknown>;

/** `ai.prompt` = {system?, prompt?, messages?} → ChatMessage[]. */
function promptMessages(value: unknown): ChatMessage[] | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const p = value as Obj;
  const list: ChatMessage[] = [];
  if (typeof p.system === 'string') list.push({ role: 'system', content: p.system });
  if (p.prompt !== undefined && p.prompt !== null)
    list.push(fromOpenAiLike({ role: 'user', content: p.prompt })!);
  list.push(...(messageList(p.messages, fromOpenAiLike) ?? []));
  return list.length > 0 ? list : undefined;
}

/** `ai.response.text` + `ai.response.toolCalls` → one assistant message. */
function responseMessage(a: Obj): ChatMessage[] | undefined {
  const text = a['ai.response.text'];
  const calls = json(a, 'ai.response.toolCalls');
  if (text === undefined && !Array.isArray(calls)) return undefined;
  const msg: ChatMessage = { role: 'assistant', content: typeof text === 'string' ? text : null };
  if (Array.isArray(calls) && calls.length > 0) {
    // v5+: {toolCallId, toolName, input}; v4: {toolCallType, toolCallId, toolName, args}.
    msg.tool_calls = calls.map((c: Obj) => toolCall(c.toolCallId, c.toolName, c.input ?? c.args));
  }
  const finish = str(a, 'ai.response.finishReason');
  if (finish) msg.finish_reason = finish;
  return [msg];
}

export function vercel(view: SpanView, votes: Votes): void {
  const a = view.attributes;
  const operation = str(a, 'ai.operationId') ?? (view.name.startsWith('ai.') ? view.name : undefined);
  if (operation) voteType(votes, 4, OPERATION_TYPES[operation] ?? 'other');

  vote(votes, 'model', 4, str(a, 'ai.response.model'));
  vote(votes, 'model', 8, str(a, 'ai.model.id'));
  vote(votes, 'requestModel', 3, str(a, 'ai.model.id'));
  vote(votes, 'provider', 5, vendorOf(str(a, 'ai.model.provider')));

  vote(votes, 'promptTokens', 4, int(a, 'ai.usage.inputTokens'));
  vote(votes, 'promptTokens', 5, int(a, 'ai.usage.promptTokens'));
  vote(votes, 'promptTokens', 6, int(a, 'ai.usage.tokens'));
  vote(votes, 'completionTokens', 4, int(a, 'ai.usage.outputTokens'));
  vote(votes, 'completionTokens', 5, int(a, 'ai.usage.completionTokens'));
  vote(votes, 'totalTokens', 4, int(a, 'ai.usage.totalTokens'));
  vote(votes, 'cacheReadTokens', 4, int(a, 'ai.usage.cachedInputTokens'));
  vote(votes, 'reasoningTokens', 4, int(a, 'ai.usage.reasoningTokens'));

  vote(votes, 'input', 8, messageList(a['ai.prompt.messages'], fromOpenAiLike));
  vote(votes, 'input', 8, promptMessages(json(a, 'ai.prompt')) ?? json(a, 'ai.prompt'));
  vote(votes, 'input', 8, json(a, 'ai.toolCall.args'));
  vote(votes, 'input', 8, json(a, 'ai.values') ?? json(a, 'ai.value'));
  vote(votes, 'output', 8, responseMessage(a));
  vote(votes, 'output', 8, json(a, 'ai.response.object'));
  vote(votes, 'output', 8, json(a, 'ai.toolCall.result'));
  vote(votes, 'output', 8, json(a, 'ai.embeddings') ?? json(a, 'ai.embedding'));

  vote(votes, 'toolName', 3, str(a, 'ai.toolCall.name'));
  vote(votes, 'toolCallId', 3, str(a, 'ai.toolCall.id'));
  vote(votes, 'agentName', 4, str(a, 'ai.telemetry.functionId'));
  vote(votes, 'finishReasons', 3, stringList(a['ai.response.finishReason']));
  vote(votes, 'timeToFirstTokenMs', 2, float(a, 'ai.response.msToFirstChunk'));

  vote(votes, 'sessionId', 4, str(a, `${METADATA}sessionId`));
  vote(votes, 'userId', 4, str(a, `${METADATA}userId`));
  vote(votes, 'tags', 2, stringList(a[`${METADATA}tags`]));
  voteMetadata(votes, 2, withPrefix(a, METADATA));
}
