// OpenTelemetry GenAI semantic conventions: current (v1.37+, also emitted by AI SDK 7 and new
// OpenLLMetry) and the deprecated forms before it (gen_ai.system, prompt/completion_tokens,
// gen_ai.content.* and per-message span events). Ranks are those of reference table b.2.
import type { SpanType } from '../../../../shared/types.ts';
import {
  fromGenAiMessage,
  fromOpenAiLike,
  messageList,
  systemMessage,
  type ChatMessage,
} from './messages.ts';
import { providerName } from './providers.ts';
import { float, int, json, parseJsonish, str, stringList, type SpanView } from './view.ts';
import { vote, voteType, type Votes } from './votes.ts';

const OPERATION_TYPES: Record<string, SpanType | 'other' | 'guard'> = {
  chat: 'llm',
  text_completion: 'llm',
  generate_content: 'llm',
  embeddings: 'embedding',
  execute_tool: 'tool',
  invoke_agent: 'agent',
  // Setting an agent up is agent work; the reference table's 'other' left it unreadable as custom.
  create_agent: 'agent',
  invoke_workflow: 'chain',
  plan: 'chain',
  retrieval: 'retrieval',
  search_memory: 'retrieval',
  create_memory: 'other',
  update_memory: 'other',
  upsert_memory: 'other',
  delete_memory: 'other',
  create_memory_store: 'other',
  delete_memory_store: 'other',
  rerank: 'reranker',
  'guardrail.run': 'guard',
  guard: 'guard',
};

/** Deprecated `gen_ai.system` values: TL wrote `OpenAI`, VA writes `openai.responses`. */
export const vendorOf = providerName;

/** Text of a message's content for comparison: strings as they are, text parts joined. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content.trim();
  if (Array.isArray(content))
    return content
      .map((p) => (p && typeof p === 'object' ? String((p as { content?: unknown }).content ?? '') : ''))
      .join('')
      .trim();
  return JSON.stringify(content ?? null);
}

/**
 * A messages attribute that is not a JSON list (some instrumentations write the prompt as plain
 * text) is still the payload: shown as one message rather than dropped.
 */
function plainTextMessages(value: unknown, role: string): ChatMessage[] | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  return Array.isArray(parseJsonish(value)) ? undefined : [{ role, content: value }];
}

function inputMessages(a: Record<string, unknown>): ChatMessage[] | undefined {
  const messages =
    messageList(a['gen_ai.input.messages'], fromGenAiMessage) ??
    plainTextMessages(a['gen_ai.input.messages'], 'user');
  const system =
    a['gen_ai.system_instructions'] === undefined
      ? null
      : systemMessage(json(a, 'gen_ai.system_instructions'));
  if (!messages && !system) return undefined;
  if (!system) return messages;
  // Instrumentations such as OpenLIT send the system prompt both ways; show it once.
  const repeated = messages?.some(
    (m) => m.role === 'system' && contentText(m.content) === contentText(system.content),
  );
  return repeated ? messages : [system, ...(messages ?? [])];
}

/** A reported cost of 0 with tokens is a price table that lacked the model (OpenLIT), not a free call. */
function reportedCost(a: Record<string, unknown>): number | undefined {
  const cost = float(a, 'gen_ai.usage.cost');
  if (cost === undefined || cost < 0) return undefined;
  const tokens = (int(a, 'gen_ai.usage.input_tokens') ?? 0) + (int(a, 'gen_ai.usage.output_tokens') ?? 0);
  return cost === 0 && tokens > 0 ? undefined : cost;
}

const secondsToMs = (seconds: number | undefined): number | undefined =>
  seconds === undefined || seconds < 0 ? undefined : seconds * 1000;

const ROLE_EVENTS: Record<string, string> = {
  'gen_ai.system.message': 'system',
  'gen_ai.user.message': 'user',
  'gen_ai.assistant.message': 'assistant',
  'gen_ai.tool.message': 'tool',
};

/** GenAI content that arrives as span events (v1.26–v1.36 forms and the v1.37 details event). */
function fromEvents(view: SpanView, votes: Votes): void {
  const perMessage: ChatMessage[] = [];
  const choices: ChatMessage[] = [];
  for (const event of view.events) {
    const e = event.attributes;
    if (event.name === 'gen_ai.client.inference.operation.details') {
      vote(votes, 'input', 9, inputMessages(e));
      vote(votes, 'output', 9, messageList(e['gen_ai.output.messages'], fromGenAiMessage));
    } else if (event.name === 'gen_ai.content.prompt') {
      vote(votes, 'input', 9, messageList(e['gen_ai.prompt'], fromOpenAiLike) ?? json(e, 'gen_ai.prompt'));
    } else if (event.name === 'gen_ai.content.completion') {
      vote(
        votes,
        'output',
        9,
        messageList(e['gen_ai.completion'], fromOpenAiLike) ?? json(e, 'gen_ai.completion'),
      );
    } else if (ROLE_EVENTS[event.name] && e.content !== undefined) {
      const msg = fromOpenAiLike({
        role: ROLE_EVENTS[event.name],
        content: json(e, 'content'),
        tool_calls: json(e, 'tool_calls'),
        tool_call_id: e.id,
      });
      if (msg) perMessage.push(msg);
    } else if (event.name === 'gen_ai.choice') {
      const body = json(e, 'message');
      const msg = fromOpenAiLike({
        role: 'assistant',
        ...(body && typeof body === 'object' ? body : { content: body }),
        tool_calls: json(e, 'tool_calls'),
        finish_reason: e.finish_reason,
      });
      if (msg) choices.push(msg);
    }
  }
  vote(votes, 'input', 9, perMessage);
  vote(votes, 'output', 9, choices);
}

export function genai(view: SpanView, votes: Votes): void {
  const a = view.attributes;
  const operation = str(a, 'gen_ai.operation.name')?.toLowerCase();
  if (operation) voteType(votes, 2, OPERATION_TYPES[operation]);

  vote(votes, 'model', 1, str(a, 'gen_ai.response.model'));
  vote(votes, 'model', 5, str(a, 'gen_ai.request.model'));
  vote(votes, 'requestModel', 1, str(a, 'gen_ai.request.model'));
  vote(votes, 'provider', 1, providerName(str(a, 'gen_ai.provider.name')));
  vote(votes, 'provider', 4, vendorOf(str(a, 'gen_ai.system')));

  vote(votes, 'promptTokens', 1, int(a, 'gen_ai.usage.input_tokens'));
  vote(votes, 'promptTokens', 3, int(a, 'gen_ai.usage.prompt_tokens'));
  vote(votes, 'completionTokens', 1, int(a, 'gen_ai.usage.output_tokens'));
  vote(votes, 'completionTokens', 3, int(a, 'gen_ai.usage.completion_tokens'));
  vote(votes, 'cacheReadTokens', 1, int(a, 'gen_ai.usage.cache_read.input_tokens'));
  vote(votes, 'cacheWriteTokens', 1, int(a, 'gen_ai.usage.cache_creation.input_tokens'));
  vote(votes, 'reasoningTokens', 1, int(a, 'gen_ai.usage.reasoning.output_tokens'));

  vote(votes, 'input', 1, inputMessages(a));
  vote(votes, 'input', 4, json(a, 'gen_ai.tool.call.arguments'));
  vote(votes, 'input', 5, str(a, 'gen_ai.retrieval.query.text'));
  vote(votes, 'input', 10, messageList(a['gen_ai.prompt'], fromOpenAiLike) ?? json(a, 'gen_ai.prompt'));
  vote(
    votes,
    'output',
    1,
    messageList(a['gen_ai.output.messages'], fromGenAiMessage) ??
      plainTextMessages(a['gen_ai.output.messages'], 'assistant'),
  );
  vote(votes, 'costUsd', 3, reportedCost(a));
  vote(votes, 'output', 4, json(a, 'gen_ai.tool.call.result'));
  vote(votes, 'output', 5, json(a, 'gen_ai.retrieval.documents'));
  vote(
    votes,
    'output',
    10,
    messageList(a['gen_ai.completion'], fromOpenAiLike) ?? json(a, 'gen_ai.completion'),
  );
  fromEvents(view, votes);

  vote(votes, 'toolName', 1, str(a, 'gen_ai.tool.name'));
  vote(votes, 'toolCallId', 1, str(a, 'gen_ai.tool.call.id'));
  vote(votes, 'sessionId', 1, str(a, 'gen_ai.conversation.id'));
  vote(votes, 'agentName', 1, str(a, 'gen_ai.agent.name'));
  vote(votes, 'errorType', 1, str(a, 'error.type'));
  vote(votes, 'finishReasons', 1, stringList(a['gen_ai.response.finish_reasons']));
  vote(votes, 'timeToFirstTokenMs', 1, secondsToMs(float(a, 'gen_ai.response.time_to_first_chunk')));
  vote(votes, 'timeToFirstTokenMs', 3, secondsToMs(float(a, 'gen_ai.server.time_to_first_token')));
  vote(votes, 'timeToFirstTokenMs', 3, secondsToMs(float(a, 'gen_ai.client.operation.time_to_first_chunk')));
}
