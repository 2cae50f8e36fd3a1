// The waterfall: one row per visible span, bars on a shared zoomable time axis, an overview
// strip above. This component lays out the frame (toolbar, canvases, row mirror, scrollbar,
// tooltip); view state lives in useWaterfall, input in waterfallPointer and waterfallKeyboard,
// drawing in plain functions (waterfallPaint and the render* modules).
import { useCallback, useMemo } from 'react';
import type { TraceViewProps } from '../../components/traceViewProps.ts';
import { ResizeHandle } from '../../components/ResizeHandle.tsx';
import { CanvasViewBody } from '../../components/canvas/CanvasViewBody.tsx';
import { SpanTooltip } from '../../components/canvas/SpanTooltip.tsx';
import { useWheel } from '../../components/canvas/useWheel.ts';
import type { BottomUpRow } from '../../model/bottomUp.ts';
import { setPaneSize } from '../../state/preferences.ts';
import { BottomUpPanel } from './BottomUpPanel.tsx';
import { RangeReadout } from './RangeReadout.tsx';
import { OVERVIEW_HEIGHT } from './renderOverview.ts';
import { overviewHandlers } from './useOverviewDrag.ts';
import { useWaterfall } from './useWaterfall.ts';
import { WaterfallRowMirror } from './WaterfallRowMirror.tsx';
import { WaterfallToolbar } from './WaterfallToolbar.tsx';
import { ROW_HEIGHT, RULER_HEIGHT, SCROLLBAR_WIDTH } from './waterfallGeometry.ts';
import { waterfallKeyboard } from './waterfallKeyboard.ts';
import { waterfallPointer } from './waterfallPointer.ts';
import { MIN_LABEL_WIDTH, MIN_TIMELINE_WIDTH, windowLabel } from './waterfallWindow.ts';

export function WaterfallView(props: TraceViewProps) {
  const { tree, selectedSpanId, collapsed } = props;
  const c = useWaterfall(props);
  const { layout, rows, totalMs, liveNow } = c.model;
  const pointer = waterfallPointer(c);
  const keyboard = waterfallKeyboard(c);
  useWheel(c.canvasRef, pointer.onWheel);
  const { zoom, latest, requestDraw, setPicked } = c;
  const overview = useMemo(
    () =>
      overviewHandlers(
        () => zoom,
        () => latest.current.layout,
        () => latest.current.totalMs,
        requestDraw,
      ),
    [zoom, latest, requestDraw],
  );
  const pickGroup = useCallback(
    (row: BottomUpRow | null) => setPicked(row ? { key: row.key, ids: new Set(row.spanIds) } : null),
    [setPicked],
  );

  return (
    <div
      style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}
      data-testid="waterfall-view"
    >
      <WaterfallToolbar
        showCritical={c.showCritical}
        onToggleCritical={c.toggleCritical}
        onFit={c.fit}
        canZoomToSelection={selectedSpanId !== null}
        onZoomToSelection={c.zoomToSelection}
        showBottomUp={c.showBottomUp}
        onToggleBottomUp={c.toggleBottomUp}
        rangeReadout={
          c.range ? <RangeReadout tree={tree} range={c.range} nowMs={liveNow} onClear={c.clearRange} /> : null
        }
        windowText={windowLabel(c.settledWindow, totalMs)}
      />
      <CanvasViewBody
        bodyRef={c.bodyRef}
        id="waterfall-body"
        onKeyDown={keyboard.onKeyDown}
        onKeyUp={keyboard.onKeyUp}
        onBlur={keyboard.onBlur}
        aria-label="Waterfall: spans on a time axis"
        className="spyglass-canvas-view"
      >
        <canvas
          ref={c.overviewRef}
          style={{ position: 'absolute', left: 0, top: 0, width: layout.widthPx, height: OVERVIEW_HEIGHT }}
          data-testid="waterfall-overview"
          {...overview}
        />
        <canvas
          ref={c.canvasRef}
          style={{
            position: 'absolute',
            left: 0,
            top: OVERVIEW_HEIGHT,
            width: layout.widthPx,
            height: Math.max(0, layout.heightPx),
          }}
          data-testid="waterfall-canvas"
          onMouseMove={pointer.onMouseMove}
          onMouseDown={pointer.onMouseDown}
          onMouseLeave={pointer.onMouseLeave}
          onClick={pointer.onClick}
          onDoubleClick={pointer.onDoubleClick}
        />
        <WaterfallRowMirror
          store={c.mirror}
          rows={rows}
          layout={layout}
          offsetTop={OVERVIEW_HEIGHT}
          selectedSpanId={selectedSpanId}
          collapsed={collapsed}
        />
        <div
          ref={c.scrollRef}
          onScroll={(e) => c.scrollTo(e.currentTarget.scrollTop)}
          style={{
            position: 'absolute',
            right: 0,
            top: OVERVIEW_HEIGHT + RULER_HEIGHT,
            bottom: 0,
            width: SCROLLBAR_WIDTH,
            overflowY: 'auto',
            overflowX: 'hidden',
          }}
        >
          <div style={{ height: rows.length * ROW_HEIGHT, width: 1 }} />
        </div>
        <div className="waterfall-column-handle" style={{ left: layout.labelWidth, top: OVERVIEW_HEIGHT }}>
          <ResizeHandle
            label="Resize the span name column"
            side="left"
            size={layout.labelWidth}
            min={MIN_LABEL_WIDTH}
            max={Math.max(MIN_LABEL_WIDTH, c.size.width - MIN_TIMELINE_WIDTH)}
            onResize={(px) => setPaneSize('waterfallLabels', px)}
          />
        </div>
        <SpanTooltip store={c.hover} traceStart={tree.startTime} now={liveNow} />
      </CanvasViewBody>
      {c.showBottomUp && (
        <BottomUpPanel
          tree={tree}
          range={c.range}
          nowMs={liveNow}
          highlighted={c.picked?.key ?? null}
          onHighlight={pickGroup}
        />
      )}
    </div>
  );
}
