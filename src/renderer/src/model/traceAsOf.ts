// The trace header's figures as of the playhead: what had happened by then, summed as the store
// sums a trace (each span once; tokens and cost over model calls only; a failed span counts as an
// error), so stepping through a run shows cost and tokens grow instead of the final totals.
import { MODEL_CALL_TYPES, type TraceDetail } from '../../../shared/types.ts';
import type { TraceTree } from './traceTree.ts';

/**
 * `tree` is the trace as of the playhead (playbackTree.ts). Before the recording's end the trace
 * is shown running (its duration then follows the playhead); at the end, the stored summary.
 */
export function traceAsOf(trace: TraceDetail, tree: TraceTree, atEnd: boolean): TraceDetail {
  if (atEnd) return trace;
  let promptTokens = 0;
  let completionTokens = 0;
  let totalTokens = 0;
  let costUsd = 0;
  let errorCount = 0;
  for (const { span } of tree.byId.values()) {
    if (span.status === 'error' || span.error !== null) errorCount++;
    if (!MODEL_CALL_TYPES.includes(span.type)) continue;
    promptTokens += span.promptTokens ?? 0;
    completionTokens += span.completionTokens ?? 0;
    totalTokens += span.totalTokens ?? (span.promptTokens ?? 0) + (span.completionTokens ?? 0);
    costUsd += span.costUsd ?? 0;
  }
  return {
    ...trace,
    status: 'running',
    endTime: null,
    durationMs: null,
    spanCount: tree.byId.size,
    errorCount,
    promptTokens,
    completionTokens,
    totalTokens,
    costUsd,
  };
}
