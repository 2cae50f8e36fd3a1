// Live spans into a tree already built. A trace that is still running gets a few spans at a time
// from the live feed (new ones, and running ones that ended), and building the whole tree again
// for each flush cost the page more than anything else while a large trace ran: at 100,000 spans,
// with the copy of the span map, 45% of its main thread's work (a profile of the feed adding 200
// spans a second; at 1,000,000 spans the tab could not keep up). Here the
// usual changes are applied to the tree in place, in time that follows the spans changed and
// their depth, not the trace's size:
// - a span the tree has, with the same parent, start and step (it ended, its tokens came): its
//   node takes the new span;
// - a new span: a new node, under its parent, or a root (marked an orphan while its parent is
//   missing); orphans whose missing parent it is move under it.
// Anything else (a span moved to another parent or another place among its siblings, a span whose
// change narrows the trace's time bounds, a loop) answers null: build the tree again.
//
// The tree's nodes, maps and arrays are changed in place and a new TraceTree object is returned,
// since the views memoise on the tree's identity. After a call, the old object must not be used:
// after a null answer it may be half changed.
import type { Span } from '../../../shared/types.ts';
import {
  cacheAllRows,
  cachedAllRows,
  insertSibling,
  NO_CHILDREN,
  type SpanNode,
  sortSiblings,
  subtreePreOrder,
  type TraceTree,
} from './traceTree.ts';
import { carryRunning } from './spanTiming.ts';

/** New spans in one change past which the rows are walked again rather than carried over. */
const MAX_CARRIED_ADDS = 10_000;

export function updateTraceTree(tree: TraceTree, spans: readonly Span[]): TraceTree | null {
  // A span sent twice counts as its last copy, as in a full build.
  const changed = new Map<string, Span>();
  for (const span of spans) changed.set(span.spanId, span);
  if (!canUpdate(tree, changed.values())) return null;
  const { byId, roots, orphanIds } = tree;
  let { startTime, endTime } = tree;
  const fresh: SpanNode[] = [];
  for (const span of changed.values()) {
    if (span.startTime !== null) {
      startTime = Math.min(startTime, span.startTime);
      endTime = Math.max(endTime, span.startTime);
    }
    if (span.endTime !== null) endTime = Math.max(endTime, span.endTime);
    const node = byId.get(span.spanId);
    if (node !== undefined) node.span = span;
    else {
      const created: SpanNode = { span, parent: null, children: NO_CHILDREN, depth: 0, subtreeSize: 1 };
      byId.set(span.spanId, created);
      fresh.push(created);
    }
  }
  if (fresh.length === 0) return carried(tree, { ...tree, startTime, endTime }, changed, cachedAllRows(tree));

  // Where each new node goes, and which orphans find their parent among them.
  const added = new Map<SpanNode | null, SpanNode[]>();
  const place = (node: SpanNode, parent: SpanNode | null) => {
    node.parent = parent;
    const group = added.get(parent);
    if (group) group.push(node);
    else added.set(parent, [node]);
  };
  const freshIds = new Set<string>();
  for (const node of fresh) {
    freshIds.add(node.span.spanId);
    const parentId = node.span.parentSpanId;
    const parent = parentId === null || parentId === '' ? undefined : byId.get(parentId);
    if (parentId !== null && parentId !== '' && parent === undefined) orphanIds.add(node.span.spanId);
    place(node, parent ?? null);
  }
  const adopted: SpanNode[] = [];
  for (const orphanId of orphanIds) {
    const orphan = byId.get(orphanId)!;
    const parentId = orphan.span.parentSpanId!;
    if (!freshIds.has(parentId)) continue;
    orphanIds.delete(orphanId);
    adopted.push(orphan);
    place(orphan, byId.get(parentId)!);
  }
  if (adopted.length > 0) {
    const moved = new Set(adopted);
    const kept = roots.filter((root) => !moved.has(root));
    roots.length = 0;
    for (const root of kept) roots.push(root);
  }
  // The rows are carried over when the rows held stay in order: no orphan moved, no group of
  // siblings sorted by another rule now.
  let reordered = adopted.length > 0;
  for (const [parent, nodes] of added) {
    const siblings = parent === null ? roots : parent.children;
    const stepped = siblings.every((n) => n.span.stepOrder !== null);
    reordered ||= changesRule(siblings, nodes, stepped);
    if (parent === null) addSiblings(roots, nodes, stepped);
    else parent.children = addSiblings(siblings, nodes, stepped);
  }
  // (A block of new rows goes in as a splice's arguments, of which there can only be so many.)
  const heldRows = reordered || fresh.length > MAX_CARRIED_ADDS ? undefined : cachedAllRows(tree);

  // Depths and subtree sizes change in the new nodes and in the subtrees the adopted orphans bring:
  // walk that region from its tops (new nodes under an unchanged parent, or roots), then add each
  // top's size to its unchanged ancestors.
  const region = new Set<SpanNode>(fresh);
  for (const orphan of adopted) for (const node of subtreeOf(orphan)) region.add(node);
  const tops = fresh.filter((node) => node.parent === null || !region.has(node.parent));
  // Where each top's rows go among the rows held: read before the sizes below change.
  const inserts = heldRows && rowInserts(heldRows, tops, roots, region);
  const order: SpanNode[] = [];
  const stack = [...tops];
  while (stack.length > 0) {
    const node = stack.pop()!;
    order.push(node);
    node.depth = node.parent === null ? 0 : node.parent.depth + 1;
    node.subtreeSize = 1;
    for (const child of node.children) stack.push(child);
  }
  // A part of the region no top reaches hangs from itself: the new spans closed a loop.
  if (order.length !== region.size) return null;
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i]!;
    if (node.parent !== null && region.has(node.parent)) node.parent.subtreeSize += node.subtreeSize;
  }
  for (const top of tops)
    for (let ancestor = top.parent; ancestor !== null; ancestor = ancestor.parent)
      ancestor.subtreeSize += top.subtreeSize;
  const rows = heldRows && inserts && insertRows(heldRows, inserts);
  return carried(tree, { ...tree, startTime, endTime }, changed, rows);
}

/**
 * `next` (`previous` changed by `changed`), given what the views would otherwise work out again
 * with a scan of every node: its rows with nothing collapsed when they are known, and whether
 * any span runs.
 */
function carried(
  previous: TraceTree,
  next: TraceTree,
  changed: Map<string, Span>,
  rows: readonly SpanNode[] | null | undefined,
): TraceTree {
  if (rows) cacheAllRows(next, rows);
  carryRunning(previous, next, changed.values());
  return next;
}

/**
 * Adding `nodes` makes `siblings` (two or more, all in step order: `stepped`) sort by start time
 * instead.
 */
function changesRule(siblings: readonly SpanNode[], nodes: readonly SpanNode[], stepped: boolean): boolean {
  return stepped && siblings.length > 1 && nodes.some((n) => n.span.stepOrder === null);
}

/** A new node whose subtree (all new) goes before row `at` of the rows held. */
interface RowInsert {
  at: number;
  top: SpanNode;
  depth: number;
  /** Its place among its siblings. */
  place: number;
}

/**
 * Where each top's block of rows goes: after the rows of the nearest sibling before it that was
 * held, or else right after its parent (the first row, for a root). Blocks that go at the same
 * row are ordered as the pre-order walk meets them: the deeper one first (it ends a subtree that
 * the other follows), then by place among siblings. Null if a node is not among the rows.
 */
function rowInserts(
  rows: readonly SpanNode[],
  tops: readonly SpanNode[],
  roots: readonly SpanNode[],
  added: ReadonlySet<SpanNode>,
): RowInsert[] | null {
  const inserts: RowInsert[] = [];
  for (const top of tops) {
    const siblings = top.parent === null ? roots : top.parent.children;
    const place = siblings.indexOf(top);
    let before = place - 1;
    while (before >= 0 && added.has(siblings[before]!)) before--;
    const anchor = before >= 0 ? siblings[before]! : top.parent;
    let at = 0;
    if (anchor !== null) {
      const row = rows.indexOf(anchor);
      if (row < 0) return null;
      at = anchor === top.parent ? row + 1 : row + anchor.subtreeSize;
    }
    inserts.push({ at, top, depth: top.parent === null ? 0 : top.parent.depth + 1, place });
  }
  return inserts.sort((a, b) => a.at - b.at || b.depth - a.depth || a.place - b.place);
}

/**
 * The rows held with each insert's subtree (in pre-order) put in its place, in one pass into an
 * array made at its final length. (Copying the rows and splicing each block in moved the rows
 * after it once per block: at 1,000,000 rows and 10 blocks, 11 ms against 5 in Node; row by row
 * with push, 22 ms. The page applies a flush of live spans this way several times a second.)
 */
function insertRows(rows: readonly SpanNode[], inserts: readonly RowInsert[]): SpanNode[] {
  const blocks = inserts.map(({ top }) => subtreePreOrder(top));
  const out: SpanNode[] = new Array(rows.length + blocks.reduce((sum, block) => sum + block.length, 0));
  let written = 0;
  let from = 0;
  inserts.forEach(({ at }, k) => {
    for (let i = from; i < at; i++) out[written++] = rows[i]!;
    for (const node of blocks[k]!) out[written++] = node;
    from = at;
  });
  for (let i = from; i < rows.length; i++) out[written++] = rows[i]!;
  return out;
}

/** What updateTraceTree can apply without building again, checked before anything is changed. */
function canUpdate(tree: TraceTree, changed: Iterable<Span>): boolean {
  // No span with a start yet: the bounds are the placeholder 0–0, not a minimum to extend.
  if (tree.byId.size === 0 || (tree.startTime === 0 && tree.endTime === 0)) return false;
  for (const span of changed) {
    const held = tree.byId.get(span.spanId)?.span;
    if (held === undefined) {
      if (span.parentSpanId === span.spanId) return false;
      continue;
    }
    if (
      held.parentSpanId !== span.parentSpanId ||
      held.startTime !== span.startTime ||
      held.stepOrder !== span.stepOrder
    )
      return false;
    // The span that set the trace's end no longer reaches it: the end may move back.
    const heldEnd = Math.max(held.startTime ?? -Infinity, held.endTime ?? -Infinity);
    const newEnd = Math.max(span.startTime ?? -Infinity, span.endTime ?? -Infinity);
    if (heldEnd === tree.endTime && newEnd < heldEnd) return false;
  }
  return true;
}

/**
 * Adds `nodes` to sorted `siblings` (NO_CHILDREN included; `stepped`: all of them have a step
 * order); returns the array that holds them.
 */
function addSiblings(siblings: SpanNode[], nodes: readonly SpanNode[], stepped: boolean): SpanNode[] {
  if (nodes.length === 1) return insertSibling(siblings, nodes[0]!, stepped);
  // Many at once: one sort (it finds the runs already in order) instead of an insert each.
  const all = siblings === NO_CHILDREN ? [] : siblings;
  for (const node of nodes) all.push(node);
  sortSiblings(all);
  return all;
}

/** `root` and every node under it, once each (also where the links loop). */
function subtreeOf(root: SpanNode): Set<SpanNode> {
  const nodes = new Set<SpanNode>();
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (nodes.has(node)) continue;
    nodes.add(node);
    for (const child of node.children) stack.push(child);
  }
  return nodes;
}
