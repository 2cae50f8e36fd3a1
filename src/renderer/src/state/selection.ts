// Selection is one thing across views: the URL holds the trace and span, every view reads it
// from there, and these actions are the only writers.
import { rememberSelection, interactionStore } from './traceInteraction.ts';
import { updateUrl, urlStore, type TraceTab } from './urlState.ts';
import { setPreference } from './preferences.ts';

export function selectTrace(traceId: string | null): void {
  const current = urlStore.get();
  if (current.traceId === traceId) return;
  // Coming back to a trace restores the span that was selected in it.
  const spanId = traceId ? interactionStore(traceId).get().lastSpanId : null;
  updateUrl({ traceId, spanId }, 'push');
}

export function selectSpan(spanId: string | null): void {
  const { traceId, spanId: current } = urlStore.get();
  if (!traceId || current === spanId) return;
  rememberSelection(traceId, spanId);
  updateUrl({ spanId });
}

export function selectTab(view: TraceTab): void {
  setPreference('activeTab', view);
  updateUrl({ view });
}
