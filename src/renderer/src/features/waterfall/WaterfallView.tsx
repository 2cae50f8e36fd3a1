// The waterfall: one row per visible span, bars on a shared zoomable time axis, an overview
// strip above. React renders the frame (toolbar, canvases, tooltip); drawing happens in plain
// functions from one animation-frame loop, and pan/zoom live in d3-zoom's transform and refs.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent as ReactKeyboardEvent, MouseEvent as ReactMouseEvent } from 'react';
import type { D3ZoomEvent } from 'd3';
import type { TraceViewProps } from '../../components/traceViewProps.ts';
import { useThemeColors } from '../../state/useThemeColors.ts';
import { visibleRows } from '../../model/traceTree.ts';
import type { SpanNode, TraceTree } from '../../model/traceTree.ts';
import { hasRunningSpans } from '../../model/spanTiming.ts';
import { criticalPath } from '../../model/criticalPath.ts';
import type { CriticalSegment } from '../../model/criticalPath.ts';
import { buildOverview } from '../../model/overview.ts';
import { formatDuration } from '../../lib/format.ts';
import { prepareCanvas } from '../../components/canvas/canvasKit.ts';
import { createSummaryCache } from './collapsedSummary.ts';
import { viewDebug } from '../../components/canvas/debugHook.ts';
import { createHoverStore } from '../../components/canvas/hoverStore.ts';
import { createKeyPanZoom } from './keyPanZoom.ts';
import { OVERVIEW_HEIGHT, paintOverviewImage, renderOverview } from './renderOverview.ts';
import { barExtent, renderWaterfall } from './renderWaterfall.ts';
import type { WaterfallFrameState } from './renderWaterfall.ts';
import { SpanTooltip } from '../../components/canvas/SpanTooltip.tsx';
import { useFrameLoop } from '../../components/canvas/useFrameLoop.ts';
import { useViewSize } from '../../components/canvas/useViewSize.ts';
import { overviewHandlers } from './useOverviewDrag.ts';
import { useTimelineZoom } from './useTimelineZoom.ts';
import {
  ToolbarButton,
  ToolbarSeparator,
  ToolbarText,
  ViewToolbar,
} from '../../components/canvas/ViewToolbar.tsx';
import { createMirrorStore, syncMirror, WaterfallRowMirror } from './WaterfallRowMirror.tsx';
import { BottomUpPanel } from './BottomUpPanel.tsx';
import { RangeReadout } from './RangeReadout.tsx';
import { drawRange } from './renderRange.ts';
import type { BottomUpRow, TimeRange } from '../../model/bottomUp.ts';
import { handleWaterfallKey } from './waterfallKeys.ts';
import { takePendingOutlineFocus } from '../../components/focusOutline.ts';
import { ResizeHandle } from '../../components/ResizeHandle.tsx';
import { useStore } from '../../state/createStore.ts';
import { preferencesStore, setPaneSize } from '../../state/preferences.ts';
import {
  ROW_HEIGHT,
  RULER_HEIGHT,
  hitTest,
  makeLayout,
  maxScrollTop,
  rowRange,
  rowTop,
} from './waterfallGeometry.ts';

const NO_COLLAPSE: ReadonlySet<string> = new Set();
const LABEL_WIDTH = 300;
/** The name column and the timeline never get narrower than these, however the column is dragged. */
const MIN_LABEL_WIDTH = 120;
const MIN_TIMELINE_WIDTH = 160;

/** The span name column: as the user dragged it, else a share of a narrow pane (an outline often sits beside it). */
function labelColumnWidth(paneWidth: number, chosen: number): number {
  if (chosen <= 0) return Math.max(170, Math.min(LABEL_WIDTH, paneWidth * 0.36));
  return Math.max(MIN_LABEL_WIDTH, Math.min(chosen, paneWidth - MIN_TIMELINE_WIDTH));
}

function groupSegments(segments: CriticalSegment[]): Map<string, CriticalSegment[]> {
  const bySpan = new Map<string, CriticalSegment[]>();
  for (const seg of segments) {
    const list = bySpan.get(seg.spanId);
    if (list) list.push(seg);
    else bySpan.set(seg.spanId, [seg]);
  }
  return bySpan;
}

export function WaterfallView(props: TraceViewProps) {
  const { tree, selectedSpanId, onSelectSpan, collapsed, onToggleCollapse, searchMatches, now } = props;
  const playhead = props.playhead ?? null;
  const playheadRef = useRef(playhead);
  playheadRef.current = playhead;
  const colors = useThemeColors();
  const bodyRef = useRef<HTMLDivElement>(null);
  const size = useViewSize(bodyRef);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const overviewRef = useRef<HTMLCanvasElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const hover = useMemo(createHoverStore, []);
  const [showCritical, setShowCritical] = useState(false);
  // A time range dragged on the ruler (epoch ms): its figures in the toolbar, and the
  // bottom-up table aggregates it. The ref holds it while the drag is under way.
  const [range, setRange] = useState<TimeRange | null>(null);
  const rangeRef = useRef<TimeRange | null>(null);
  const [showBottomUp, setShowBottomUp] = useState(false);
  const [picked, setPicked] = useState<{ key: string; ids: ReadonlySet<string> } | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new trace (new roots) clears the range and the picked row.
  useEffect(() => {
    rangeRef.current = null;
    setRange(null);
    setPicked(null);
  }, [tree.roots]);
  const [settledWindow, setSettledWindow] = useState<[number, number]>([0, 0]);
  const view = useRef({
    scrollTop: 0,
    hoverRow: -1,
    hoverX: null as number | null,
    paintedTree: null as TraceTree | null,
  });

  const rows = useMemo(() => visibleRows(tree, collapsed), [tree, collapsed]);
  const rowIndex = useMemo(() => new Map(rows.map((r, i) => [r.span.spanId, i])), [rows]);
  const mirror = useMemo(createMirrorStore, []);
  const running = useMemo(() => hasRunningSpans(tree), [tree]);
  const liveNow = playhead ? playhead.time : running ? Math.max(now, tree.endTime) : tree.endTime;
  // During playback the axis keeps the whole recording's length while the playhead moves along it.
  const totalMs = Math.max((playhead ? playhead.endTime : liveNow) - tree.startTime, 0.001);
  const chosenLabelWidth = useStore(preferencesStore, (p) => p.panes.waterfallLabels);
  const wheelMode = useStore(preferencesStore, (p) => p.wheelMode);
  const wheelModeRef = useRef(wheelMode);
  wheelModeRef.current = wheelMode;
  const layout = useMemo(
    () =>
      makeLayout(size.width, size.height - OVERVIEW_HEIGHT, labelColumnWidth(size.width, chosenLabelWidth)),
    [size, chosenLabelWidth],
  );
  const critical = useMemo(
    () => (showCritical ? groupSegments(criticalPath(tree, liveNow).segments) : null),
    [showCritical, tree, liveNow],
  );
  const summary = useMemo(() => createSummaryCache(tree.startTime, liveNow), [tree, liveNow]);
  const allRows = useMemo(() => visibleRows(tree, NO_COLLAPSE), [tree]);
  // During playback "now" moves every frame; the overview (a scan of every row) only needs
  // redrawing once the playhead has moved one of its pixels.
  const overviewPxMs = totalMs / Math.max(1, layout.timelineRight - layout.timelineLeft);
  const overviewNow = playhead
    ? tree.startTime + Math.ceil((liveNow - tree.startTime) / overviewPxMs) * overviewPxMs
    : liveNow;
  const overviewImage = useMemo(() => {
    const width = layout.timelineRight - layout.timelineLeft;
    if (size.width === 0 || width <= 0) return null;
    const overview = buildOverview(allRows, tree.startTime, totalMs, overviewNow, width, OVERVIEW_HEIGHT - 8);
    return paintOverviewImage(overview, colors, width, window.devicePixelRatio || 1);
  }, [allRows, tree.startTime, totalMs, overviewNow, layout, size.width, colors]);

  const draw = () => {
    const canvas = canvasRef.current;
    const overviewCanvas = overviewRef.current;
    if (!canvas || !overviewCanvas || layout.widthPx <= 0 || layout.heightPx <= 0) return;
    const ctx = prepareCanvas(canvas, layout.widthPx, layout.heightPx);
    const octx = prepareCanvas(overviewCanvas, layout.widthPx, OVERVIEW_HEIGHT);
    if (!ctx || !octx) return;
    const dpr = window.devicePixelRatio || 1;
    const v = view.current;
    v.scrollTop = Math.min(v.scrollTop, maxScrollTop(layout, rows.length));
    const scale = zoom.scale();
    const frame: WaterfallFrameState = {
      layout,
      dpr,
      rows,
      scrollTop: v.scrollTop,
      scale,
      traceStart: tree.startTime,
      now: liveNow,
      running,
      selectedId: selectedSpanId,
      hoverRow: v.hoverRow,
      hoverX: v.hoverX,
      // A bottom-up row picked highlights its spans the way a search does.
      searchMatches: picked?.ids ?? searchMatches,
      collapsed,
      critical,
      summary,
      colors,
      focused: document.activeElement === bodyRef.current,
      playheadMs: playhead ? playhead.time - tree.startTime : null,
    };
    renderWaterfall(ctx, frame);
    if (rangeRef.current)
      drawRange(
        ctx,
        frame,
        rangeRef.current.startMs - tree.startTime,
        rangeRef.current.endMs - tree.startTime,
      );
    renderOverview(octx, {
      layout,
      dpr,
      image: overviewImage,
      scale,
      totalMs,
      spanCount: tree.byId.size,
      colors,
    });
    publishDebug(frame);
    if (rows.length > 0 && v.paintedTree !== tree) {
      v.paintedTree = tree;
      performance.mark('spyglass:waterfall-painted', { detail: { spans: tree.byId.size } });
    }
  };
  const requestDraw = useFrameLoop('waterfall', draw);

  const publishDebug = (frame: WaterfallFrameState) => {
    const debug = viewDebug('waterfall');
    const [first, last] = rowRange(frame.layout, frame.scrollTop, rows.length);
    syncMirror(mirror, first, last, frame.scrollTop);
    debug.rowCount = rows.length;
    debug.rangeMs = rangeRef.current
      ? [rangeRef.current.startMs - tree.startTime, rangeRef.current.endMs - tree.startTime]
      : null;
    debug.highlightCount = picked ? picked.ids.size : null;
    debug.firstRow = first;
    debug.lastRow = last;
    debug.visibleSpanIds = rows.slice(first, last).map((r) => r.span.spanId);
    debug.windowMs = [frame.scale.startMs, frame.scale.endMs];
    debug.totalMs = totalMs;
    debug.playheadMs = frame.playheadMs ?? null;
    debug.barRect = (spanId: string) => {
      const i = rowIndex.get(spanId);
      const canvas = canvasRef.current;
      if (i === undefined || !canvas || i < first || i >= last) return null;
      const box = canvas.getBoundingClientRect();
      const { x0, x1 } = barExtent(frame, rows[i]!);
      const left = Math.max(x0, frame.layout.timelineLeft);
      const right = Math.min(x1, frame.layout.widthPx);
      return {
        x: box.left + left,
        y: box.top + rowTop(i, frame.scrollTop) + 4,
        width: right - left,
        height: ROW_HEIGHT - 8,
      };
    };
  };

  const scrollTo = useCallback(
    (top: number) => {
      const clamped = Math.max(0, Math.min(top, maxScrollTop(layout, rows.length)));
      view.current.scrollTop = clamped;
      if (scrollRef.current && Math.abs(scrollRef.current.scrollTop - clamped) > 1)
        scrollRef.current.scrollTop = clamped;
      requestDraw();
    },
    [layout, rows.length, requestDraw],
  );

  const onZoom = (event: D3ZoomEvent<HTMLCanvasElement, unknown>) => {
    const source = event.sourceEvent as MouseEvent | null;
    // Dragging pans time horizontally and scrolls rows vertically, as in DevTools.
    if (source?.type === 'mousemove' && source.movementY) scrollTo(view.current.scrollTop - source.movementY);
    requestDraw();
  };
  const onSettle = () => {
    const scale = zoom.scale();
    setSettledWindow([scale.startMs, scale.endMs]);
  };
  const accepts = useCallback(
    (event: MouseEvent | WheelEvent | TouchEvent) => {
      if (event.type === 'wheel') {
        const wheel = event as WheelEvent;
        if (wheel.offsetX < layout.labelWidth) return false;
        // Ctrl/⌘+wheel (and a trackpad pinch, which arrives as a ctrlKey wheel) always zooms.
        if (wheel.ctrlKey || wheel.metaKey) return true;
        if (wheelModeRef.current === 'scroll') return false;
        return !wheel.shiftKey && Math.abs(wheel.deltaX) <= Math.abs(wheel.deltaY);
      }
      if (event.type === 'mousedown') {
        const mouse = event as MouseEvent;
        // A press on the ruler selects a time range (scrubs the playhead during playback).
        if (mouse.offsetY < RULER_HEIGHT) return false;
        return mouse.button === 0 && mouse.offsetX >= layout.labelWidth;
      }
      return event.type.startsWith('touch');
    },
    [layout.labelWidth],
  );
  const axis = useMemo(
    () => ({ totalMs, left: layout.timelineLeft, right: layout.timelineRight, accepts }),
    [totalMs, layout.timelineLeft, layout.timelineRight, accepts],
  );
  const zoom = useTimelineZoom(canvasRef, axis, onZoom, onSettle);
  const zoomRef = useRef(zoom);
  zoomRef.current = zoom;

  const keys = useMemo(
    () =>
      createKeyPanZoom(
        () => zoomRef.current,
        () => view.current.hoverX ?? (layoutRef.current.timelineLeft + layoutRef.current.timelineRight) / 2,
        () => layoutRef.current.timelineRight - layoutRef.current.timelineLeft,
      ),
    [],
  );
  const layoutRef = useRef(layout);
  layoutRef.current = layout;
  useEffect(() => () => keys.stop(), [keys]);

  const zoomToSpan = useCallback(
    (node: SpanNode | undefined) => {
      if (!node) return;
      const start = (node.span.startTime ?? tree.startTime) - tree.startTime;
      const end = (node.span.endTime ?? liveNow) - tree.startTime;
      const pad = Math.max((end - start) * 0.08, 0.0005);
      zoom.setWindow(Math.max(0, start - pad), Math.min(totalMs, end + pad), true);
    },
    [zoom, tree.startTime, liveNow, totalMs],
  );

  useEffect(requestDraw);
  // Enter on a trace row asked for the span tree before this trace had loaded.
  useEffect(() => {
    if (takePendingOutlineFocus()) bodyRef.current?.focus();
  }, []);

  // Playback while zoomed in: a playhead leaving the window pulls the window along with it.
  const playheadTime = playhead?.time ?? null;
  useEffect(() => {
    if (playheadTime === null) return;
    const t = playheadTime - tree.startTime;
    const { startMs, endMs } = zoomRef.current.scale();
    const width = endMs - startMs;
    if (width >= totalMs * 0.999 || (t >= startMs && t <= endMs)) return;
    const from = Math.max(0, Math.min(t - width * 0.15, totalMs - width));
    zoomRef.current.setWindow(from, from + width);
  }, [playheadTime, tree.startTime, totalMs]);

  // Keep the selected row on screen when the selection comes from another view or the keyboard.
  useEffect(() => {
    const i = selectedSpanId === null ? undefined : rowIndex.get(selectedSpanId);
    if (i === undefined || layout.heightPx <= 0) return;
    const top = i * ROW_HEIGHT;
    const viewHeight = layout.heightPx - RULER_HEIGHT;
    const st = view.current.scrollTop;
    if (top < st) scrollTo(top - ROW_HEIGHT);
    else if (top + ROW_HEIGHT > st + viewHeight) scrollTo(top - viewHeight + ROW_HEIGHT * 2);
  }, [selectedSpanId, rowIndex, layout.heightPx, scrollTo]);

  // The wheel events d3-zoom does not take (see `accepts`): over the labels the wheel scrolls
  // rows; in 'scroll' mode it scrolls rows and pans time (a trackpad sends both at once), Shift
  // turning the wheel sideways; in classic 'zoom' mode Shift+wheel scrolls rows and a sideways
  // swipe pans.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const onWheel = (e: WheelEvent) => {
      const unit = e.deltaMode === 1 ? ROW_HEIGHT : e.deltaMode === 2 ? canvas.clientHeight : 1;
      const overLabels = e.offsetX < layoutRef.current.labelWidth;
      e.preventDefault(); // Never the page's scroll or the browser's own Ctrl+wheel zoom.
      if (e.ctrlKey || e.metaKey) return; // d3-zoom zooms over the timeline; nothing over the labels.
      if (overLabels) {
        scrollTo(view.current.scrollTop + (e.deltaY || e.deltaX) * unit);
      } else if (wheelModeRef.current === 'scroll') {
        const dx = e.shiftKey ? e.deltaX || e.deltaY : e.deltaX;
        const dy = e.shiftKey ? 0 : e.deltaY;
        if (dy) scrollTo(view.current.scrollTop + dy * unit);
        if (dx) zoomRef.current.panByPx(-dx * unit);
      } else if (e.shiftKey) {
        scrollTo(view.current.scrollTop + (e.deltaY || e.deltaX) * unit);
      } else if (Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
        zoomRef.current.panByPx(-e.deltaX * unit);
      }
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, [scrollTo]);

  const pointerAt = (e: ReactMouseEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - box.left, y: e.clientY - box.top };
  };

  const onMouseMove = (e: ReactMouseEvent<HTMLCanvasElement>) => {
    const { x, y } = pointerAt(e);
    const hit = hitTest(layout, rows, view.current.scrollTop, x, y);
    const row = hit.kind === 'chevron' || hit.kind === 'label' || hit.kind === 'timeline' ? hit.row : -1;
    view.current.hoverRow = row;
    view.current.hoverX = x >= layout.labelWidth ? x : null;
    let onBar = false;
    if (hit.kind === 'timeline') {
      const frameScale = zoom.scale();
      const { x0, x1 } = barExtent(
        { layout, scale: frameScale, traceStart: tree.startTime, now: liveNow } as WaterfallFrameState,
        hit.node,
      );
      onBar = x >= x0 - 3 && x <= x1 + 3;
    }
    const node =
      hit.kind === 'label' || hit.kind === 'chevron' || onBar ? (hit as { node: SpanNode }).node : null;
    hover.set(node ? { node, x, y: y + OVERVIEW_HEIGHT, boundsW: size.width, boundsH: size.height } : null);
    e.currentTarget.style.cursor =
      hit.kind === 'ruler' && playhead && x >= layout.labelWidth
        ? 'ew-resize'
        : hit.kind === 'chevron' || onBar
          ? 'pointer'
          : hit.kind === 'timeline' || hit.kind === 'ruler'
            ? 'grab'
            : 'default';
    requestDraw();
  };
  // Playback: press on the ruler and drag to move the playhead (d3-zoom leaves the ruler alone).
  const onMouseDown = (e: ReactMouseEvent<HTMLCanvasElement>) => {
    const { x, y } = pointerAt(e);
    if (e.button !== 0 || y >= RULER_HEIGHT || x < layout.labelWidth) return;
    e.preventDefault();
    const canvas = e.currentTarget;
    const timeAt = (clientX: number) => {
      const scale = zoomRef.current.scale();
      const px = clientX - canvas.getBoundingClientRect().left - layoutRef.current.timelineLeft;
      return tree.startTime + Math.max(0, Math.min(totalMs, scale.startMs + px / scale.pxPerMs));
    };
    if (playheadRef.current) {
      playheadRef.current.onScrub(timeAt(e.clientX), 'start');
      const move = (event: MouseEvent) => playheadRef.current?.onScrub(timeAt(event.clientX), 'move');
      const up = (event: MouseEvent) => {
        window.removeEventListener('mousemove', move);
        playheadRef.current?.onScrub(timeAt(event.clientX), 'end');
      };
      window.addEventListener('mousemove', move);
      window.addEventListener('mouseup', up, { once: true });
      return;
    }
    // Drag on the ruler: a time range, as in Perfetto. A click without a drag clears it.
    const anchor = timeAt(e.clientX);
    const startX = e.clientX;
    const move = (event: MouseEvent) => {
      const t = timeAt(event.clientX);
      rangeRef.current = { startMs: Math.min(anchor, t), endMs: Math.max(anchor, t) };
      requestDraw();
    };
    const up = (event: MouseEvent) => {
      window.removeEventListener('mousemove', move);
      if (Math.abs(event.clientX - startX) < 3) rangeRef.current = null;
      else move(event);
      setRange(rangeRef.current);
      requestDraw();
    };
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up, { once: true });
  };
  const clearRange = () => {
    rangeRef.current = null;
    setRange(null);
    requestDraw();
  };
  const pickGroup = useCallback((row: BottomUpRow | null) => {
    setPicked(row ? { key: row.key, ids: new Set(row.spanIds) } : null);
  }, []);
  const onMouseLeave = () => {
    view.current.hoverRow = -1;
    view.current.hoverX = null;
    hover.set(null);
    requestDraw();
  };
  const onClick = (e: ReactMouseEvent<HTMLCanvasElement>) => {
    const { x, y } = pointerAt(e);
    const hit = hitTest(layout, rows, view.current.scrollTop, x, y);
    bodyRef.current?.focus({ preventScroll: true });
    if (hit.kind === 'chevron') onToggleCollapse(hit.node.span.spanId);
    else if (hit.kind === 'label' || hit.kind === 'timeline') onSelectSpan(hit.node.span.spanId);
    else if (hit.kind === 'none') onSelectSpan(null);
  };
  const onDoubleClick = (e: ReactMouseEvent<HTMLCanvasElement>) => {
    const { x, y } = pointerAt(e);
    const hit = hitTest(layout, rows, view.current.scrollTop, x, y);
    if (hit.kind === 'timeline' || hit.kind === 'label') zoomToSpan(hit.node);
  };

  const onKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    if (e.metaKey || e.ctrlKey || e.altKey) return;
    if (e.key === 'Escape' && (rangeRef.current || picked)) {
      // Esc clears the range, then the highlight, before anything else.
      e.preventDefault();
      e.stopPropagation();
      if (rangeRef.current) clearRange();
      else setPicked(null);
      return;
    }
    const handled =
      keys.down(e.key) ||
      handleWaterfallKey(e.key, {
        rows,
        rowIndex,
        selectedSpanId,
        collapsed,
        onSelectSpan,
        onToggleCollapse,
        pageRows: Math.max(1, Math.floor((layout.heightPx - RULER_HEIGHT) / ROW_HEIGHT) - 1),
        zoomBy: (f) => zoom.zoomBy(f, (layout.timelineLeft + layout.timelineRight) / 2),
        fit: () => zoom.setWindow(0, totalMs, true),
        zoomToSelection: () =>
          zoomToSpan(selectedSpanId === null ? undefined : tree.byId.get(selectedSpanId)),
        toggleCritical: () => setShowCritical((c) => !c),
      });
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  };

  const overview = useMemo(
    () =>
      overviewHandlers(
        () => zoomRef.current,
        () => layoutRef.current,
        () => totalRef.current,
        requestDraw,
      ),
    [requestDraw],
  );
  const totalRef = useRef(totalMs);
  totalRef.current = totalMs;

  const windowText =
    settledWindow[1] > settledWindow[0] && settledWindow[1] - settledWindow[0] < totalMs * 0.999
      ? `${formatDuration(settledWindow[0])} – ${formatDuration(settledWindow[1])} of ${formatDuration(totalMs)}`
      : `All ${formatDuration(totalMs)}`;

  return (
    <div
      style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}
      data-testid="waterfall-view"
    >
      <ViewToolbar>
        <ToolbarButton
          label="Critical path"
          title="Show only the chain of spans the trace waited on (C)"
          active={showCritical}
          onClick={() => setShowCritical((c) => !c)}
          testId="waterfall-critical"
        />
        <ToolbarSeparator />
        <ToolbarButton
          label="Fit"
          title="Show the whole trace (0)"
          onClick={() => zoom.setWindow(0, totalMs, true)}
        />
        <ToolbarButton
          label="Zoom to selection"
          title="Zoom to the selected span (F)"
          disabled={selectedSpanId === null}
          onClick={() => zoomToSpan(selectedSpanId === null ? undefined : tree.byId.get(selectedSpanId))}
        />
        <ToolbarButton
          label="Bottom-up"
          title="Aggregate the trace (or the selected range) by span name or type"
          active={showBottomUp}
          onClick={() => {
            setShowBottomUp((shown) => !shown);
            setPicked(null);
          }}
          testId="waterfall-bottom-up"
        />
        {range ? (
          <RangeReadout tree={tree} range={range} nowMs={liveNow} onClear={clearRange} />
        ) : (
          <ToolbarText grow>{windowText}</ToolbarText>
        )}
        {!range && (
          <ToolbarText muted hint>
            W/S zoom · A/D pan · F focus
          </ToolbarText>
        )}
      </ViewToolbar>
      <div
        ref={bodyRef}
        id="waterfall-body"
        tabIndex={0}
        onKeyDown={onKeyDown}
        onKeyUp={(e) => keys.up(e.key)}
        onBlur={() => keys.stop()}
        aria-label="Waterfall: spans on a time axis"
        style={{
          position: 'relative',
          flex: '1 1 auto',
          minHeight: 0,
          overflow: 'hidden',
          outlineOffset: -2,
        }}
        className="spyglass-canvas-view"
      >
        <canvas
          ref={overviewRef}
          style={{ position: 'absolute', left: 0, top: 0, width: layout.widthPx, height: OVERVIEW_HEIGHT }}
          data-testid="waterfall-overview"
          {...overview}
        />
        <canvas
          ref={canvasRef}
          style={{
            position: 'absolute',
            left: 0,
            top: OVERVIEW_HEIGHT,
            width: layout.widthPx,
            height: Math.max(0, layout.heightPx),
          }}
          data-testid="waterfall-canvas"
          onMouseMove={onMouseMove}
          onMouseDown={onMouseDown}
          onMouseLeave={onMouseLeave}
          onClick={onClick}
          onDoubleClick={onDoubleClick}
        />
        <WaterfallRowMirror
          store={mirror}
          rows={rows}
          layout={layout}
          offsetTop={OVERVIEW_HEIGHT}
          selectedSpanId={selectedSpanId}
          collapsed={collapsed}
        />
        <div
          ref={scrollRef}
          onScroll={(e) => scrollTo(e.currentTarget.scrollTop)}
          style={{
            position: 'absolute',
            right: 0,
            top: OVERVIEW_HEIGHT + RULER_HEIGHT,
            bottom: 0,
            width: 12,
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
            max={Math.max(MIN_LABEL_WIDTH, size.width - MIN_TIMELINE_WIDTH)}
            onResize={(px) => setPaneSize('waterfallLabels', px)}
          />
        </div>
        <SpanTooltip store={hover} traceStart={tree.startTime} now={liveNow} />
      </div>
      {showBottomUp && (
        <BottomUpPanel
          tree={tree}
          range={range}
          nowMs={liveNow}
          highlighted={picked?.key ?? null}
          onHighlight={pickGroup}
        />
      )}
    </div>
  );
}
