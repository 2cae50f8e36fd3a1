// Icicle (root on top) layout of a trace for the flame graph. Width is one of three measures:
// - time: a span's duration. Parallel children can add up to more than their parent, so a
//   parent's children are scaled to fit its width (what share of the parent each one took);
//   whatever they leave free on the right is the parent's own time.
// - tokens / cost: subtree sums. Only model calls carry their own tokens and cost (the same
//   rule as the trace totals), so an agent span that repeats its children's totals is not
//   counted twice.
// Positions are fractions of the focused subtree's width, so zooming into a subtree is a new
// layout of that node, and drawing multiplies by the canvas width.
import { MODEL_CALL_TYPES } from '../../../shared/types.ts';
import type { Span } from '../../../shared/types.ts';
import { type SpanNode, subtreePreOrder, type TraceTree } from './traceTree.ts';
import { spanEnd, spanStart } from './spanTiming.ts';

export type FlameMetric = 'time' | 'tokens' | 'cost';

export interface FlameLayout {
  /** Pre-order from the focus; index 0 is the focus itself. */
  nodes: SpanNode[];
  x0: Float64Array;
  x1: Float64Array;
  /** Depth below the focus (focus = 0). */
  depth: Uint32Array;
  /** The measure that sets each width (ms, tokens or USD). */
  value: Float64Array;
  /** Subtree cost in USD whatever the metric, for the cost-heat colouring. */
  cost: Float64Array;
  maxDepth: number;
}

function ownAmount(span: Span, metric: 'tokens' | 'cost'): number {
  if (!MODEL_CALL_TYPES.includes(span.type)) return 0;
  const amount = metric === 'tokens' ? span.totalTokens : span.costUsd;
  return amount !== null && amount > 0 ? amount : 0;
}

/** Subtree sums of tokens or cost for every span of the tree (bottom-up, no recursion). */
export function subtreeSums(tree: TraceTree, metric: 'tokens' | 'cost'): Map<SpanNode, number> {
  const sums = new Map<SpanNode, number>();
  for (const root of tree.roots) {
    const order = subtreePreOrder(root);
    for (let i = order.length - 1; i >= 0; i--) {
      const node = order[i]!;
      let total = ownAmount(node.span, metric);
      for (const child of node.children) total += sums.get(child) ?? 0;
      sums.set(node, total);
    }
  }
  return sums;
}

export function layoutFlame(tree: TraceTree, focus: SpanNode, metric: FlameMetric, now: number): FlameLayout {
  const nodes = subtreePreOrder(focus);
  const n = nodes.length;
  const index = new Map<SpanNode, number>();
  nodes.forEach((node, i) => {
    index.set(node, i);
  });

  const value = new Float64Array(n);
  const cost = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    const node = nodes[i]!;
    let childCost = 0;
    let childAmount = 0;
    for (const child of node.children) {
      childCost += cost[index.get(child)!]!;
      if (metric !== 'time') childAmount += value[index.get(child)!]!;
    }
    cost[i] = ownAmount(node.span, 'cost') + childCost;
    value[i] =
      metric === 'time'
        ? spanEnd(node.span, tree.startTime, now) - spanStart(node.span, tree.startTime)
        : ownAmount(node.span, metric) + childAmount;
  }

  const x0 = new Float64Array(n);
  const x1 = new Float64Array(n);
  const depth = new Uint32Array(n);
  x1[0] = value[0]! > 0 ? 1 : 0;
  let maxDepth = 0;
  for (let i = 0; i < n; i++) {
    const node = nodes[i]!;
    if (node.children.length === 0) continue;
    let childTotal = 0;
    for (const child of node.children) childTotal += value[index.get(child)!]!;
    const width = x1[i]! - x0[i]!;
    const denominator = Math.max(value[i]!, childTotal);
    const perUnit = denominator > 0 ? width / denominator : 0;
    let cursor = x0[i]!;
    for (const child of node.children) {
      const j = index.get(child)!;
      x0[j] = cursor;
      cursor += value[j]! * perUnit;
      x1[j] = cursor;
      depth[j] = depth[i]! + 1;
      if (depth[j]! > maxDepth) maxDepth = depth[j]!;
    }
  }
  return { nodes, x0, x1, depth, value, cost, maxDepth };
}
