// The execution tree as a node-link graph (d3-hierarchy tidy tree, left to right) on a canvas
// that d3-zoom pans and zooms. State lives in useTreeGraph, input in treeGraphInput, drawing in
// renderTreeGraph.
import type { TraceViewProps } from '../../components/traceViewProps.ts';
import { CanvasViewBody } from '../../components/canvas/CanvasViewBody.tsx';
import { SpanTooltip } from '../../components/canvas/SpanTooltip.tsx';
import { useWheel } from '../../components/canvas/useWheel.ts';
import { useStore } from '../../state/createStore.ts';
import { preferencesStore } from '../../state/preferences.ts';
import { TreeGraphToolbar } from './TreeGraphToolbar.tsx';
import { treeGraphInput } from './treeGraphInput.ts';
import { useTreeGraph } from './useTreeGraph.ts';

export function TreeGraphView(props: TraceViewProps) {
  const { selectedSpanId } = props;
  const c = useTreeGraph(props);
  const input = treeGraphInput(c, selectedSpanId, props.onSelectSpan);
  useWheel(c.canvasRef, input.onWheel);
  const wheelMode = useStore(preferencesStore, (p) => p.wheelMode);
  return (
    <div
      style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}
      data-testid="treegraph-view"
    >
      <TreeGraphToolbar
        onFit={() => c.fit(true)}
        onCentre={selectedSpanId === null ? null : () => c.centreOn(selectedSpanId, true)}
        onCollapseToDefault={c.openedHere.size === 0 ? null : c.resetOpened}
        shownCount={c.layout.nodes.length}
        spanCount={c.tree.byId.size}
        hiddenCount={c.layout.nodes.reduce((sum, g) => sum + g.hiddenCount, 0)}
        wheelMode={wheelMode}
      />
      <CanvasViewBody bodyRef={c.bodyRef} onKeyDown={input.onKeyDown} aria-label="Execution tree graph">
        <canvas
          ref={c.canvasRef}
          style={{ position: 'absolute', inset: 0, width: c.size.width, height: c.size.height }}
          data-testid="treegraph-canvas"
          onMouseMove={input.onMouseMove}
          onMouseLeave={input.onMouseLeave}
          onClick={input.onClick}
        />
        <SpanTooltip store={c.hover} traceStart={c.tree.startTime} now={c.liveNow} />
      </CanvasViewBody>
    </div>
  );
}
