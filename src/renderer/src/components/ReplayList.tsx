// "Re-runs (N)" under an LLM span in the inspector: the re-runs recorded from it, newest first,
// each openable or comparable with this trace. Refetched after every re-run from this window.
import { useEffect, useState } from 'react';
import type { ReplaySummary } from '../../../shared/replay.ts';
import { fetchReplays } from '../api/http.ts';
import { StatusIcon } from './StatusIcon.tsx';
import { selectTrace } from '../state/selection.ts';
import { formatCost, formatDuration, formatTokens } from '../lib/format.ts';
import { useStore } from '../state/createStore.ts';
import { formatClockTime } from '../lib/formatClockTime.ts';
import { openCompare } from '../state/openCompare.ts';
import { replaysVersion } from '../state/playgroundStore.ts';

export function useReplays(traceId: string, spanId: string | null): ReplaySummary[] | null {
  const version = useStore(replaysVersion);
  const [replays, setReplays] = useState<ReplaySummary[] | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: version is the trigger: a finished replay bumps it and the list loads again.
  useEffect(() => {
    const controller = new AbortController();
    fetchReplays(traceId, spanId, controller.signal)
      .then(setReplays)
      .catch(() => {
        if (!controller.signal.aborted) setReplays([]);
      });
    return () => controller.abort();
  }, [traceId, spanId, version]);
  return replays;
}

export function ReplayList({ traceId, spanId }: { traceId: string; spanId: string }) {
  const replays = useReplays(traceId, spanId);
  if (!replays || replays.length === 0) return null;
  return (
    <section className="replay-list" aria-label="Re-runs">
      <div className="section-title">
        <span>Re-runs ({replays.length})</span>
      </div>
      {replays.map((replay) => (
        <div key={replay.traceId} className="replay-row" data-trace-id={replay.traceId}>
          <StatusIcon status={replay.status} />
          <button
            type="button"
            className="link-button replay-open"
            title="Open this re-run"
            onClick={() => selectTrace(replay.traceId)}
          >
            {formatClockTime(replay.startTime)}
          </button>
          <span className="mono muted replay-model" title={replay.models[0]}>
            {replay.models[0] ?? ''}
          </span>
          <span className="replay-num">{formatTokens(replay.totalTokens)} tok</span>
          <span className="replay-num">{formatDuration(replay.durationMs)}</span>
          <span className="replay-num">{formatCost(replay.costUsd)}</span>
          <button
            type="button"
            className="button button-small"
            title="Compare this trace with the re-run"
            onClick={() => openCompare(traceId, replay.traceId)}
          >
            Compare
          </button>
        </div>
      ))}
    </section>
  );
}
