// Flame graph (icicle, root on top): where the time, the tokens or the money went. Width is the
// chosen measure; colour is the span type or cost heat. Click a cell to select it and zoom into
// its subtree; the breadcrumb walks back out.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type {
  CSSProperties,
  KeyboardEvent as ReactKeyboardEvent,
  MouseEvent as ReactMouseEvent,
} from 'react';
import type { TraceViewProps } from '../../components/traceViewProps.ts';
import { useThemeColors } from '../../state/useThemeColors.ts';
import { layoutFlame } from '../../model/flameLayout.ts';
import { buildFlameRaster } from '../../model/flameRaster.ts';
import type { FlameMetric } from '../../model/flameLayout.ts';
import { hasRunningSpans } from '../../model/spanTiming.ts';
import type { SpanNode } from '../../model/traceTree.ts';
import { formatCost, formatPercent } from '../../lib/format.ts';
import { prepareCanvas } from '../../components/canvas/canvasKit.ts';
import { viewDebug } from '../../components/canvas/debugHook.ts';
import { createHoverStore } from '../../components/canvas/hoverStore.ts';
import { SpanTooltip } from '../../components/canvas/SpanTooltip.tsx';
import { useFrameLoop } from '../../components/canvas/useFrameLoop.ts';
import { useViewSize } from '../../components/canvas/useViewSize.ts';
import {
  ToolbarButton,
  ToolbarSeparator,
  ToolbarText,
  ViewToolbar,
} from '../../components/canvas/ViewToolbar.tsx';
import type { FlameColouring } from './flameColors.ts';
import { heatLegendCss } from './flameColors.ts';
import { FLAME_PAD, FLAME_ROW, cellRect, flameHit, formatMeasure, renderFlame } from './renderFlame.ts';

const crumb: CSSProperties = {
  font: 'inherit',
  fontSize: 12,
  border: 'none',
  background: 'none',
  color: 'var(--accent)',
  cursor: 'pointer',
  padding: '0 2px',
  maxWidth: 160,
  overflow: 'hidden',
  textOverflow: 'ellipsis',
};

export function FlameGraphView(props: TraceViewProps) {
  const { tree, selectedSpanId, onSelectSpan, searchMatches, now } = props;
  const colors = useThemeColors();
  const bodyRef = useRef<HTMLDivElement>(null);
  const size = useViewSize(bodyRef);
  const canvasRef = useRef<HTMLCanvasElement>(null);
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

  const contentHeight = layout ? (layout.maxDepth + 1) * FLAME_ROW + FLAME_PAD * 2 : 0;
  const clampScroll = (top: number) => Math.max(0, Math.min(top, contentHeight - size.height));

  const draw = () => {
    const canvas = canvasRef.current;
    if (!canvas || !layout || !raster || size.width <= 0 || size.height <= 0) return;
    const ctx = prepareCanvas(canvas, size.width, size.height);
    if (!ctx) return;
    view.current.scrollTop = clampScroll(view.current.scrollTop);
    renderFlame(ctx, {
      widthPx: size.width,
      heightPx: size.height,
      dpr: window.devicePixelRatio || 1,
      layout,
      metric,
      colouring,
      scrollTop: view.current.scrollTop,
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

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      view.current.scrollTop += e.deltaMode === 1 ? e.deltaY * FLAME_ROW : e.deltaY;
      requestDraw();
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, [requestDraw]);

  const hitAt = (e: ReactMouseEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const x = e.clientX - box.left;
    const y = e.clientY - box.top;
    const i = layout
      ? flameHit({ widthPx: size.width, scrollTop: view.current.scrollTop, layout }, indexById, x, y)
      : -1;
    return { i, x, y };
  };
  const onMouseMove = (e: ReactMouseEvent<HTMLCanvasElement>) => {
    const { i, x, y } = hitAt(e);
    if (i !== view.current.hoverIndex) {
      view.current.hoverIndex = i;
      requestDraw();
    }
    const node = i >= 0 ? layout!.nodes[i]! : null;
    hover.set(node ? { node, x, y, boundsW: size.width, boundsH: size.height } : null);
    e.currentTarget.style.cursor = node ? 'pointer' : 'default';
  };
  const zoomInto = useCallback((spanId: string) => {
    setFocusId(spanId);
    view.current.scrollTop = 0;
  }, []);
  const onClick = (e: ReactMouseEvent<HTMLCanvasElement>) => {
    bodyRef.current?.focus({ preventScroll: true });
    const { i } = hitAt(e);
    if (i < 0) return;
    const node = layout!.nodes[i]!;
    onSelectSpan(node.span.spanId);
    // Clicking the focused cell steps back out; any other cell zooms into its subtree.
    if (i === 0 && node.parent) zoomInto(node.parent.span.spanId);
    else if (i !== 0) zoomInto(node.span.spanId);
  };
  const onKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    const parent = focus?.parent;
    if ((e.key === 'Escape' || e.key === 'Backspace') && parent) zoomInto(parent.span.spanId);
    else if ((e.key === 'f' || e.key === 'F') && selectedSpanId) zoomInto(selectedSpanId);
    else if (e.key === '0') setFocusId(null);
    else return;
    e.preventDefault();
  };

  const share = (spanId: string) => {
    const i = indexById.get(spanId);
    if (i === undefined || !layout) return null;
    const node = layout.nodes[i]!;
    const parentIndex = node.parent ? indexById.get(node.parent.span.spanId) : undefined;
    const ofView = layout.value[0]! > 0 ? layout.value[i]! / layout.value[0]! : 0;
    const ofParent =
      parentIndex !== undefined && layout.value[parentIndex]! > 0
        ? layout.value[i]! / layout.value[parentIndex]!
        : null;
    const measure = formatMeasure(metric, layout.value[i]!);
    const cost = metric !== 'cost' ? ` · subtree cost ${formatCost(layout.cost[i]!)}` : '';
    return `${measure} = ${formatPercent(ofView)} of view${ofParent !== null ? `, ${formatPercent(ofParent)} of parent` : ''}${cost}`;
  };

  const metricButton = (m: FlameMetric, label: string) => (
    <ToolbarButton
      key={m}
      label={label}
      title={`Width by ${label.toLowerCase()}`}
      active={metric === m}
      onClick={() => setMetric(m)}
      testId={`flame-metric-${m}`}
    />
  );
  return (
    <div
      style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}
      data-testid="flamegraph-view"
    >
      <ViewToolbar>
        <ToolbarText muted>Width</ToolbarText>
        {metricButton('time', 'Time')}
        {metricButton('tokens', 'Tokens')}
        {metricButton('cost', 'Cost')}
        <ToolbarSeparator />
        <ToolbarText muted>Colour</ToolbarText>
        <ToolbarButton
          label="Type"
          title="Colour by span type"
          active={colouring === 'type'}
          onClick={() => setColouring('type')}
          testId="flame-colour-type"
        />
        <ToolbarButton
          label="Cost heat"
          title="Colour by subtree cost"
          active={colouring === 'cost'}
          onClick={() => setColouring('cost')}
          testId="flame-colour-cost"
        />
        {colouring === 'cost' && layout ? (
          <span
            style={{ display: 'flex', alignItems: 'center', gap: 4, color: 'var(--fg-faint)' }}
            data-testid="flame-legend"
          >
            $0
            <span
              style={{ width: 90, height: 8, borderRadius: 2, background: heatLegendCss(colors.theme) }}
            />
            {formatCost(layout.cost[0]!)}
          </span>
        ) : null}
      </ViewToolbar>
      <div
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 4,
          minHeight: 24,
          padding: '0 8px',
          borderBottom: '1px solid var(--border)',
          fontSize: 12,
        }}
      >
        <span style={{ color: 'var(--fg-faint)', flex: 'none' }}>Zoomed to</span>
        <span
          style={{ display: 'flex', alignItems: 'center', minWidth: 0, overflow: 'hidden', flexWrap: 'wrap' }}
          aria-label="Zoomed subtree"
          data-testid="flame-breadcrumb"
        >
          {breadcrumb.map((n, i) => (
            <span key={n.span.spanId} style={{ display: 'flex', alignItems: 'center', minWidth: 0 }}>
              {i > 0 ? <span style={{ color: 'var(--fg-faint)', padding: '0 2px' }}>›</span> : null}
              {i === breadcrumb.length - 1 ? (
                <span style={{ ...crumb, color: 'var(--fg)', cursor: 'default' }}>{n.span.name}</span>
              ) : (
                <button
                  type="button"
                  style={crumb}
                  onClick={() => zoomInto(n.span.spanId)}
                  title={`Zoom out to ${n.span.name}`}
                >
                  {n.span.name}
                </button>
              )}
            </span>
          ))}
        </span>
        <span style={{ flex: '1 1 auto' }} />
        <span style={{ color: 'var(--fg-faint)', flex: 'none' }}>Click to zoom in · Esc out</span>
      </div>
      <div
        ref={bodyRef}
        tabIndex={0}
        onKeyDown={onKeyDown}
        aria-label="Flame graph"
        style={{
          position: 'relative',
          flex: '1 1 auto',
          minHeight: 0,
          overflow: 'hidden',
          outlineOffset: -2,
        }}
      >
        <canvas
          ref={canvasRef}
          style={{ position: 'absolute', inset: 0, width: size.width, height: size.height }}
          data-testid="flamegraph-canvas"
          onMouseMove={onMouseMove}
          onMouseLeave={() => {
            view.current.hoverIndex = -1;
            hover.set(null);
            requestDraw();
          }}
          onClick={onClick}
        />
        <SpanTooltip store={hover} traceStart={tree.startTime} now={liveNow} extra={share} />
      </div>
    </div>
  );
}
