// The list pane shows traces or sessions (the URL's list=sessions), and a session opens in the
// middle of the window (session=ID). Like trace selection, these actions are the only writers.
import { updateUrl, urlStore, type ListMode } from './urlState.ts';

export function showList(mode: ListMode): void {
  const current = urlStore.get();
  if ((current.list ?? 'traces') === mode) return;
  // Back to the trace list closes the open session; an open trace stays open either way.
  updateUrl(
    mode === 'sessions' ? { list: 'sessions', sessionId: null } : { list: undefined, sessionId: null },
    'push',
  );
}

/** Open a session's thread (closing the open trace, which would cover it). */
export function selectSession(sessionId: string | null): void {
  const current = urlStore.get();
  if (current.sessionId === sessionId && current.traceId === null) return;
  updateUrl({ list: 'sessions', sessionId, traceId: null, spanId: null }, 'push');
}
