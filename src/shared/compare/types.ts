// Shapes of a step-aligned comparison of two runs (issue 6, "Compare two runs, step by step").
// Pure data: the compare view renders these; nothing here touches the DOM or Node.
import type { Span, SpanType } from '../types.ts';
import type { TextDiff } from './textDiff.ts';

/**
 * One span of a run: the skeleton every trace answer carries, plus the payloads when the caller
 * loaded them (`?include=payloads`). Without payloads the previews are compared instead.
 */
export type StepInput = Span & { input?: unknown; output?: unknown };

/** A span placed in its run's depth-first order. */
export interface Step {
  /** Position in the flattened run (0-based). */
  index: number;
  depth: number;
  span: StepInput;
}

export type PairKind = 'same' | 'changed' | 'inserted' | 'removed';

/** A number on each side; `delta` is b − a when both are known. */
export interface NumberDelta {
  a: number | null;
  b: number | null;
  delta: number | null;
}

export interface ValueChange<T> {
  a: T;
  b: T;
}

/** A text difference of one payload, with the two texts it was computed from. */
export interface PayloadDiff {
  /** What the payload is for this step: an LLM's prompt, a tool's arguments, or a generic input. */
  label: 'prompt' | 'arguments' | 'input' | 'output';
  a: string;
  b: string;
  diff: TextDiff;
}

export interface StepDiffs {
  name?: ValueChange<string>;
  model?: ValueChange<string | null>;
  status?: ValueChange<string>;
  error?: ValueChange<string | null>;
  /** Only present when the two sides' inputs differ. */
  input?: PayloadDiff;
  output?: PayloadDiff;
  promptTokens: NumberDelta;
  completionTokens: NumberDelta;
  totalTokens: NumberDelta;
  costUsd: NumberDelta;
  latencyMs: NumberDelta;
}

export interface AlignedPair {
  kind: PairKind;
  /** The step of run A (absent for an inserted step). */
  a?: Step;
  /** The step of run B (absent for a removed step). */
  b?: Step;
  diffs: StepDiffs;
}

export interface Comparison {
  pairs: AlignedPair[];
  /** Index into `pairs` of the first pair that is not 'same'; null when the runs match step for step. */
  firstDivergence: number | null;
  stepsA: number;
  stepsB: number;
  /**
   * 'full': exact optimal alignment. 'banded': the runs were too long for the full table
   * (see MAX_FULL_CELLS), so only alignments staying near the diagonal were considered.
   */
  method: 'full' | 'banded';
}

/** Per-run totals used by the summary line. */
export interface RunTotals {
  steps: number;
  stepsByType: Partial<Record<SpanType, number>>;
  totalTokens: number;
  costUsd: number;
  /** Wall time from the first start to the last end, or null when no span has both. */
  durationMs: number | null;
  errors: number;
}

export interface ComparisonSummary {
  a: RunTotals;
  b: RunTotals;
  /** E.g. "3 more tool calls, +41% tokens, slower by 2.3 s". */
  text: string;
  changed: number;
  inserted: number;
  removed: number;
}
