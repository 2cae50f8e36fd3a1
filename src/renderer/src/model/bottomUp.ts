// The bottom-up table: a trace (or a time range of it) aggregated by span name or by type, as
// DevTools' Bottom-Up tab does for functions. "Which tool ate 40% of the run" is the top row by
// total time. Pure; one pass over the tree, written as a sliceable computation (lib/slicedTask)
// so the UI can run it in slices at 100,000 spans instead of one long task.
//
// - total: time spent in spans of the group, clipped to the range; a span inside another of the
//   same group (recursion, a retry inside a retry) is not counted twice;
// - self: total minus the time covered by its children (their union, clipped to the span);
// - tokens, cost, errors: of the spans that overlap the range (a call is not split).
import type { SpanType } from '../../../shared/types.ts';
import { runToEnd, type Sliceable } from '../lib/slicedTask.ts';
import type { SpanNode, TraceTree } from './traceTree.ts';

export type BottomUpGroup = 'name' | 'type';

export interface BottomUpRow {
  key: string;
  /** The span type when grouped by type; the most common type of the name otherwise. */
  type: SpanType;
  count: number;
  totalMs: number;
  selfMs: number;
  tokens: number;
  costUsd: number;
  errors: number;
  spanIds: string[];
}

export interface RangeSummary {
  durationMs: number;
  spans: number;
  tokens: number;
  costUsd: number;
  errors: number;
}

/** Epoch ms, inclusive start, exclusive end. */
export interface TimeRange {
  startMs: number;
  endMs: number;
}

function spanEnd(node: SpanNode, nowMs: number): number {
  return node.span.endTime ?? nowMs;
}

/** Length of the union of [a, b) intervals clipped to [lo, hi). Sorts `intervals` in place. */
function coveredMs(intervals: [number, number][], lo: number, hi: number): number {
  intervals.sort((x, y) => x[0] - y[0]);
  let covered = 0;
  let cursor = lo;
  for (const [a, b] of intervals) {
    const from = Math.max(a, cursor);
    const to = Math.min(b, hi);
    if (to > from) {
      covered += to - from;
      cursor = to;
    }
  }
  return covered;
}

/** Spans visited between two pause points of bottomUpSliced. */
const SPANS_PER_PAUSE = 256;

export function bottomUp(
  tree: TraceTree,
  group: BottomUpGroup,
  range: TimeRange | null,
  nowMs: number,
): BottomUpRow[] {
  return runToEnd(bottomUpSliced(tree, group, range, nowMs));
}

/** bottomUp() as a computation that pauses every SPANS_PER_PAUSE spans. */
export function* bottomUpSliced(
  tree: TraceTree,
  group: BottomUpGroup,
  range: TimeRange | null,
  nowMs: number,
): Sliceable<BottomUpRow[]> {
  const rows = new Map<string, BottomUpRow & { types: Map<SpanType, number> }>();
  const lo = range?.startMs ?? Number.NEGATIVE_INFINITY;
  const hi = range?.endMs ?? Number.POSITIVE_INFINITY;
  // Groups open on the path from the root (a Map of counts), for the recursion rule.
  const open = new Map<string, number>();
  // Iterative DFS: a 10,000-deep chain must not overflow the stack.
  const stack: { node: SpanNode; leaving: boolean }[] = [];
  for (let i = tree.roots.length - 1; i >= 0; i--) stack.push({ node: tree.roots[i]!, leaving: false });
  let visited = 0;
  while (stack.length > 0) {
    if (++visited % SPANS_PER_PAUSE === 0) yield;
    const { node, leaving } = stack.pop()!;
    const { span } = node;
    const key = group === 'name' ? span.name : span.type;
    if (leaving) {
      const n = open.get(key)! - 1;
      if (n === 0) open.delete(key);
      else open.set(key, n);
      continue;
    }
    const start = span.startTime ?? 0;
    const end = spanEnd(node, nowMs);
    const from = Math.max(start, lo);
    const to = Math.min(end, hi);
    const overlaps = range === null || to > from || (start === end && start >= lo && start < hi);
    if (overlaps) {
      let row = rows.get(key);
      if (!row) {
        row = {
          key,
          type: span.type,
          count: 0,
          totalMs: 0,
          selfMs: 0,
          tokens: 0,
          costUsd: 0,
          errors: 0,
          spanIds: [],
          types: new Map(),
        };
        rows.set(key, row);
      }
      const inside = Math.max(0, to - from);
      row.count++;
      if (!open.has(key)) row.totalMs += inside;
      // Most spans are leaves: no interval list to build for them.
      const covered =
        node.children.length === 0
          ? 0
          : coveredMs(
              node.children.map((c): [number, number] => [c.span.startTime ?? 0, spanEnd(c, nowMs)]),
              from,
              to,
            );
      row.selfMs += Math.max(0, inside - covered);
      row.tokens += span.totalTokens ?? 0;
      row.costUsd += span.costUsd ?? 0;
      if (span.status === 'error') row.errors++;
      row.spanIds.push(span.spanId);
      row.types.set(span.type, (row.types.get(span.type) ?? 0) + 1);
    }
    // Children can only overlap the range if this span's subtree might (spans may outlive their
    // parents, so every child is visited).
    open.set(key, (open.get(key) ?? 0) + 1);
    stack.push({ node, leaving: true });
    for (let i = node.children.length - 1; i >= 0; i--)
      stack.push({ node: node.children[i]!, leaving: false });
  }
  return [...rows.values()].map(({ types, ...row }) => {
    let best = row.type;
    let most = 0;
    for (const [type, n] of types)
      if (n > most) {
        best = type;
        most = n;
      }
    return { ...row, type: best };
  });
}

/** What a range selection holds: its length, and the spans that overlap it. */
export function summariseRange(tree: TraceTree, range: TimeRange, nowMs: number): RangeSummary {
  const summary: RangeSummary = {
    durationMs: range.endMs - range.startMs,
    spans: 0,
    tokens: 0,
    costUsd: 0,
    errors: 0,
  };
  for (const node of tree.byId.values()) {
    const start = node.span.startTime ?? 0;
    const end = spanEnd(node, nowMs);
    const overlaps =
      Math.min(end, range.endMs) > Math.max(start, range.startMs) ||
      (start === end && start >= range.startMs && start < range.endMs);
    if (!overlaps) continue;
    summary.spans++;
    summary.tokens += node.span.totalTokens ?? 0;
    summary.costUsd += node.span.costUsd ?? 0;
    if (node.span.status === 'error') summary.errors++;
  }
  return summary;
}

export type BottomUpSort = 'key' | 'count' | 'totalMs' | 'selfMs' | 'tokens' | 'costUsd' | 'errors';

export function sortBottomUp(
  rows: readonly BottomUpRow[],
  by: BottomUpSort,
  descending: boolean,
): BottomUpRow[] {
  const sign = descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const d = by === 'key' ? a.key.localeCompare(b.key) : a[by] - b[by];
    return d !== 0 ? sign * d : a.key.localeCompare(b.key);
  });
}
