// Where a span sits on the time axis. A running span (no end yet) reaches "now"; a span with no
// start at all (malformed input) is pinned to the trace start so it still gets a row.
import type { Span } from '../../../shared/types.ts';
import type { TraceTree } from './traceTree.ts';

export function spanStart(span: Span, traceStart: number): number {
  return span.startTime ?? traceStart;
}

export function spanEnd(span: Span, traceStart: number, now: number): number {
  const start = spanStart(span, traceStart);
  if (span.endTime !== null) return Math.max(span.endTime, start);
  return span.status === 'running' ? Math.max(now, start) : start;
}

/** The trace's extent in ms, growing with "now" while any span is still running. */
export function traceExtent(tree: TraceTree, now: number): { startTime: number; endTime: number } {
  let endTime = tree.endTime;
  for (const node of tree.byId.values()) {
    if (node.span.endTime === null && node.span.status === 'running') {
      endTime = Math.max(endTime, now);
      break;
    }
  }
  return { startTime: tree.startTime, endTime: Math.max(endTime, tree.startTime) };
}

export function hasRunningSpans(tree: TraceTree): boolean {
  for (const node of tree.byId.values())
    if (node.span.endTime === null && node.span.status === 'running') return true;
  return false;
}
