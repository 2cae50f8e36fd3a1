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
  const endTime = hasRunningSpans(tree) ? Math.max(tree.endTime, now) : tree.endTime;
  return { startTime: tree.startTime, endTime: Math.max(endTime, tree.startTime) };
}

// A tree object never changes once made (a live update answers with a new one), so whether it has
// running spans is worked out once per tree: the trace, the waterfall and the outline each ask,
// and at 100,000 spans each ask is a scan.
const runningByTree = new WeakMap<TraceTree, boolean>();

const isRunning = (span: Span) => span.endTime === null && span.status === 'running';

export function hasRunningSpans(tree: TraceTree): boolean {
  let running = runningByTree.get(tree);
  if (running === undefined) {
    running = false;
    for (const node of tree.byId.values())
      if (isRunning(node.span)) {
        running = true;
        break;
      }
    runningByTree.set(tree, running);
  }
  return running;
}

/**
 * `next` is `previous` with the spans `changed` (model/traceTreeUpdate.ts): tells `next` whether it
 * has running spans where that follows without a scan (a trace whose spans have all ended scans
 * every one; at 1,000,000 spans that was 5 ms for each live change).
 */
export function carryRunning(previous: TraceTree, next: TraceTree, changed: Iterable<Span>): void {
  const before = runningByTree.get(previous);
  let changedRunning = false;
  for (const span of changed) changedRunning ||= isRunning(span);
  if (changedRunning) runningByTree.set(next, true);
  else if (before === false) runningByTree.set(next, false);
}
