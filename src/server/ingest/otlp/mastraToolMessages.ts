// Mastra's step spans record their input as a preview: a tool-calling assistant turn becomes
// `[tool: get_weather]` and its result `[tool-result: get_weather]` (@mastra/observability's
// summarizePart). The real calls are the earlier steps' outputs and the results are the tool
// spans under those steps, so when all of them are in the batch the placeholders are replaced by
// the assistant message with its tool calls and one tool message per call id. Anything that does
// not line up (a name that differs, a result not in the batch, text around a placeholder) leaves
// the input as sent.
import type { SpanPatch } from '../model.ts';

interface Message {
  role?: unknown;
  content?: unknown;
  tool_calls?: Array<{ id?: string; function?: { name?: string } }>;
}

const CALLS = /^(?:\[tool: [^\]]+\])+$/;
const RESULTS = /^(?:\[tool-result: [^\]]+\])+$/;
const NAMES = /\[tool(?:-result)?: ([^\]]+)\]/g;

const spanType = (span: SpanPatch): unknown => span.attributes?.['mastra.span.type'];
/** Mastra numbers the steps of a generation; the start time orders them otherwise. */
const stepOrder = (step: SpanPatch): number =>
  Number(step.attributes?.['mastra.model_step.step_index'] ?? step.startUs ?? 0);
const namesIn = (text: string): string[] => [...text.matchAll(NAMES)].map((m) => m[1] ?? '');
const callNames = (message: Message): string[] =>
  (message.tool_calls ?? []).map((c) => c.function?.name ?? '');
const sameNames = (a: string[], b: string[]) => a.length === b.length && a.every((name, i) => name === b[i]);

function resultText(tool: SpanPatch): string | undefined {
  if (tool.output === undefined) return undefined;
  return typeof tool.output === 'string' ? tool.output : JSON.stringify(tool.output);
}

/** The step's input with its placeholders rebuilt, or undefined when they cannot all be. */
function rebuilt(
  input: Message[],
  earlierCalls: Message[],
  results: Map<string, SpanPatch>,
): Message[] | undefined {
  const queue = [...earlierCalls];
  let lastCalls: Message | undefined;
  const out: Message[] = [];
  let changed = false;
  for (const message of input) {
    const text = typeof message.content === 'string' ? message.content : '';
    if (message.role === 'assistant' && CALLS.test(text)) {
      const real = queue.shift();
      if (!real || !sameNames(namesIn(text), callNames(real))) return undefined;
      out.push(real);
      lastCalls = real;
      changed = true;
    } else if (message.role === 'tool' && RESULTS.test(text)) {
      if (!lastCalls || !sameNames(namesIn(text), callNames(lastCalls))) return undefined;
      for (const call of lastCalls.tool_calls ?? []) {
        const tool = call.id ? results.get(call.id) : undefined;
        const content = tool ? resultText(tool) : undefined;
        if (content === undefined) return undefined;
        out.push({ role: 'tool', tool_call_id: call.id, content } as Message);
      }
      changed = true;
    } else out.push(message);
  }
  return changed ? out : undefined;
}

export function rebuildToolMessages(spans: SpanPatch[]): void {
  const stepsByGeneration = new Map<string, SpanPatch[]>();
  const results = new Map<string, SpanPatch>();
  for (const span of spans) {
    if (spanType(span) === 'model_step' && span.parentSpanId) {
      const siblings = stepsByGeneration.get(span.parentSpanId) ?? [];
      siblings.push(span);
      stepsByGeneration.set(span.parentSpanId, siblings);
    }
    const callId = span.attributes?.['gen_ai.tool.call.id'];
    if (spanType(span) === 'tool_call' && typeof callId === 'string') results.set(callId, span);
  }
  for (const steps of stepsByGeneration.values()) {
    steps.sort((a, b) => stepOrder(a) - stepOrder(b));
    const earlierCalls: Message[] = [];
    for (const step of steps) {
      if (Array.isArray(step.input) && earlierCalls.length > 0) {
        const input = rebuilt(step.input as Message[], earlierCalls, results);
        if (input) {
          step.input = input;
          if (step.attributes) step.attributes['spyglass.tool_messages_from'] = 'mastra.tool_call';
        }
      }
      const output = Array.isArray(step.output) ? (step.output[0] as Message | undefined) : undefined;
      if (output?.tool_calls?.length) earlierCalls.push(output);
    }
  }
}
