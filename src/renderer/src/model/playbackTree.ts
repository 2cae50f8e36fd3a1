// The trace "as of" a moment of playback, as an ordinary TraceTree so every view draws it
// unchanged: spans not started yet are left out, spans running at that moment have no end
// (and no output, error or tokens yet), the rest are exactly as recorded. Built from the
// timeline in time proportional to the spans shown; siblings keep the full trace's order, so
// rows never jump about as later spans appear around them.
import type { Span } from '../../../shared/types.ts';
import { appliedCount } from './playbackPosition.ts';
import { buildTimeline, type PlaybackTimeline } from './playbackTimeline.ts';
import type { SpanNode, TraceTree } from './traceTree.ts';

/** What a span looks like while it runs: what it was given, none of what it produced. */
export function runningCopy(span: Span, time: number): Span {
  const ttft = span.timeToFirstTokenMs;
  const firstTokenSeen = ttft !== null && span.startTime !== null && span.startTime + ttft <= time;
  return {
    ...span,
    endTime: null,
    durationMs: null,
    status: 'running',
    error: null,
    outputPreview: null,
    outputBytes: 0,
    promptTokens: null,
    completionTokens: null,
    totalTokens: null,
    costUsd: null,
    timeToFirstTokenMs: firstTokenSeen ? ttft : null,
  };
}

export type SpanPhase = 'not-started' | 'running' | 'ended';

/** Where one span stands once `applied` events have happened. */
export function spanPhase(timeline: PlaybackTimeline, spanId: string, applied: number): SpanPhase {
  const start = timeline.startIndex.get(spanId);
  if (start === undefined || start >= applied) return 'not-started';
  return (timeline.endIndex.get(spanId) ?? Infinity) < applied ? 'ended' : 'running';
}

/** One span as of the playhead: null before it starts, its running form until it ends. */
export function spanAsOf(timeline: PlaybackTimeline, span: Span, applied: number, time: number): Span | null {
  const phase = spanPhase(timeline, span.spanId, applied);
  if (phase === 'not-started') return null;
  if (phase === 'ended' || (span.endTime === null && span.status === 'running')) return span;
  return runningCopy(span, time);
}

/** The tree after `applied` events, at playhead `time` (epoch ms). */
export function treeAsOf(timeline: PlaybackTimeline, applied: number, time: number): TraceTree {
  const { tree, nodes, startAt, endAt, subtreeEnd, parentAt } = timeline;
  const byId = new Map<string, SpanNode>();
  const roots: SpanNode[] = [];
  const made: (SpanNode | undefined)[] = new Array(nodes.length);
  const order: SpanNode[] = [];

  // One pass over the full tree in pre-order. A span appears no later than its descendants
  // (see buildTimeline), so one not started yet hides its whole subtree, skipped in one jump.
  let i = 0;
  while (i < nodes.length) {
    if (startAt[i]! >= applied) {
      i = subtreeEnd[i]!;
      continue;
    }
    const source = nodes[i]!.span;
    const ended = endAt[i]! < applied || (source.endTime === null && source.status === 'running');
    const parent = parentAt[i]! < 0 ? null : made[parentAt[i]!]!;
    const node: SpanNode = {
      span: ended ? source : runningCopy(source, time),
      parent,
      children: [],
      depth: parent === null ? 0 : parent.depth + 1,
      subtreeSize: 1,
    };
    made[i] = node;
    byId.set(source.spanId, node);
    order.push(node);
    if (parent === null) roots.push(node);
    else parent.children.push(node);
    i++;
  }
  for (let k = order.length - 1; k >= 0; k--) {
    const node = order[k]!;
    if (node.parent !== null) node.parent.subtreeSize += node.subtreeSize;
  }
  return {
    roots,
    byId,
    // Supersets are fine: views only ask whether a shown span is an orphan or broke a loop.
    orphanIds: tree.orphanIds,
    cycleIds: tree.cycleIds,
    startTime: tree.startTime,
    endTime: Math.max(tree.startTime, time),
  };
}

/** The trace as of epoch ms `time`: everything that started at or before it. */
export function treeAtTime(
  tree: TraceTree,
  time: number,
  timeline: PlaybackTimeline = buildTimeline(tree),
): TraceTree {
  return treeAsOf(timeline, appliedCount(timeline, { time, cursor: null }), time);
}
