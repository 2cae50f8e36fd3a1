// The order in which a trace really happened: every span start and end as one sorted list of
// events, built once per tree so that playback can ask "what has happened by now?" with a
// binary search. Spans arrive at the collector in any order (batches, retries, OTLP exporters);
// only their recorded times count here.
import { spanStart } from './spanTiming.ts';
import { NO_COLLAPSE, type SpanNode, type TraceTree, visibleRows } from './traceTree.ts';

export type PlaybackEventKind = 'start' | 'end';

export interface PlaybackEvent {
  time: number;
  kind: PlaybackEventKind;
  node: SpanNode;
}

export interface PlaybackTimeline {
  tree: TraceTree;
  /** Sorted: time, then the tie rules in `compareEvents`. */
  events: readonly PlaybackEvent[];
  /** events[i].time, for binary search without touching the objects. */
  times: Float64Array;
  /** Index in `events` of each span's start; its end's index, or Infinity while it never ends. */
  startIndex: ReadonlyMap<string, number>;
  endIndex: ReadonlyMap<string, number>;
  /**
   * The tree in pre-order, with per-position arrays, so rebuilding the tree at a moment is a
   * scan over typed arrays: where each span starts and ends in `events`, the position after its
   * subtree (to skip a subtree not started yet), and its parent's position (-1 for a root).
   */
  nodes: readonly SpanNode[];
  startAt: Int32Array;
  endAt: Float64Array;
  subtreeEnd: Int32Array;
  parentAt: Int32Array;
  /** Epoch ms: the first event, and the last thing recorded (an event or the tree's end). */
  startTime: number;
  endTime: number;
}

interface Pending extends PlaybackEvent {
  /** 0: end of a span begun earlier; 1: a start; 2: end of a span begun at this same instant. */
  group: number;
  /** Pre-order position in the tree: parents before children, siblings in view order. */
  order: number;
}

/**
 * At one instant, spans that were already running end first (children before parents), then
 * spans start (parents before children, siblings in the order the views list them), then spans
 * that lasted no time at all end (again children first). So a parent never appears after its
 * child nor ends before it, and "A ends, B starts" at the same millisecond replays as written.
 */
function compareEvents(a: Pending, b: Pending): number {
  if (a.time !== b.time) return a.time < b.time ? -1 : 1;
  if (a.group !== b.group) return a.group - b.group;
  return a.group === 1 ? a.order - b.order : b.order - a.order;
}

export function buildTimeline(tree: TraceTree): PlaybackTimeline {
  // The rows with nothing collapsed: the tree's pre-order, which the views have most likely asked
  // for already (cached on the tree).
  const nodes = visibleRows(tree, NO_COLLAPSE);
  const count = nodes.length;
  const position = new Map<SpanNode, number>();
  for (let i = 0; i < count; i++) position.set(nodes[i]!, i);
  // A span appears no later than anything under it: clock skew between processes can put a
  // child's start before its parent's, and a child must never show up without its parent.
  const appear = new Float64Array(count);
  const parentAt = new Int32Array(count);
  const subtreeEnd = new Int32Array(count);
  for (let i = count - 1; i >= 0; i--) {
    const node = nodes[i]!;
    let time = spanStart(node.span, tree.startTime);
    for (const child of node.children) time = Math.min(time, appear[position.get(child)!]!);
    appear[i] = time;
    parentAt[i] = node.parent === null ? -1 : position.get(node.parent)!;
    subtreeEnd[i] = i + node.subtreeSize;
  }

  const pending: Pending[] = [];
  for (let order = 0; order < count; order++) {
    const node = nodes[order]!;
    const start = appear[order]!;
    pending.push({ time: start, kind: 'start', node, group: 1, order });
    const end = endOf(node, start);
    if (end !== null) pending.push({ time: end, kind: 'end', node, group: end > start ? 0 : 2, order });
  }
  pending.sort(compareEvents);

  const events: PlaybackEvent[] = new Array(pending.length);
  const times = new Float64Array(pending.length);
  const startAt = new Int32Array(count);
  const endAt = new Float64Array(count).fill(Infinity);
  const startIndex = new Map<string, number>();
  const endIndex = new Map<string, number>();
  for (let i = 0; i < pending.length; i++) {
    const { time, kind, node, order } = pending[i]!;
    events[i] = { time, kind, node };
    times[i] = time;
    if (kind === 'start') startAt[order] = i;
    else endAt[order] = i;
  }
  for (let i = 0; i < count; i++) {
    startIndex.set(nodes[i]!.span.spanId, startAt[i]!);
    endIndex.set(nodes[i]!.span.spanId, endAt[i]!);
  }

  const startTime = events.length > 0 ? events[0]!.time : tree.startTime;
  const endTime = Math.max(tree.endTime, events.length > 0 ? events[events.length - 1]!.time : startTime);
  return {
    tree,
    events,
    times,
    startIndex,
    endIndex,
    nodes,
    startAt,
    endAt,
    subtreeEnd,
    parentAt,
    startTime,
    endTime,
  };
}

/** A span's end on the timeline; null while it is still running (it has no end to replay). */
function endOf(node: SpanNode, start: number): number | null {
  const { span } = node;
  if (span.endTime !== null) return Math.max(span.endTime, start);
  // Ended without an end time (malformed): it lasted no time, as the views draw it.
  return span.status === 'running' ? null : start;
}

/** How many events happened at or before `time`. */
export function eventsUpTo(timeline: PlaybackTimeline, time: number): number {
  const { times } = timeline;
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! <= time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many events happened strictly before `time`. */
export function eventsBefore(timeline: PlaybackTimeline, time: number): number {
  const { times } = timeline;
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Span starts per slice of [startTime, head], in `buckets` equal slices: the slider's marks. */
export function startDensity(timeline: PlaybackTimeline, head: number, buckets: number): Uint32Array {
  const counts = new Uint32Array(Math.max(1, buckets));
  const spanMs = head - timeline.startTime;
  for (const event of timeline.events) {
    if (event.kind !== 'start') continue;
    const at = spanMs > 0 ? Math.floor(((event.time - timeline.startTime) / spanMs) * counts.length) : 0;
    counts[Math.max(0, Math.min(counts.length - 1, at))]!++;
  }
  return counts;
}
