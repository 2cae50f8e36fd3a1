// Flame graph (icicle, root on top): where the time, the tokens or the money went. Width is the
// chosen measure; colour is the span type or cost heat. Click a cell to select it and zoom into
// its subtree; the breadcrumb walks back out. State lives in useFlameGraph, input in
// flameInput, drawing in renderFlame.
import type { TraceViewProps } from '../../components/traceViewProps.ts';
import { CanvasViewBody } from '../../components/canvas/CanvasViewBody.tsx';
import { SpanTooltip } from '../../components/canvas/SpanTooltip.tsx';
import { useWheel } from '../../components/canvas/useWheel.ts';
import { FlameBreadcrumb } from './FlameBreadcrumb.tsx';
import { FlameToolbar } from './FlameToolbar.tsx';
import { flameInput } from './flameInput.ts';
import { flameShareText } from './flameShare.ts';
import { useFlameGraph } from './useFlameGraph.ts';

export function FlameGraphView(props: TraceViewProps) {
  const c = useFlameGraph(props);
  const input = flameInput(c, props.selectedSpanId, props.onSelectSpan);
  useWheel(c.canvasRef, input.onWheel);
  const { layout, indexById, metric } = c;
  const share = (spanId: string) => (layout ? flameShareText(layout, indexById, metric, spanId) : null);
  return (
    <div
      style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}
      data-testid="flamegraph-view"
    >
      <FlameToolbar
        metric={metric}
        onMetric={c.setMetric}
        colouring={c.colouring}
        onColouring={c.setColouring}
        theme={c.colors.theme}
        totalCost={layout ? layout.cost[0]! : null}
      />
      <FlameBreadcrumb path={c.breadcrumb} onZoom={c.zoomInto} />
      <CanvasViewBody bodyRef={c.bodyRef} onKeyDown={input.onKeyDown} aria-label="Flame graph">
        <canvas
          ref={c.canvasRef}
          style={{ position: 'absolute', inset: 0, width: c.size.width, height: c.size.height }}
          data-testid="flamegraph-canvas"
          onMouseMove={input.onMouseMove}
          onMouseLeave={input.onMouseLeave}
          onClick={input.onClick}
        />
        <SpanTooltip store={c.hover} traceStart={c.tree.startTime} now={c.liveNow} extra={share} />
      </CanvasViewBody>
    </div>
  );
}
