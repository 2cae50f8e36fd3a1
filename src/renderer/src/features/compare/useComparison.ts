// Both runs loaded whole (?include=payloads, so prompts and outputs are diffed, not previews)
// and aligned with src/shared/compare. While either run is still running it is fetched again
// every few seconds, so a fork that is still arriving fills in.
import { useEffect, useMemo, useState } from 'react';
import {
  alignRuns,
  summarizeComparison,
  type Comparison,
  type ComparisonSummary,
} from '../../../../shared/compare/index.ts';
import type { SpanWithPayloads, TraceDetail } from '../../../../shared/types.ts';
import { ApiError, fetchTraceWithPayloads } from '../../api/http.ts';

export interface LoadedRun {
  trace: TraceDetail;
  spans: SpanWithPayloads[];
}

export type ComparisonState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; a: LoadedRun; b: LoadedRun; comparison: Comparison; summary: ComparisonSummary };

const REFRESH_RUNNING_MS = 2000;

async function loadRun(traceId: string, signal: AbortSignal): Promise<LoadedRun> {
  try {
    return await fetchTraceWithPayloads(traceId, signal);
  } catch (error) {
    if (error instanceof ApiError) throw new Error(`Trace ${traceId}: ${error.message}`);
    throw error;
  }
}

export function useComparison(aId: string, bId: string): ComparisonState {
  const [runs, setRuns] = useState<{ a: LoadedRun; b: LoadedRun } | { error: string } | null>(null);
  const [generation, setGeneration] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: generation is the refetch trigger: a new value loads both runs again.
  useEffect(() => {
    const controller = new AbortController();
    Promise.all([loadRun(aId, controller.signal), loadRun(bId, controller.signal)]).then(
      ([a, b]) => setRuns({ a, b }),
      (error: Error) => {
        if (!controller.signal.aborted) setRuns({ error: error.message });
      },
    );
    return () => controller.abort();
  }, [aId, bId, generation]);

  const running =
    runs !== null && 'a' in runs && (runs.a.trace.status === 'running' || runs.b.trace.status === 'running');
  // biome-ignore lint/correctness/useExhaustiveDependencies: each new answer (runs) restarts the refresh timer.
  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(() => setGeneration((n) => n + 1), REFRESH_RUNNING_MS);
    return () => clearTimeout(timer);
  }, [running, runs]);

  return useMemo((): ComparisonState => {
    if (runs === null) return { status: 'loading' };
    if ('error' in runs) return { status: 'error', message: runs.error };
    const comparison = alignRuns(runs.a.spans, runs.b.spans);
    return { status: 'ready', a: runs.a, b: runs.b, comparison, summary: summarizeComparison(comparison) };
  }, [runs]);
}
