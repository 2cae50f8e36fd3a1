// After a re-run: open the trace it was recorded as, or compare it with the original trace.
import { selectTrace } from '../../state/selection.ts';
import { openCompare } from '../../state/openCompare.ts';
import { closePlayground } from '../../state/playgroundStore.ts';
import type { ReplayRunState } from './replayRun.ts';

export function RunLinks({ sourceTraceId, run }: { sourceTraceId: string; run: ReplayRunState }) {
  const traceId = run.traceId;
  if (!traceId || (run.status !== 'done' && run.status !== 'error')) return null;
  return (
    <span className="pg-run-links">
      <button
        type="button"
        className="link-button"
        data-trace-id={traceId}
        onClick={() => {
          closePlayground();
          selectTrace(traceId);
        }}
      >
        Open the re-run trace
      </button>
      <button
        type="button"
        className="link-button"
        onClick={() => {
          closePlayground();
          openCompare(sourceTraceId, traceId);
        }}
      >
        Compare with original
      </button>
    </span>
  );
}
