// The differences of one aligned pair, and whether the pair is 'same' or 'changed'. Latency and
// cost are reported but never make a pair "changed": two runs of the same step always differ in
// wall time, and cost follows tokens. Payload text is diffed only when the two texts differ.
import { MODEL_CALL_TYPES } from '../types.ts';
import { payloadText } from './payloadText.ts';
import { diffText } from './textDiff.ts';
import type { NumberDelta, PairKind, PayloadDiff, Step, StepDiffs, StepInput } from './types.ts';

const delta = (a: number | null | undefined, b: number | null | undefined): NumberDelta => {
  const x = a ?? null;
  const y = b ?? null;
  return { a: x, b: y, delta: x !== null && y !== null ? y - x : null };
};

/** The text compared for a side: the full payload when loaded, else the stored preview. */
function sideText(span: StepInput, which: 'input' | 'output'): string {
  if (which in span && span[which] !== undefined) return payloadText(span[which]);
  const preview = which === 'input' ? span.inputPreview : span.outputPreview;
  return preview ?? '';
}

function inputLabel(span: StepInput): PayloadDiff['label'] {
  if (MODEL_CALL_TYPES.includes(span.type)) return 'prompt';
  return span.type === 'tool' ? 'arguments' : 'input';
}

function payloadDiff(a: StepInput, b: StepInput, which: 'input' | 'output'): PayloadDiff | undefined {
  const ta = sideText(a, which);
  const tb = sideText(b, which);
  if (ta === tb) return undefined;
  // Word granularity reads best for prompts and answers; very long texts diff by line to stay fast.
  const granularity = ta.length + tb.length > 200_000 ? 'line' : 'word';
  return {
    label: which === 'output' ? 'output' : inputLabel(a),
    a: ta,
    b: tb,
    diff: diffText(ta, tb, granularity),
  };
}

function metrics(a: StepInput | undefined, b: StepInput | undefined): StepDiffs {
  return {
    promptTokens: delta(a?.promptTokens, b?.promptTokens),
    completionTokens: delta(a?.completionTokens, b?.completionTokens),
    totalTokens: delta(a?.totalTokens, b?.totalTokens),
    costUsd: delta(a?.costUsd, b?.costUsd),
    latencyMs: delta(a?.durationMs, b?.durationMs),
  };
}

export function pairDiffs(a: Step | undefined, b: Step | undefined): { kind: PairKind; diffs: StepDiffs } {
  const diffs = metrics(a?.span, b?.span);
  if (!a) return { kind: 'inserted', diffs };
  if (!b) return { kind: 'removed', diffs };
  const x = a.span;
  const y = b.span;
  if (x.name !== y.name) diffs.name = { a: x.name, b: y.name };
  if (x.model !== y.model) diffs.model = { a: x.model, b: y.model };
  if (x.status !== y.status) diffs.status = { a: x.status, b: y.status };
  const errA = x.error?.message ?? null;
  const errB = y.error?.message ?? null;
  if (errA !== errB) diffs.error = { a: errA, b: errB };
  const input = payloadDiff(x, y, 'input');
  if (input) diffs.input = input;
  const output = payloadDiff(x, y, 'output');
  if (output) diffs.output = output;
  const tokensDiffer =
    diffs.totalTokens.delta !== null
      ? diffs.totalTokens.delta !== 0
      : (diffs.totalTokens.a === null) !== (diffs.totalTokens.b === null);
  const changed = diffs.name || diffs.model || diffs.status || diffs.error || input || output || tokensDiffer;
  return { kind: changed ? 'changed' : 'same', diffs };
}
