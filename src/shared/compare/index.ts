// Compare two runs step by step: flatten each into its execution order, align the steps, and
// describe every aligned pair. Pure (no DOM, no Node), so the renderer can run it on the two
// traces it already loaded, and tests run it on plain data.
import { alignSteps, MAX_FULL_CELLS } from './align.ts';
import { flattenRun } from './flatten.ts';
import { pairDiffs } from './stepDiffs.ts';
import type { AlignedPair, Comparison, StepInput } from './types.ts';

export type * from './types.ts';
export { flattenRun } from './flatten.ts';
export { summarizeComparison, runTotals, formatDurationMs } from './summary.ts';
export { diffText, diffTokens, tokenize } from './textDiff.ts';
export type { DiffOp, DiffOpKind, TextDiff, DiffGranularity } from './textDiff.ts';
export { payloadText } from './payloadText.ts';
export { nameSimilarity, RENAME_THRESHOLD } from './similarity.ts';
export { MAX_FULL_CELLS } from './align.ts';

export interface AlignOptions {
  /** Cells of the alignment table filled at most (one byte each); see align.ts. */
  maxCells?: number;
}

/** Aligns run B against run A (the baseline). Spans may come in any order. */
export function alignRuns(
  a: readonly StepInput[],
  b: readonly StepInput[],
  options: AlignOptions = {},
): Comparison {
  const stepsA = flattenRun(a);
  const stepsB = flattenRun(b);
  const { pairs: indexPairs, method } = alignSteps(stepsA, stepsB, options.maxCells ?? MAX_FULL_CELLS);
  const pairs: AlignedPair[] = [];
  let firstDivergence: number | null = null;
  for (const { a: i, b: j } of indexPairs) {
    const stepA = i === null ? undefined : stepsA[i];
    const stepB = j === null ? undefined : stepsB[j];
    const { kind, diffs } = pairDiffs(stepA, stepB);
    if (kind !== 'same' && firstDivergence === null) firstDivergence = pairs.length;
    const pair: AlignedPair = { kind, diffs };
    if (stepA) pair.a = stepA;
    if (stepB) pair.b = stepB;
    pairs.push(pair);
  }
  return { pairs, firstDivergence, stepsA: stepsA.length, stepsB: stepsB.length, method };
}
