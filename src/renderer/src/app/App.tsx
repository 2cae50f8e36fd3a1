// The window: trace list | open trace (outline + views) | inspector, over a status bar.
// With no trace open the list takes the whole width, as DevTools' Network panel does.
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { ResizeHandle } from '../components/ResizeHandle.tsx';
import { EmptyState } from '../features/emptyState/EmptyState.tsx';
import { ShortcutOverlay } from '../features/shortcuts/ShortcutOverlay.tsx';
import { useGlobalShortcuts } from '../features/shortcuts/useGlobalShortcuts.ts';
import { Notices } from '../features/files/Notices.tsx';
import { StatusBar } from '../features/statusBar/StatusBar.tsx';
import { StorageBanner } from '../features/storageBanner/StorageBanner.tsx';
import { TraceListPane } from '../features/traceList/TraceListPane.tsx';
import { SessionsPane } from '../features/sessions/SessionsPane.tsx';
import { SessionView } from '../features/sessions/SessionView.tsx';
import { ListTabs } from './ListTabs.tsx';
import { useStore } from '../state/createStore.ts';
import { preferencesStore, setPaneSize } from '../state/preferences.ts';
import { entryStore } from '../state/traceCache.ts';
import { traceListStore } from '../state/traceListStore.ts';
import { hasActiveFilters, urlStore } from '../state/urlState.ts';
import { liveFeed } from '../state/feed.ts';
import { TraceWorkspace } from './TraceWorkspace.tsx';
import { preloadTraceViews } from './traceViews.ts';
import { toggleTheme, useAppliedTheme } from './useTheme.ts';
import { ReplayLayer } from './ReplayLayer.tsx';
import { CompareView } from '../features/compare/CompareView.tsx';
import './layout.css';
import '../features/traceList/traceList.css';
import '../features/outline/outline.css';
import '../features/inspector/inspector.css';
import '../features/transcript/transcript.css';
import '../features/emptyState/emptyState.css';
import '../features/shortcuts/shortcuts.css';
import '../features/sessions/sessions.css';

const noSubscription = () => () => {};

function useSpanCount(traceId: string | null): number | null {
  const store = traceId ? entryStore(traceId) : null;
  const read = () => (store ? store.get().spans.size : null);
  return useSyncExternalStore(store ? store.subscribe : noSubscription, read, read);
}

export function App() {
  const theme = useAppliedTheme();
  const traceId = useStore(urlStore, (s) => s.traceId);
  const compare = useStore(urlStore, (s) => s.compare ?? null);
  const listMode = useStore(urlStore, (s) => s.list ?? 'traces');
  // A session opens beside the list, where a trace does; an open trace covers it.
  const sessionId = useStore(urlStore, (s) =>
    s.list === 'sessions' && !s.traceId ? (s.sessionId ?? null) : null,
  );
  const filtersActive = useStore(urlStore, (s) => hasActiveFilters(s.filters));
  const listState = useStore(traceListStore, (s) =>
    s.loaded ? (s.anyTraces || s.rows.length > 0 ? 'some' : 'none') : 'loading',
  );
  const listWidth = useStore(preferencesStore, (p) => p.panes.traceList);
  // The list can be folded away while a trace is open, to give the trace the whole window.
  const listVisible = useStore(preferencesStore, (p) => p.traceListVisible) || !traceId;
  const spanCount = useSpanCount(traceId);
  const [overlayOpen, setOverlayOpen] = useState(false);
  const flipTheme = useCallback(() => toggleTheme(theme), [theme]);
  useGlobalShortcuts({ overlayOpen, setOverlayOpen, toggleTheme: flipTheme });

  useEffect(() => {
    liveFeed.start();
    return () => liveFeed.stop();
  }, []);
  useEffect(() => {
    const timer = setTimeout(preloadTraceViews, 0);
    return () => clearTimeout(timer);
  }, []);

  const showEmpty = listState === 'none' && !filtersActive && !traceId;
  return (
    <div className={`app${traceId || sessionId ? ' has-trace' : ''}`}>
      <StorageBanner />
      <div className="app-body">
        {compare ? (
          <ErrorBoundary name="Compare" resetKey={compare.join(',')}>
            <CompareView aId={compare[0]} bId={compare[1]} />
          </ErrorBoundary>
        ) : showEmpty ? (
          <ErrorBoundary name="Welcome">
            <EmptyState origin={location.origin} />
          </ErrorBoundary>
        ) : (
          <>
            {listVisible && (
              <div
                className="trace-list-column"
                style={traceId || sessionId ? { width: listWidth } : undefined}
              >
                <div className="list-column-stack">
                  <ListTabs mode={listMode} />
                  {listMode === 'sessions' ? (
                    <ErrorBoundary name="Sessions">
                      <SessionsPane />
                    </ErrorBoundary>
                  ) : (
                    <ErrorBoundary name="Trace list">
                      <TraceListPane />
                    </ErrorBoundary>
                  )}
                </div>
              </div>
            )}
            {sessionId && (
              <>
                {listVisible && (
                  <ResizeHandle
                    label="Resize session list"
                    side="left"
                    size={listWidth}
                    min={200}
                    max={1200}
                    onResize={(px) => setPaneSize('traceList', px)}
                  />
                )}
                <ErrorBoundary name="Session" resetKey={sessionId}>
                  <SessionView sessionId={sessionId} />
                </ErrorBoundary>
              </>
            )}
            {traceId && (
              <>
                {listVisible && (
                  <ResizeHandle
                    label="Resize trace list"
                    side="left"
                    size={listWidth}
                    min={200}
                    max={1200}
                    onResize={(px) => setPaneSize('traceList', px)}
                  />
                )}
                <ErrorBoundary name="Trace" resetKey={traceId}>
                  <TraceWorkspace key={traceId} traceId={traceId} />
                </ErrorBoundary>
              </>
            )}
          </>
        )}
      </div>
      <Notices />
      <StatusBar
        spanCount={spanCount}
        theme={theme}
        onToggleTheme={flipTheme}
        onShowShortcuts={() => setOverlayOpen(true)}
      />
      {overlayOpen && <ShortcutOverlay onClose={() => setOverlayOpen(false)} />}
      <ReplayLayer />
    </div>
  );
}
