// The waterfall's controller: view state (scroll and hover in a ref, the zoom transform in
// d3-zoom, the range and highlights in React state once settled), the effects that keep the
// selection and playhead on screen, and the frame loop that paints it all.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { D3ZoomEvent } from 'd3';
import type { TraceViewProps } from '../../components/traceViewProps.ts';
import { takePendingOutlineFocus } from '../../components/focusOutline.ts';
import { createHoverStore } from '../../components/canvas/hoverStore.ts';
import { useFrameLoop } from '../../components/canvas/useFrameLoop.ts';
import { useViewSize } from '../../components/canvas/useViewSize.ts';
import { useStore } from '../../state/createStore.ts';
import { preferencesStore } from '../../state/preferences.ts';
import { useThemeColors } from '../../state/useThemeColors.ts';
import type { TimeRange } from '../../model/bottomUp.ts';
import type { SpanNode } from '../../model/traceTree.ts';
import type { TimeScale } from '../../lib/timeScale.ts';
import { createKeyPanZoom } from './keyPanZoom.ts';
import { useTimelineZoom } from './useTimelineZoom.ts';
import { useWaterfallModel } from './useWaterfallModel.ts';
import { createMirrorStore } from './WaterfallRowMirror.tsx';
import { paintWaterfall } from './waterfallPaint.ts';
import { RULER_HEIGHT, maxScrollTop } from './waterfallGeometry.ts';
import { zoomTakes } from './waterfallWheel.ts';
import { scrollToReveal, spanWindow, windowFollowingPlayhead } from './waterfallWindow.ts';

/** A bottom-up row picked in the table: its spans are highlighted the way a search does. */
export interface PickedGroup {
  key: string;
  ids: ReadonlySet<string>;
}

export function useWaterfall(props: TraceViewProps) {
  const { tree, selectedSpanId } = props;
  const playhead = props.playhead ?? null;
  const playheadRef = useRef(playhead);
  playheadRef.current = playhead;
  const colors = useThemeColors();
  const bodyRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const overviewRef = useRef<HTMLCanvasElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const size = useViewSize(bodyRef);
  const hover = useMemo(createHoverStore, []);
  const mirror = useMemo(createMirrorStore, []);
  const [showCritical, setShowCritical] = useState(false);
  const [showBottomUp, setShowBottomUp] = useState(false);
  // A time range dragged on the ruler (epoch ms): its figures in the toolbar, and the
  // bottom-up table aggregates it. The ref holds it while the drag is under way.
  const [range, setRange] = useState<TimeRange | null>(null);
  const rangeRef = useRef<TimeRange | null>(null);
  const [picked, setPicked] = useState<PickedGroup | null>(null);
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
    paintedTree: null as unknown,
  });
  // The overview strip (a scan of every span) is not needed for the first frame: it is built in
  // a task of its own once the rows have painted, so a 100,000-span trace shows sooner and
  // opens in shorter tasks.
  const [overviewWanted, setOverviewWanted] = useState(false);
  const overviewScheduled = useRef(false);
  const model = useWaterfallModel(props, size, colors, showCritical, overviewWanted);
  const { rows, rowIndex, layout, totalMs, liveNow } = model;
  const wheelMode = useStore(preferencesStore, (p) => p.wheelMode);
  // Handlers made once (keys, overview, wheel) read the latest values through these.
  const latest = useRef({ layout, totalMs, wheelMode });
  latest.current = { layout, totalMs, wheelMode };

  // Every change asks for one redraw in the next animation frame (`draw`, below).
  const requestDraw = useFrameLoop('waterfall', draw);

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
  const onSettle = (settled: TimeScale) => setSettledWindow([settled.startMs, settled.endMs]);
  const accepts = useCallback(
    (event: MouseEvent | WheelEvent | TouchEvent) =>
      zoomTakes(event as MouseEvent & WheelEvent, layout.labelWidth, RULER_HEIGHT, latest.current.wheelMode),
    [layout.labelWidth],
  );
  const axis = useMemo(
    () => ({ totalMs, left: layout.timelineLeft, right: layout.timelineRight, accepts }),
    [totalMs, layout.timelineLeft, layout.timelineRight, accepts],
  );
  const zoom = useTimelineZoom(canvasRef, axis, onZoom, onSettle);

  const keys = useMemo(
    () =>
      createKeyPanZoom(
        () => zoom,
        () =>
          view.current.hoverX ??
          (latest.current.layout.timelineLeft + latest.current.layout.timelineRight) / 2,
        () => latest.current.layout.timelineRight - latest.current.layout.timelineLeft,
      ),
    [zoom],
  );
  useEffect(() => () => keys.stop(), [keys]);

  function draw() {
    const canvas = canvasRef.current;
    const overview = overviewRef.current;
    if (!canvas || !overview) return;
    const v = view.current;
    v.scrollTop = Math.min(v.scrollTop, maxScrollTop(layout, rows.length));
    const painted = paintWaterfall(canvas, overview, {
      props,
      model,
      colors,
      scale: zoom.scale(),
      view: v,
      range: rangeRef.current,
      picked,
      mirror,
      focused: document.activeElement === bodyRef.current,
    });
    if (painted && rows.length > 0 && v.paintedTree !== tree) {
      v.paintedTree = tree;
      performance.mark('spyglass:waterfall-painted', { detail: { spans: tree.byId.size } });
    }
    if (painted && !overviewScheduled.current) {
      overviewScheduled.current = true;
      setTimeout(() => setOverviewWanted(true), 0);
    }
  }

  const zoomToSpan = useCallback(
    (node: SpanNode | undefined) => {
      if (!node) return;
      const [from, to] = spanWindow(node.span, tree.startTime, liveNow, totalMs);
      zoom.setWindow(from, to, true);
    },
    [zoom, tree.startTime, liveNow, totalMs],
  );
  const fit = () => zoom.setWindow(0, totalMs, true);
  const zoomToSelection = () =>
    zoomToSpan(selectedSpanId === null ? undefined : tree.byId.get(selectedSpanId));
  const clearRange = () => {
    rangeRef.current = null;
    setRange(null);
    requestDraw();
  };

  useEffect(requestDraw);
  // Enter on a trace row asked for the span tree before this trace had loaded.
  useEffect(() => {
    if (takePendingOutlineFocus()) bodyRef.current?.focus();
  }, []);

  // Playback while zoomed in: a playhead leaving the window pulls the window along with it.
  const playheadTime = playhead?.time ?? null;
  useEffect(() => {
    if (playheadTime === null) return;
    const { startMs, endMs } = zoom.scale();
    const next = windowFollowingPlayhead(playheadTime - tree.startTime, [startMs, endMs], totalMs);
    if (next) zoom.setWindow(next[0], next[1]);
  }, [zoom, playheadTime, tree.startTime, totalMs]);

  // Keep the selected row on screen when the selection comes from another view or the keyboard.
  useEffect(() => {
    const i = selectedSpanId === null ? undefined : rowIndex.get(selectedSpanId);
    if (i === undefined || layout.heightPx <= 0) return;
    const next = scrollToReveal(i, view.current.scrollTop, layout.heightPx - RULER_HEIGHT);
    if (next !== null) scrollTo(next);
  }, [selectedSpanId, rowIndex, layout.heightPx, scrollTo]);

  return {
    props,
    model,
    bodyRef,
    canvasRef,
    overviewRef,
    scrollRef,
    size,
    hover,
    mirror,
    view,
    latest,
    playheadRef,
    zoom,
    keys,
    showCritical,
    toggleCritical: () => setShowCritical((c) => !c),
    showBottomUp,
    toggleBottomUp: () => {
      setShowBottomUp((shown) => !shown);
      setPicked(null);
    },
    range,
    rangeRef,
    commitRange: () => setRange(rangeRef.current),
    clearRange,
    picked,
    setPicked,
    settledWindow,
    scrollTo,
    zoomToSpan,
    fit,
    zoomToSelection,
    requestDraw,
  };
}

export type WaterfallController = ReturnType<typeof useWaterfall>;
