// The run as a conversation: LLM and tool spans in execution order, each LLM call showing only
// the messages it added. Agents resend the whole history on every call; printing it each time
// would bury the run, so the common prefix with the previous call's input + output is dropped
// (and counted). Tool results the agent feeds back as `tool` messages are dropped too when tool
// spans ran since the last call, since those spans already show the same results.
//
// Each step depends only on its own payload and the previous LLM call's, so the virtual list
// can build just the steps on screen (transcriptItem) from an index computed once for the whole
// trace (transcriptLinks). Pure.
import type { Span, SpanWithPayloads } from '../../../../shared/types.ts';
import { messageFingerprint, parseMessages, type ChatMessage } from '../../model/messages.ts';

export interface TranscriptStep {
  span: Span;
  /** null while the payload is not loaded. */
  payload: SpanWithPayloads | null;
}

export type TranscriptItem =
  | {
      kind: 'llm';
      span: Span;
      loaded: boolean;
      input: ChatMessage[];
      output: ChatMessage[];
      hiddenHistory: number;
    }
  | { kind: 'tool'; span: Span; loaded: boolean; input: unknown; output: unknown };

export const TRANSCRIPT_TYPES: ReadonlySet<string> = new Set(['llm', 'tool']);

/** A payload as messages: recognised shapes, else plain text as one message, else JSON as one part. */
export function asMessages(value: unknown, role: string): ChatMessage[] {
  if (value === undefined || value === null) return [];
  const parsed = parseMessages(value);
  if (parsed) return parsed;
  const part =
    typeof value === 'string' ? { kind: 'text' as const, text: value } : { kind: 'other' as const, value };
  return [{ role, name: null, parts: [part], toolCallId: null, finishReason: null }];
}

function commonPrefix(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * The step to show for a selected span: itself, else the first step after it in tree order.
 * One scan of the rows, instead of an index of every step (a 60,000-entry Map built on opening
 * was the largest part of opening the transcript of a 100,000-span trace).
 */
export function stepIndexFor(
  spanId: string | null,
  rows: readonly { span: Span }[],
  stepCount: number,
): number {
  if (spanId === null) return -1;
  let step = 0;
  let passed = false;
  for (const { span } of rows) {
    const isStep = TRANSCRIPT_TYPES.has(span.type);
    if (isStep && (passed || span.spanId === spanId)) return step;
    if (span.spanId === spanId) passed = true;
    if (isStep) step++;
  }
  return passed ? stepCount - 1 : -1;
}

/** The LLM and tool spans, in tree order. */
export function stepsOf(rows: readonly { span: Span }[]): Span[] {
  const spans: Span[] = [];
  for (const { span } of rows) if (TRANSCRIPT_TYPES.has(span.type)) spans.push(span);
  return spans;
}

/** For each step: the index of the LLM call before it (-1: none) and the tool spans since. */
export interface TranscriptLinks {
  previousLlm: Int32Array;
  toolsSince: Int32Array;
}

/** One pass over the steps; typed arrays keep it cheap at 100,000 steps. */
export function transcriptLinks(spans: readonly Span[]): TranscriptLinks {
  const previousLlm = new Int32Array(spans.length);
  const toolsSince = new Int32Array(spans.length);
  let lastLlm = -1;
  let tools = 0;
  for (let i = 0; i < spans.length; i++) {
    previousLlm[i] = lastLlm;
    toolsSince[i] = tools;
    if (spans[i]!.type === 'llm') {
      lastLlm = i;
      tools = 0;
    } else tools++;
  }
  return { previousLlm, toolsSince };
}

/**
 * One step. An LLM call needs the previous call's payload too (`undefined`: there is a previous
 * call but it is not loaded yet, so the step waits rather than print history it would then hide).
 */
export function transcriptItem(
  step: TranscriptStep,
  previous: SpanWithPayloads | null | undefined,
  toolsSince: number,
): TranscriptItem {
  const { span, payload } = step;
  if (span.type === 'tool')
    return { kind: 'tool', span, loaded: payload !== null, input: payload?.input, output: payload?.output };
  if (!payload || previous === undefined)
    return { kind: 'llm', span, loaded: false, input: [], output: [], hiddenHistory: 0 };
  const conversation = previous
    ? [
        ...asMessages(previous.input, 'user').map(messageFingerprint),
        ...asMessages(previous.output, 'assistant').map(messageFingerprint),
      ]
    : [];
  const input = asMessages(payload.input, 'user');
  const output = asMessages(payload.output, 'assistant');
  const known = commonPrefix(input.map(messageFingerprint), conversation);
  let fresh = input.slice(known);
  const before = fresh.length;
  if (toolsSince > 0) fresh = fresh.filter((message) => message.role !== 'tool');
  return {
    kind: 'llm',
    span,
    loaded: true,
    input: fresh,
    output,
    hiddenHistory: known + (before - fresh.length),
  };
}

/** Every step at once (small traces, tests). */
export function buildTranscript(steps: readonly TranscriptStep[]): TranscriptItem[] {
  const links = transcriptLinks(steps.map((step) => step.span));
  return steps.map((step, i) => {
    const p = links.previousLlm[i]!;
    const previous = p < 0 ? null : (steps[p]!.payload ?? undefined);
    return transcriptItem(step, previous, links.toolsSince[i]!);
  });
}
