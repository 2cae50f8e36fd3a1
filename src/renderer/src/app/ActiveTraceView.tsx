// Mounts the visualisation view for a tab, or says plainly that it is not there yet.
import { SPAN_TAB_LABEL } from './TraceTabs.tsx';
import type { TraceViewProps } from '../components/traceViewProps.ts';
import type { TraceTab } from '../state/urlState.ts';
import { traceViewFor } from './traceViews.ts';

export function ActiveTraceView({ tab, props }: { tab: TraceTab; props: TraceViewProps }) {
  const View = traceViewFor(tab);
  if (!View)
    return (
      <div className="workspace-message muted">
        The {SPAN_TAB_LABEL[tab]} view is not available in this build yet.
      </div>
    );
  return <View {...props} />;
}
