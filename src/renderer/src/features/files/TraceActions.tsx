// The open trace's header actions from the replay features: its origin (for re-runs and forks)
// and Export.
import type { TraceDetail } from '../../../../shared/types.ts';
import { TraceOrigin } from '../../components/TraceOrigin.tsx';
import { ExportMenu } from '../../components/ExportMenu.tsx';

export function TraceActions({ trace }: { trace: TraceDetail }) {
  return (
    <span className="trace-actions">
      <TraceOrigin trace={trace} />
      <ExportMenu traceIds={[trace.traceId]} />
    </span>
  );
}
