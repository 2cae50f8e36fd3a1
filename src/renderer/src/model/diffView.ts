// Display helpers for the text diffs computed by src/shared/compare (never a second diff
// algorithm): split one diff into the two sides of a side-by-side view, fold long unchanged
// stretches so a one-word change in a 50 KB prompt is visible at once, and describe numeric
// deltas ("+120 (+41%)") with whether the change is for the better.
import type { DiffOp } from '../../../shared/compare/index.ts';

export type SegmentKind = 'equal' | 'insert' | 'delete' | 'fold';

export interface Segment {
  kind: SegmentKind;
  text: string;
}

/** Side A shows what was kept and deleted; side B what was kept and inserted. */
export function diffSides(ops: readonly DiffOp[]): { a: Segment[]; b: Segment[] } {
  const a: Segment[] = [];
  const b: Segment[] = [];
  for (const { op, text } of ops) {
    if (op !== 'insert') a.push({ kind: op, text });
    if (op !== 'delete') b.push({ kind: op, text });
  }
  return { a: merge(a), b: merge(b) };
}

/** Adjacent segments of one kind become one, so the DOM has as few nodes as the diff allows. */
function merge(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const segment of segments) {
    const last = out[out.length - 1];
    if (last && last.kind === segment.kind) last.text += segment.text;
    else out.push({ ...segment });
  }
  return out;
}

export interface FoldOptions {
  /** Characters kept on each side of a change. */
  context?: number;
  /** Unchanged text shorter than this is never folded. */
  minFold?: number;
}

/**
 * Long unchanged text becomes a `fold` segment (its text kept, for "show all"), with `context`
 * characters kept next to each change. The start of the first and the end of the last segment
 * have no change to give context to, so only the side next to a change is kept there.
 */
export function foldUnchanged(
  segments: readonly Segment[],
  { context = 160, minFold = 600 }: FoldOptions = {},
): Segment[] {
  const out: Segment[] = [];
  segments.forEach((segment, index) => {
    if (segment.kind !== 'equal' || segment.text.length < minFold) {
      out.push(segment);
      return;
    }
    const keepBefore = index > 0 ? context : 0;
    const keepAfter = index < segments.length - 1 ? context : 0;
    const text = segment.text;
    if (text.length <= keepBefore + keepAfter + 80) {
      out.push(segment);
      return;
    }
    if (keepBefore > 0) out.push({ kind: 'equal', text: text.slice(0, keepBefore) });
    out.push({ kind: 'fold', text: text.slice(keepBefore, text.length - keepAfter) });
    if (keepAfter > 0) out.push({ kind: 'equal', text: text.slice(text.length - keepAfter) });
  });
  return out;
}

export type DeltaTone = 'better' | 'worse' | 'same' | 'unknown';

export interface DeltaText {
  text: string;
  tone: DeltaTone;
}

/**
 * b against a, for quantities where less is better (tokens, cost, latency): "+120 (+41%)",
 * "−0.8 s (−12%)", "same". `format` renders the absolute difference.
 */
export function describeDelta(
  a: number | null,
  b: number | null,
  format: (value: number) => string,
): DeltaText {
  if (a === null || b === null || Number.isNaN(a) || Number.isNaN(b)) return { text: '—', tone: 'unknown' };
  const diff = b - a;
  if (diff === 0) return { text: 'same', tone: 'same' };
  const sign = diff > 0 ? '+' : '−';
  const percent = a !== 0 ? ` (${sign}${formatPercentMagnitude(Math.abs(diff / a))})` : '';
  return { text: `${sign}${format(Math.abs(diff))}${percent}`, tone: diff > 0 ? 'worse' : 'better' };
}

function formatPercentMagnitude(fraction: number): string {
  const percent = fraction * 100;
  if (percent < 1) return '<1%';
  return `${percent < 10 ? Number(percent.toFixed(1)) : Math.round(percent)}%`;
}
