// Mastra's inference span (`model_inference`, the provider call with model and usage) carries no
// input, and its `gen_ai.output.messages` keep only the text: a turn that called a tool reads as
// an empty assistant message. Its parent step span (`model_step`) has both: the messages sent and
// the text plus tool calls received. When the two arrive in one batch (Mastra's exporter sends a
// finished run together), the inference borrows what it lacks from its step, marked by
// `spyglass.payload_from = mastra.model_step`; across batches it stays as sent.
import type { SpanPatch } from '../model.ts';
import { rebuildToolMessages } from './mastraToolMessages.ts';

const spanType = (span: SpanPatch): unknown => span.attributes?.['mastra.span.type'];

interface MessageLike {
  content?: unknown;
  tool_calls?: unknown[];
}

/** True when the output says nothing: absent, or messages with no text and no tool calls. */
function isEmptyOutput(output: unknown): boolean {
  if (output === undefined || output === null) return true;
  if (!Array.isArray(output)) return false;
  return output.every((m: MessageLike) => (m.content ?? '') === '' && !m.tool_calls?.length);
}

export function fillMastraInferences(spans: SpanPatch[]): void {
  const steps = new Map<string, SpanPatch>();
  for (const span of spans) if (spanType(span) === 'model_step') steps.set(span.spanId, span);
  if (steps.size === 0) return;
  rebuildToolMessages(spans);
  for (const span of spans) {
    if (spanType(span) !== 'model_inference' || !span.parentSpanId) continue;
    const step = steps.get(span.parentSpanId);
    if (!step) continue;
    let borrowed = false;
    if (span.input === undefined && step.input !== undefined) {
      span.input = step.input;
      borrowed = true;
    }
    if (isEmptyOutput(span.output) && !isEmptyOutput(step.output) && Array.isArray(step.output)) {
      span.output = step.output;
      borrowed = true;
    }
    if (borrowed && span.attributes) span.attributes['spyglass.payload_from'] = 'mastra.model_step';
  }
}
