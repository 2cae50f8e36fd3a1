// The inspector with no span selected: the trace's own input, output and metadata.
import type { TraceDetail } from '../../../../shared/types.ts';
import { PayloadView } from '../../components/payload/PayloadView.tsx';
import { JsonTree } from '../../components/payload/JsonTree.tsx';

export function TraceOverview({ trace }: { trace: TraceDetail }) {
  const hasMetadata = trace.metadata && Object.keys(trace.metadata).length > 0;
  return (
    <div className="inspector-body">
      <div className="inspector-hint">Select a span to inspect it: click one, or walk the tree with ↑↓.</div>
      <section className="payload-section">
        <div className="section-title">Trace input</div>
        <PayloadView value={trace.input} prose />
      </section>
      <section className="payload-section">
        <div className="section-title">Trace output</div>
        <PayloadView value={trace.output} prose />
      </section>
      {(trace.sessionId || trace.userId || trace.service) && (
        <dl className="facts">
          {trace.sessionId && (
            <div className="fact">
              <dt>Session</dt>
              <dd className="mono">{trace.sessionId}</dd>
            </div>
          )}
          {trace.userId && (
            <div className="fact">
              <dt>User</dt>
              <dd className="mono">{trace.userId}</dd>
            </div>
          )}
          {trace.service && (
            <div className="fact">
              <dt>Service</dt>
              <dd>{trace.service}</dd>
            </div>
          )}
        </dl>
      )}
      {hasMetadata && (
        <section className="payload-section">
          <div className="section-title">Metadata</div>
          <JsonTree value={trace.metadata} />
        </section>
      )}
    </div>
  );
}
