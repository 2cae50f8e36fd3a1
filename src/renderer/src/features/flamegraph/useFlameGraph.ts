// The flame graph's controller: which subtree is focused, the measure and colouring, the scroll
// and hover (refs: they change per mouse move), and the frame loop that paints them.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TraceViewProps } from '../../components/traceViewProps.ts';
import { useThemeColors } from '../../state/useThemeColors.ts';
import { layoutFlame } from '../../model/flameLayout.ts';
import type { FlameMetric } from '../../model/flameLayout.ts';
import { buildFlameRaster } from '../../model/flameRaster.ts';
import { hasRunningSpans } from '../../model/spanTiming.ts';
import type { SpanNode } from '../../model/traceTree.ts';
import { prepareCanvas } from '../../components/canvas/canvasKit.ts';
import { viewDebug } from '../../components/canvas/debugHook.ts';
import { createHoverStore } from '../../components/canvas/hoverStore.ts';
import { useFrameLoop } from '../../components/canvas/useFrameLoop.ts';
import { useViewSize } from '../../components/canvas/useViewSize.ts';
import type { FlameColouring } from './flameColors.ts';
import { FLAME_PAD, FLAME_ROW, cellRect, clampFlameScroll, flameContentHeight } from './flameGeometry.ts';
import { renderFlame } from './renderFlame.ts';

export function useFlameGraph(props: TraceViewProps) {
  const { tree, selectedSpanId, searchMatches, now } = props;
  const colors = useThemeColors();
  const bodyRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const size = useViewSize(bodyRef);
  const hover = useMemo(createHoverStore, []);
  const [metric, setMetric] = useState<FlameMetric>('time');
  const [colouring, setColouring] = useState<FlameColouring>('type');
  const [focusId, setFocusId] = useState<string | null>(null);
  const view = useRef({ scrollTop: 0, hoverIndex: -1 });

  const running = useMemo(() => hasRunningSpans(tree), [tree]);
  const liveNow = running ? now : tree.endTime;
  const focus: SpanNode | undefined =
    (focusId !== null ? tree.byId.get(focusId) : undefined) ?? tree.roots[0];
  const layout = useMemo(
    () => (focus ? layoutFlame(tree, focus, metric, liveNow) : null),
    [tree, focus, metric, liveNow],
  );
  const raster = useMemo(
    () => (layout && size.width > 0 ? buildFlameRaster(layout, size.width - FLAME_PAD * 2) : null),
    [layout, size.width],
  );
  const indexById = useMemo(() => new Map(layout?.nodes.map((n, i) => [n.span.spanId, i]) ?? []), [layout]);
  const breadcrumb = useMemo(() => {
    const path: SpanNode[] = [];
    for (let n: SpanNode | null = focus ?? null; n !== null; n = n.parent) path.unshift(n);
    return path;
  }, [focus]);

  const draw = () => {
    const canvas = canvasRef.current;
    if (!canvas || !layout || !raster || size.width <= 0 || size.height <= 0) return;
    const ctx = prepareCanvas(canvas, size.width, size.height);
    if (!ctx) return;
    const scrollTop = clampFlameScroll(view.current.scrollTop, flameContentHeight(layout), size.height);
    view.current.scrollTop = scrollTop;
    renderFlame(ctx, {
      widthPx: size.width,
      heightPx: size.height,
      dpr: window.devicePixelRatio || 1,
      layout,
      metric,
      colouring,
      scrollTop,
      selectedId: selectedSpanId,
      hoverIndex: view.current.hoverIndex,
      searchMatches,
      colors,
      raster,
    });
    const debug = viewDebug('flamegraph');
    debug.metric = metric;
    debug.colouring = colouring;
    debug.focusId = focus?.span.spanId ?? null;
    debug.cellCount = layout.nodes.length;
    debug.cellRect = (spanId: string) => {
      const i = indexById.get(spanId);
      if (i === undefined) return null;
      const box = canvas.getBoundingClientRect();
      const r = cellRect({ widthPx: size.width, scrollTop: view.current.scrollTop, layout }, i);
      return { x: box.left + r.x, y: box.top + r.y, width: r.w, height: FLAME_ROW - 1 };
    };
  };
  const requestDraw = useFrameLoop('flamegraph', draw);
  useEffect(requestDraw);

  /** Focus a subtree (zoom into it, or back out to an ancestor) from its top. */
  const zoomInto = useCallback((spanId: string | null) => {
    setFocusId(spanId);
    view.current.scrollTop = 0;
  }, []);

  return {
    tree,
    colors,
    bodyRef,
    canvasRef,
    size,
    hover,
    view,
    liveNow,
    metric,
    setMetric,
    colouring,
    setColouring,
    focus,
    layout,
    indexById,
    breadcrumb,
    zoomInto,
    requestDraw,
  };
}

export type FlameGraphController = ReturnType<typeof useFlameGraph>;
