// Mastra (@mastra/otel-exporter, @mastra/core observability): every span carries
// `mastra.span.type` (agent_run, model_generation, model_step, model_inference, tool_call,
// workflow_step…); inference and tool spans use GenAI attributes, the others keep their payloads
// in `mastra.<span type>.input` / `.output`. TTFT arrives as `mastra.completion_start_time` (ISO).
// Checked against a live run of @mastra/core 1.71 with @mastra/otel-exporter 1.4
// (test/integration/otlp-mastra.test.ts, fixture test/fixtures/otlp/mastra.json).
import type { SpanType } from '../../../../shared/types.ts';
import {
  addToolCall,
  fromOpenAiLike,
  messageList,
  systemMessage,
  toolCall,
  type ChatMessage,
} from './messages.ts';
import { json, str, stringList, timeToFirstTokenMs, type SpanView } from './view.ts';
import { vote, voteType, type Votes } from './votes.ts';

const SPAN_TYPES: Record<string, SpanType | 'other'> = {
  agent_run: 'agent',
  // The provider call itself (a CLIENT span named `chat <model>`): model, usage, finish reasons.
  model_inference: 'llm',
  // One turn of the agent loop around an inference: its messages in, its text and tool calls out.
  // As an llm it would count no tokens and read as a duplicate call.
  model_step: 'chain',
  llm_step: 'chain',
  model_chunk: 'other',
  llm_chunk: 'other',
  tool_call: 'tool',
  mcp_tool_call: 'tool',
  provider_tool_call: 'tool',
  workflow_run: 'chain',
  workflow_step: 'chain',
  workflow_conditional: 'chain',
  workflow_conditional_eval: 'chain',
  workflow_parallel: 'chain',
  workflow_loop: 'chain',
  workflow_sleep: 'chain',
  workflow_wait_event: 'chain',
  processor_run: 'guardrail',
  rag_embedding: 'embedding',
  generic: 'other',
};

// A generation wraps the steps of one agent call. Since @mastra/core 1.x the inference spans
// under it carry model and usage, so it is a chain; older exporters put both on the generation
// itself, which then is the llm call.
const GENERATIONS = new Set(['model_generation', 'llm_generation']);

function generationType(a: Record<string, unknown>): SpanType {
  const isCall = a['gen_ai.usage.input_tokens'] !== undefined || a['gen_ai.request.model'] !== undefined;
  return isCall ? 'llm' : 'chain';
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * An output `{text, toolCalls?, …}` (agent run, generation, step) → one assistant message. Only a
 * step's tool calls are its own turn's: a generation's and an agent run's list every step's
 * calls, which their child spans already show, so there the answer text alone is the output.
 */
function assistantOutput(value: unknown, withToolCalls: boolean): ChatMessage[] | undefined {
  if (!isRecord(value) || typeof value.text !== 'string') return undefined;
  const message: ChatMessage = { role: 'assistant', content: value.text === '' ? null : value.text };
  if (typeof value.reasoningText === 'string' && value.reasoningText !== '')
    message.reasoning = value.reasoningText;
  const calls = withToolCalls && Array.isArray(value.toolCalls) ? value.toolCalls : [];
  for (const call of calls)
    if (isRecord(call))
      addToolCall(message, toolCall(call.toolCallId, call.toolName, call.args ?? call.input));
  return message.content === null && !message.tool_calls ? undefined : [message];
}

/** A model chunk that streamed a tool call `{toolName, toolCallId, toolInput}` → that call. */
function chunkToolCall(value: unknown): ChatMessage[] | undefined {
  if (!isRecord(value) || typeof value.toolName !== 'string') return undefined;
  const message: ChatMessage = { role: 'assistant', content: null };
  addToolCall(message, toolCall(value.toolCallId, value.toolName, value.toolInput));
  return [message];
}

/** Mastra's messages follow the AI SDK's shape (content parts text / tool-call / tool-result). */
function payload(value: unknown): unknown {
  if (Array.isArray(value)) return messageList(value, fromOpenAiLike) ?? value;
  if (isRecord(value)) {
    const messages = value.messages;
    if (Array.isArray(messages) && Object.keys(value).length === 1)
      return messageList(messages, fromOpenAiLike) ?? value;
  }
  return value;
}

export function mastra(view: SpanView, votes: Votes): void {
  const a = view.attributes;
  const spanType = str(a, 'mastra.span.type')?.toLowerCase();
  if (!spanType) return;
  // Between OpenInference (1) and GenAI (2): Mastra's own type is more precise than the
  // operation name it derives for GenAI (which is the raw type for steps and chunks).
  voteType(votes, 1.5, GENERATIONS.has(spanType) ? generationType(a) : SPAN_TYPES[spanType]);
  const input = payload(json(a, `mastra.${spanType}.input`));
  vote(votes, 'input', 6, input);
  // The agent span carries its instructions as GenAI system instructions and the conversation in
  // its own input: together they are the agent's input (either alone hides the other).
  const instructions = json(a, 'gen_ai.system_instructions');
  const system = instructions === undefined ? null : systemMessage(instructions);
  if (system && input !== undefined) {
    const conversation = Array.isArray(input) ? input : [{ role: 'user', content: input }];
    vote(votes, 'input', 0, [system, ...conversation]);
  }
  const output = json(a, `mastra.${spanType}.output`);
  vote(
    votes,
    'output',
    6,
    assistantOutput(output, spanType === 'model_step') ?? chunkToolCall(output) ?? payload(output),
  );
  // Mastra stamps every inference of a generation with the first one's completion start, so a
  // later inference's lies before its own start and is dropped (timeToFirstTokenMs rejects it).
  vote(votes, 'timeToFirstTokenMs', 2, timeToFirstTokenMs(view, a['mastra.completion_start_time']));
  // Tracing options: tags land on the root span only; metadata keys on the spans they were given
  // to. Mastra's memory names the conversation `threadId` (sent as gen_ai.conversation.id too)
  // and its owner `resourceId`.
  vote(votes, 'tags', 2, stringList(a['mastra.tags']));
  vote(votes, 'sessionId', 2, str(a, 'mastra.metadata.sessionId') ?? str(a, 'mastra.metadata.threadId'));
  vote(votes, 'userId', 2, str(a, 'mastra.metadata.userId') ?? str(a, 'mastra.metadata.resourceId'));
  // A failed provider call leaves its inference span OK with finish reason `error`; only the
  // agent span gets the error status and message.
  if (spanType === 'model_inference' && stringList(a['gen_ai.response.finish_reasons'])?.includes('error')) {
    vote(votes, 'errorType', 2, 'error');
    vote(
      votes,
      'errorMessage',
      2,
      'The model call failed (finish reason "error"); the agent span has the message.',
    );
  }
}
