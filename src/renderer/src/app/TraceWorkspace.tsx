// The middle of the window for the open trace: header, tabs and span search, the outline
// column and the active view; and the inspector on the right. Selection, collapse and search
// are owned here and handed to every view through TraceViewProps.
import { Suspense, useCallback, useMemo } from 'react';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { ResizeHandle } from '../components/ResizeHandle.tsx';
import { OutlineView } from '../features/outline/OutlineView.tsx';
import { SpanInspector } from '../features/inspector/SpanInspector.tsx';
import { TranscriptView } from '../features/transcript/TranscriptView.tsx';
import type { TraceViewProps } from '../components/traceViewProps.ts';
import { ancestorIds, NO_COLLAPSE, visibleRows } from '../model/traceTree.ts';
import { useStore } from '../state/createStore.ts';
import { preferencesStore, setPaneSize } from '../state/preferences.ts';
import { expandAll, toggleCollapsed } from '../state/traceInteraction.ts';
import { urlStore } from '../state/urlState.ts';
import { selectSpan } from '../state/selection.ts';
import { SpanSearchBox } from './SpanSearchBox.tsx';
import { TraceHeader } from './TraceHeader.tsx';
import { traceAsOf } from '../model/traceAsOf.ts';
import { TraceTabs } from './TraceTabs.tsx';
import { ActiveTraceView } from './ActiveTraceView.tsx';
import { useNow } from '../state/useNow.ts';
import { useOpenTrace } from './useOpenTrace.ts';
import { usePlayback } from '../features/playback/usePlayback.ts';
import { ReplayButton } from '../features/playback/ReplayButton.tsx';
import { TransportBar } from '../features/playback/TransportBar.tsx';
import { useSpanContextMenu } from '../features/fork/useSpanContextMenu.tsx';

export function focusInspector(): void {
  document.getElementById('inspector')?.focus();
}

export function TraceWorkspace({ traceId }: { traceId: string }) {
  const { entry, tree, treeReady, interaction, searchMatches, running } = useOpenTrace(traceId);
  const spanId = useStore(urlStore, (s) => s.spanId);
  const urlView = useStore(urlStore, (s) => s.view);
  const prefs = useStore(preferencesStore);
  const activeTab = urlView ?? prefs.activeTab;
  const outlineVisible = prefs.outlineVisible[activeTab];
  const now = useNow(running);

  const onSelectSpan = useCallback(
    (id: string | null) => {
      if (id) expandAll(traceId, ancestorIds(tree, id));
      selectSpan(id);
    },
    [traceId, tree],
  );
  const onToggleCollapse = useCallback((id: string) => toggleCollapsed(traceId, id), [traceId]);
  // Time-travel playback: while on, every view draws the trace as of the playhead.
  const playback = usePlayback(traceId, tree, running, now, onSelectSpan);
  const onOpenSpan = useCallback(
    (id: string) => {
      onSelectSpan(id);
      focusInspector();
    },
    [onSelectSpan],
  );
  // In playback the header tells the run as of the playhead too: its cost and tokens grow as it plays.
  const atEnd = playback.timeline === null || playback.applied >= playback.timeline.events.length;
  const headerTrace = useMemo(
    () => (entry.trace && playback.state.on ? traceAsOf(entry.trace, playback.tree, atEnd) : entry.trace),
    [playback.state.on, playback.tree, atEnd, entry.trace],
  );
  const orderedMatches = useMemo(
    () =>
      searchMatches
        ? visibleRows(tree, NO_COLLAPSE).filter((node) => searchMatches.has(node.span.spanId))
        : [],
    [tree, searchMatches],
  );

  const viewProps: TraceViewProps = {
    tree: playback.tree,
    selectedSpanId: spanId,
    onSelectSpan,
    collapsed: interaction.collapsed,
    onToggleCollapse,
    searchMatches,
    now: playback.now,
    playhead: playback.playhead,
  };
  const spanMenu = useSpanContextMenu(entry.spans, onSelectSpan);
  const selectedSpan = spanId ? (tree.byId.get(spanId)?.span ?? null) : null;

  if (entry.status === 'error' && !entry.trace) {
    return (
      <div className="workspace-message" role="alert">
        <div>Could not open trace {traceId}.</div>
        <div className="muted">{entry.error}</div>
      </div>
    );
  }
  if (!entry.trace || !headerTrace || !treeReady)
    return <div className="workspace-message muted">Loading trace…</div>;

  return (
    <>
      <section className="workspace" aria-label="Trace">
        <TraceHeader trace={headerTrace} spanCount={playback.tree.byId.size} now={playback.now} />
        <div className="workspace-toolbar">
          <TraceTabs active={activeTab} outlineVisible={outlineVisible} />
          <ReplayButton view={playback} />
          <SpanSearchBox
            traceId={traceId}
            value={interaction.search}
            orderedMatches={orderedMatches}
            selectedSpanId={spanId}
            onSelect={onSelectSpan}
          />
        </div>
        {playback.state.on && <TransportBar view={playback} />}
        <div className="workspace-body" onContextMenu={spanMenu.onContextMenu}>
          {outlineVisible && (
            <>
              <div className="outline-pane" style={{ width: prefs.panes.outline }}>
                <ErrorBoundary name="Outline">
                  <OutlineView {...viewProps} onOpenSpan={onOpenSpan} />
                </ErrorBoundary>
              </div>
              <ResizeHandle
                label="Resize outline"
                side="left"
                size={prefs.panes.outline}
                min={200}
                max={900}
                onResize={(px) => setPaneSize('outline', px)}
              />
            </>
          )}
          <div className="view-pane">
            <ErrorBoundary name="View" resetKey={`${traceId}/${activeTab}`}>
              <Suspense fallback={<div className="workspace-message muted">Loading view…</div>}>
                {activeTab === 'transcript' ? (
                  <TranscriptView {...viewProps} traceId={traceId} />
                ) : (
                  <ActiveTraceView tab={activeTab} props={viewProps} />
                )}
              </Suspense>
            </ErrorBoundary>
          </div>
        </div>
      </section>
      <ResizeHandle
        label="Resize inspector"
        side="right"
        size={prefs.panes.inspector}
        min={260}
        max={1000}
        onResize={(px) => setPaneSize('inspector', px)}
      />
      <aside className="inspector-pane" style={{ width: prefs.panes.inspector }} aria-label="Span inspector">
        <ErrorBoundary name="Inspector" resetKey={spanId}>
          <SpanInspector
            trace={entry.trace}
            span={selectedSpan}
            onSelectSpan={onSelectSpan}
            asOf={playback.inspectorFor(selectedSpan)}
          />
        </ErrorBoundary>
      </aside>
      {spanMenu.menu}
    </>
  );
}
