// Spans (a flat list from the API) → the execution tree every trace view draws from.
// Everything here is iterative: a 10,000-deep chain of nested calls must not blow the JS stack,
// and the input is untrusted (missing parents, loops, self-parents, repeated ids all happen).
import type { Span } from '../../../shared/types.ts';
import { runToEnd, type Sliceable } from '../lib/slicedTask.ts';

export interface SpanNode {
  span: Span;
  parent: SpanNode | null;
  /** Sorted (sortSiblings). A leaf's is NO_CHILDREN, shared and frozen: never push to it. */
  children: SpanNode[];
  depth: number;
  /** spans in this subtree incl. itself */
  subtreeSize: number;
}

export interface TraceTree {
  roots: SpanNode[];
  byId: Map<string, SpanNode>;
  /** spans whose parent is missing from the trace; shown as roots, marked */
  orphanIds: Set<string>;
  /** spans whose parent chain loops; broken at the loop and shown as roots */
  cycleIds: Set<string>;
  startTime: number;
  endTime: number;
}

/** Start time, then id: a total order, so every view lists siblings the same way. */
export function compareByTime(a: SpanNode, b: SpanNode): number {
  const ta = a.span.startTime ?? Infinity;
  const tb = b.span.startTime ?? Infinity;
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.span.spanId < b.span.spanId ? -1 : a.span.spanId > b.span.spanId ? 1 : 0;
}

function compareByStep(a: SpanNode, b: SpanNode): number {
  return a.span.stepOrder! - b.span.stepOrder! || compareByTime(a, b);
}

/**
 * Siblings run in stepOrder when every one of them has it, else by start time. Mixing the two
 * keys pair by pair would not be a total order (step 1 at t=50, step 2 at t=5, unnumbered at t=7
 * form a loop), and sort() needs one.
 */
export function sortSiblings(nodes: SpanNode[]): void {
  if (nodes.length < 2) return;
  const allStepped = nodes.every((n) => n.span.stepOrder !== null);
  nodes.sort(allStepped ? compareByStep : compareByTime);
}

/**
 * `siblings` (sorted) with `node` added where sortSiblings would put it: the same array, or a new
 * one in place of NO_CHILDREN. Binary search: the sort keys are a total order, so the place is
 * the one a full sort would give. `allStepped`: whether every sibling has a step order, when the
 * caller knows it already.
 */
export function insertSibling(
  siblings: SpanNode[],
  node: SpanNode,
  allStepped = siblings.every((n) => n.span.stepOrder !== null),
): SpanNode[] {
  if (siblings === NO_CHILDREN) return [node];
  if (allStepped && node.span.stepOrder === null) {
    // The rule changes from step order to start time for the whole group.
    siblings.push(node);
    sortSiblings(siblings);
    return siblings;
  }
  const compare = allStepped ? compareByStep : compareByTime;
  let low = 0;
  let high = siblings.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(siblings[middle]!, node) < 0) low = middle + 1;
    else high = middle;
  }
  siblings.splice(low, 0, node);
  return siblings;
}

export function buildTraceTree(spans: readonly Span[]): TraceTree {
  return runToEnd(buildTraceTreeSliced(spans));
}

/**
 * The children of every leaf. Most spans are leaves (tool and model calls), and an array of their
 * own was a million allocations more for a 1,000,000-span trace (bench/bigTrace.bench.ts).
 */
export const NO_CHILDREN = Object.freeze([]) as unknown as SpanNode[];

/** Spans handled between two pause points of buildTraceTreeSliced. */
const SPANS_PER_PAUSE = 2048;

/**
 * buildTraceTree() as a computation that pauses every SPANS_PER_PAUSE spans of each pass: the
 * first tree of a 100,000-span trace (built cold, before the optimiser knows this code) takes
 * longer than a frame, so the UI builds it in slices (lib/slicedTask).
 */
export function* buildTraceTreeSliced(spans: readonly Span[]): Sliceable<TraceTree> {
  let work = 0;
  const byId = new Map<string, SpanNode>();
  // A repeated id keeps the last version seen: later answers carry the newer state of a span.
  for (const span of spans) {
    if (++work % SPANS_PER_PAUSE === 0) yield;
    byId.set(span.spanId, { span, parent: null, children: NO_CHILDREN, depth: 0, subtreeSize: 1 });
  }

  // Parents are linked in place (no side maps: at 100,000 spans each Map is a few tens of ms).
  const orphanIds = new Set<string>();
  const cycleIds = new Set<string>();
  for (const node of byId.values()) {
    if (++work % SPANS_PER_PAUSE === 0) yield;
    const parentId = node.span.parentSpanId;
    if (parentId === null || parentId === '') continue;
    if (parentId === node.span.spanId) {
      cycleIds.add(node.span.spanId);
      continue;
    }
    const parent = byId.get(parentId);
    if (parent === undefined) orphanIds.add(node.span.spanId);
    else node.parent = parent;
  }

  yield* breakCycles(byId, cycleIds);

  const roots: SpanNode[] = [];
  for (const node of byId.values()) {
    if (++work % SPANS_PER_PAUSE === 0) yield;
    const parent = node.parent;
    if (parent === null) roots.push(node);
    else if (parent.children === NO_CHILDREN) parent.children = [node];
    else parent.children.push(node);
  }
  sortSiblings(roots);

  // Pre-order walk sets depth and sorts children; the reverse of that order sums subtree sizes
  // bottom-up without recursion.
  const order: SpanNode[] = [];
  const stack: SpanNode[] = [];
  for (let i = roots.length - 1; i >= 0; i--) stack.push(roots[i]!);
  while (stack.length > 0) {
    if (++work % SPANS_PER_PAUSE === 0) yield;
    const node = stack.pop()!;
    order.push(node);
    node.depth = node.parent === null ? 0 : node.parent.depth + 1;
    sortSiblings(node.children);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    if (++work % SPANS_PER_PAUSE === 0) yield;
    const node = order[i]!;
    if (node.parent !== null) node.parent.subtreeSize += node.subtreeSize;
  }

  const { startTime, endTime } = timeBounds(byId);
  const tree = { roots, byId, orphanIds, cycleIds, startTime, endTime };
  // The walk above visited sorted children in pre-order: exactly the rows with nothing
  // collapsed, which the first frame asks for. Kept, so that frame does not walk 100,000 nodes
  // again in one task.
  cacheAllRows(tree, order);
  return tree;
}

/**
 * Follows each parent chain once (colouring nodes as in a linked-list cycle search). A chain that
 * comes back to a node of the same walk is a loop: the node where the walk entered it is cut
 * loose and becomes a root, so every span stays visible exactly once. The colour of a node is
 * kept in its `depth` (0: not walked yet), which the walk that sets depths overwrites after.
 */
function* breakCycles(byId: Map<string, SpanNode>, cycleIds: Set<string>): Sliceable<void> {
  let walk = 0;
  let visited = 0;
  for (const start of byId.values()) {
    if (++visited % SPANS_PER_PAUSE === 0) yield;
    if (start.depth !== 0) continue;
    walk++;
    let node: SpanNode | null = start;
    let previous: SpanNode | null = null;
    while (node !== null && node.depth === 0) {
      node.depth = walk;
      previous = node;
      node = node.parent;
    }
    if (node !== null && node.depth === walk && previous !== null) {
      previous.parent = null;
      cycleIds.add(previous.span.spanId);
    }
  }
}

function timeBounds(byId: Map<string, SpanNode>): { startTime: number; endTime: number } {
  let startTime = Infinity;
  let endTime = -Infinity;
  for (const { span } of byId.values()) {
    if (span.startTime !== null) {
      if (span.startTime < startTime) startTime = span.startTime;
      if (span.startTime > endTime) endTime = span.startTime;
    }
    if (span.endTime !== null && span.endTime > endTime) endTime = span.endTime;
  }
  if (startTime === Infinity) return { startTime: 0, endTime: 0 };
  return { startTime, endTime };
}

/** No span collapsed: one shared set, so views asking for every row share one cached answer. */
export const NO_COLLAPSE: ReadonlySet<string> = new Set();

// A tree object and a collapsed set are never changed once made (a change makes new ones; a live
// update changes nodes in place but answers with a new tree object, traceTreeUpdate.ts), so rows
// can be cached by their identity: the waterfall, the outline and the transcript each ask for the
// same 100,000 rows, and a view switch then costs no walk.
const rowsCache = new WeakMap<TraceTree, WeakMap<ReadonlySet<string>, readonly SpanNode[]>>();

/** The rows with nothing collapsed, if a view has asked for them (or the build made them). */
export function cachedAllRows(tree: TraceTree): readonly SpanNode[] | undefined {
  return rowsCache.get(tree)?.get(NO_COLLAPSE);
}

/** Gives `tree` its rows with nothing collapsed, made some other way than a walk. */
export function cacheAllRows(tree: TraceTree, rows: readonly SpanNode[]): void {
  rowsCache.set(tree, new WeakMap([[NO_COLLAPSE, rows]]));
}

/** Depth-first pre-order rows, skipping the descendants of collapsed spans. Cached; do not modify. */
export function visibleRows(tree: TraceTree, collapsed: ReadonlySet<string>): readonly SpanNode[] {
  // Nothing collapsed is nothing collapsed, whichever empty set says so.
  if (collapsed.size === 0) collapsed = NO_COLLAPSE;
  let byCollapsed = rowsCache.get(tree);
  if (!byCollapsed) {
    byCollapsed = new WeakMap();
    rowsCache.set(tree, byCollapsed);
  }
  let rows = byCollapsed.get(collapsed);
  if (!rows) {
    rows = walkVisible(tree, collapsed);
    byCollapsed.set(collapsed, rows);
  }
  return rows;
}

function walkVisible(tree: TraceTree, collapsed: ReadonlySet<string>): SpanNode[] {
  const rows: SpanNode[] = [];
  const stack: SpanNode[] = [];
  for (let i = tree.roots.length - 1; i >= 0; i--) stack.push(tree.roots[i]!);
  while (stack.length > 0) {
    const node = stack.pop()!;
    rows.push(node);
    if (collapsed.has(node.span.spanId)) continue;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return rows;
}

/** `root` and every node under it in pre-order (children in their sorted order), iteratively. */
export function subtreePreOrder(root: SpanNode): SpanNode[] {
  const order: SpanNode[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    order.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return order;
}

/** Ids of every ancestor of a span, nearest first (to expand the path to a selection). */
export function ancestorIds(tree: TraceTree, spanId: string): string[] {
  const ids: string[] = [];
  let node = tree.byId.get(spanId)?.parent ?? null;
  while (node !== null) {
    ids.push(node.span.spanId);
    node = node.parent;
  }
  return ids;
}
