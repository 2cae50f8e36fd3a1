// Node-link layout of the execution tree (d3-hierarchy's tidy tree, left to right).
// A big trace stays readable because deep and wide subtrees start collapsed in this view; the
// user's own choices (shared collapse state, plus subtrees opened here) override the default.
import { hierarchy, tree as d3tree } from 'd3';
import type { HierarchyPointNode } from 'd3';
import type { SpanNode, TraceTree } from './traceTree.ts';

export interface AutoCollapseRule {
  /** Spans at this depth or deeper start collapsed (roots are depth 0). */
  maxDepth: number;
  /** Spans with more children than this start collapsed. */
  maxChildren: number;
}

export const DEFAULT_AUTO_COLLAPSE: AutoCollapseRule = { maxDepth: 4, maxChildren: 20 };

/** Spans the tree graph collapses unless the user opened them. */
export function autoCollapsedIds(
  tree: TraceTree,
  rule: AutoCollapseRule = DEFAULT_AUTO_COLLAPSE,
): Set<string> {
  const ids = new Set<string>();
  for (const node of tree.byId.values()) {
    if (node.children.length === 0) continue;
    if (node.depth >= rule.maxDepth || node.children.length > rule.maxChildren) ids.add(node.span.spanId);
  }
  return ids;
}

export interface GraphNode {
  node: SpanNode;
  /** Card centre-left in layout units (px at zoom 1): x grows with depth, y across siblings. */
  x: number;
  y: number;
  collapsed: boolean;
  /** Descendants hidden under a collapsed card (the "+N" badge). */
  hiddenCount: number;
}

export interface GraphLayout {
  nodes: GraphNode[];
  /** Pairs of indexes into nodes: [parent, child, parent, child, ...]. */
  links: Uint32Array;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

export interface GraphMetrics {
  cardWidth: number;
  cardHeight: number;
  columnGap: number;
  rowGap: number;
}

export const GRAPH_METRICS: GraphMetrics = { cardWidth: 220, cardHeight: 56, columnGap: 56, rowGap: 14 };

type Datum = SpanNode | { virtualRoot: SpanNode[] };

export function layoutTreeGraph(
  tree: TraceTree,
  isCollapsed: (spanId: string) => boolean,
  metrics: GraphMetrics = GRAPH_METRICS,
): GraphLayout {
  // Several roots (orphans, broken cycles) hang under one invisible root so d3 lays out a forest.
  const rootDatum: Datum = { virtualRoot: tree.roots };
  const root = hierarchy<Datum>(rootDatum, (d) => {
    if ('virtualRoot' in d) return d.virtualRoot;
    return isCollapsed(d.span.spanId) ? null : d.children;
  });
  const layout = d3tree<Datum>()
    .nodeSize([metrics.cardHeight + metrics.rowGap, metrics.cardWidth + metrics.columnGap])
    .separation((a, b) => (a.parent === b.parent ? 1 : 1.25));
  const positioned = layout(root);

  const nodes: GraphNode[] = [];
  const indexOf = new Map<HierarchyPointNode<Datum>, number>();
  const links: number[] = [];
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  positioned.each((p) => {
    if ('virtualRoot' in p.data) return;
    const node = p.data;
    const collapsed = node.children.length > 0 && isCollapsed(node.span.spanId);
    // d3's x runs across siblings and y along depth; turn it to read left to right.
    const x = (p.depth - 1) * (metrics.cardWidth + metrics.columnGap);
    const y = p.x;
    indexOf.set(p, nodes.length);
    nodes.push({ node, x, y, collapsed, hiddenCount: collapsed ? node.subtreeSize - 1 : 0 });
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x + metrics.cardWidth);
    minY = Math.min(minY, y - metrics.cardHeight / 2);
    maxY = Math.max(maxY, y + metrics.cardHeight / 2);
  });
  positioned.each((p) => {
    const child = indexOf.get(p);
    const parent = p.parent === null ? undefined : indexOf.get(p.parent);
    if (child !== undefined && parent !== undefined) links.push(parent, child);
  });
  if (nodes.length === 0) return { nodes, links: new Uint32Array(0), minX: 0, maxX: 0, minY: 0, maxY: 0 };
  return { nodes, links: Uint32Array.from(links), minX, maxX, minY, maxY };
}
