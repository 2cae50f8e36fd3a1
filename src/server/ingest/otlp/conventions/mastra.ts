// Mastra (@mastra/otel-exporter, @mastra/core observability): every span carries
// `mastra.span.type` (agent_run, model_generation, model_step, tool_call, workflow_step…); model
// and tool spans use GenAI attributes, the others keep their payloads in
// `mastra.<span type>.input` / `.output`. TTFT arrives as `mastra.completion_start_time` (ISO).
// Facts from the exporter's source (observability/otel-exporter/src/gen-ai-semantics.ts and the
// older span-converter.ts), not from a live run.
import type { SpanType } from '../../../../shared/types.ts';
import { fromOpenAiLike, messageList, systemMessage } from './messages.ts';
import { json, str, timeToFirstTokenMs, type SpanView } from './view.ts';
import { vote, voteType, type Votes } from './votes.ts';

const SPAN_TYPES: Record<string, SpanType | 'other'> = {
  agent_run: 'agent',
  model_generation: 'llm',
  llm_generation: 'llm',
  // One provider request inside a generation; the generation carries the usage, so the step is
  // a chain step (as an llm it would count nothing and read as a duplicate call).
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

/** Mastra's messages follow the AI SDK's shape (content parts text / tool-call / tool-result). */
function payload(value: unknown): unknown {
  if (Array.isArray(value)) return messageList(value, fromOpenAiLike) ?? value;
  if (value && typeof value === 'object') {
    const messages = (value as Record<string, unknown>).messages;
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
  voteType(votes, 1.5, SPAN_TYPES[spanType]);
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
  vote(votes, 'output', 6, payload(json(a, `mastra.${spanType}.output`)));
  vote(votes, 'timeToFirstTokenMs', 2, timeToFirstTokenMs(view, a['mastra.completion_start_time']));
}
