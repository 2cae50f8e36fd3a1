// A trace's spans as a tree, with what a digest keeps whole whatever the budget: the failures
// with their ancestors, and the critical path (from the root, always the child that ended last).
// Spans whose parent is not in the trace are roots too, so an orphan still shows.
import type { Span } from '../types.ts';
import { MAX_FAILURES } from './budget.ts';

export interface SpanTree {
  roots: Span[];
  children: Map<string, Span[]>;
  byId: Map<string, Span>;
  /** Error spans in execution order. */
  failures: Span[];
  /** Failures, their ancestors, and the critical path: never folded or cut. */
  kept: Set<string>;
  /** Spans below each span (not counting itself). */
  descendants: Map<string, number>;
  /** Error spans below each span (not counting itself). */
  failuresBelow: Map<string, number>;
  /** The critical path's span ids. */
  critical: Set<string>;
}

function executionOrder(a: Span, b: Span): number {
  return (
    (a.startTime ?? Infinity) - (b.startTime ?? Infinity) ||
    (a.stepOrder ?? 0) - (b.stepOrder ?? 0) ||
    (a.spanId < b.spanId ? -1 : 1)
  );
}

export function buildSpanTree(spans: readonly Span[]): SpanTree {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const children = new Map<string, Span[]>();
  const roots: Span[] = [];
  for (const span of spans) {
    const parent = span.parentSpanId;
    if (parent === null || parent === span.spanId || !byId.has(parent)) {
      roots.push(span);
      continue;
    }
    const list = children.get(parent);
    if (list) list.push(span);
    else children.set(parent, [span]);
  }
  roots.sort(executionOrder);
  for (const list of children.values()) list.sort(executionOrder);

  // Iterative post-order (a 100,000-span chain would overflow recursion).
  const descendants = new Map<string, number>();
  const failuresBelow = new Map<string, number>();
  const order: Span[] = [];
  const stack = [...roots];
  while (stack.length) {
    const span = stack.pop()!;
    order.push(span);
    for (const child of children.get(span.spanId) ?? []) stack.push(child);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const span = order[i]!;
    let count = 0;
    let failed = 0;
    for (const child of children.get(span.spanId) ?? []) {
      count += 1 + (descendants.get(child.spanId) ?? 0);
      failed += (child.status === 'error' ? 1 : 0) + (failuresBelow.get(child.spanId) ?? 0);
    }
    descendants.set(span.spanId, count);
    failuresBelow.set(span.spanId, failed);
  }

  const failures = order.filter((s) => s.status === 'error').sort(executionOrder);
  const kept = new Set<string>();
  const keepWithAncestors = (span: Span | undefined) => {
    for (let s = span; s && !kept.has(s.spanId); s = s.parentSpanId ? byId.get(s.parentSpanId) : undefined)
      kept.add(s.spanId);
  };
  // Only the first failures are kept whole: a run with thousands of them is summarised too.
  for (const failure of failures.slice(0, MAX_FAILURES)) keepWithAncestors(failure);
  const critical = new Set(criticalPath(roots, children).map((s) => s.spanId));
  for (const id of critical) kept.add(id);
  return { roots, children, byId, failures, kept, descendants, failuresBelow, critical };
}

/** From the root that ended last, down through the child that ended last at each level. */
export function criticalPath(roots: readonly Span[], children: ReadonlyMap<string, Span[]>): Span[] {
  const path: Span[] = [];
  let level: readonly Span[] = roots;
  while (level.length) {
    let last = level[0]!;
    for (const span of level) if ((span.endTime ?? -Infinity) > (last.endTime ?? -Infinity)) last = span;
    path.push(last);
    level = children.get(last.spanId) ?? [];
  }
  return path;
}

/** The chain from the root down to `span` (inclusive). */
export function ancestry(tree: SpanTree, span: Span): Span[] {
  const chain: Span[] = [];
  const seen = new Set<string>();
  for (
    let s: Span | undefined = span;
    s && !seen.has(s.spanId);
    s = s.parentSpanId ? tree.byId.get(s.parentSpanId) : undefined
  ) {
    seen.add(s.spanId);
    chain.push(s);
  }
  return chain.reverse();
}
