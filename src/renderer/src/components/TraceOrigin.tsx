// In the header of a re-run or a fork: where it came from, with a way back and a comparison.
import type { TraceDetail } from '../../../shared/types.ts';
import { selectTrace } from '../state/selection.ts';
import { openCompare } from '../state/openCompare.ts';

interface Origin {
  kind: 'Re-run' | 'Fork';
  traceId: string;
  spanId: string;
}

/** metadata.replayOf (playground re-runs) or metadata.forkOf (fork reruns), when well formed. */
export function traceOrigin(metadata: Record<string, unknown> | undefined): Origin | null {
  for (const [key, kind] of [
    ['replayOf', 'Re-run'],
    ['forkOf', 'Fork'],
  ] as const) {
    const link = metadata?.[key] as { traceId?: unknown; spanId?: unknown } | undefined;
    if (link && typeof link.traceId === 'string' && typeof link.spanId === 'string')
      return { kind, traceId: link.traceId, spanId: link.spanId };
  }
  return null;
}

export function TraceOrigin({ trace }: { trace: TraceDetail }) {
  const origin = traceOrigin(trace.metadata);
  if (!origin) return null;
  return (
    <span className="trace-origin">
      <span className="muted">{origin.kind} of</span>
      <button
        type="button"
        className="link-button"
        title={`Open the original trace ${origin.traceId}`}
        onClick={() => selectTrace(origin.traceId)}
      >
        original
      </button>
      <button
        type="button"
        className="button button-small"
        onClick={() => openCompare(origin.traceId, trace.traceId)}
      >
        Compare with original
      </button>
    </span>
  );
}
