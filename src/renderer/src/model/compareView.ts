// Navigation and labels for the compare view, over a Comparison from src/shared/compare (the
// alignment itself is never recomputed here).
import type { AlignedPair, Comparison, PairKind } from '../../../shared/compare/index.ts';

/** Indices of the pairs that are not 'same', in order: the stops of "next/previous change". */
export function changeIndices(comparison: Comparison): number[] {
  const out: number[] = [];
  comparison.pairs.forEach((pair, index) => {
    if (pair.kind !== 'same') out.push(index);
  });
  return out;
}

/** The next change after `from` (or before it, for -1); wraps around; null when there is none. */
export function nextChange(changes: readonly number[], from: number, direction: 1 | -1): number | null {
  if (changes.length === 0) return null;
  if (direction === 1) return changes.find((index) => index > from) ?? changes[0]!;
  for (let i = changes.length - 1; i >= 0; i--) if (changes[i]! < from) return changes[i]!;
  return changes[changes.length - 1]!;
}

export const KIND_LABEL: Record<PairKind, string> = {
  same: 'same',
  changed: 'changed',
  inserted: 'only in B',
  removed: 'only in A',
};

/** The gutter mark of a row, diff-style, so the kind reads without colour too. */
export const KIND_MARK: Record<PairKind, string> = { same: '', changed: '~', inserted: '+', removed: '−' };

/** What changed in a pair, in a few words for its row's tooltip: "prompt, output, tokens". */
export function changeSummary(pair: AlignedPair): string {
  if (pair.kind === 'inserted') return 'only in run B';
  if (pair.kind === 'removed') return 'only in run A';
  const { diffs } = pair;
  const parts: string[] = [];
  if (diffs.name) parts.push('name');
  if (diffs.model) parts.push('model');
  if (diffs.status) parts.push('status');
  if (diffs.error) parts.push('error');
  if (diffs.input) parts.push(diffs.input.label);
  if (diffs.output) parts.push('output');
  if (diffs.totalTokens.delta) parts.push('tokens');
  return parts.length > 0 ? parts.join(', ') : 'no differences';
}

/** The pair to select first: the first divergence, else the first pair. */
export function initialPair(comparison: Comparison): number {
  return comparison.firstDivergence ?? 0;
}
