// The execution tree as a node-link graph (d3-hierarchy tidy tree, left to right) on a canvas
// that d3-zoom pans and zooms. Deep (depth ≥ 4) and wide (> 20 children) subtrees start closed
// with a "+N" badge; opening them here does not change the other views' collapse state, while
// closing a span here does (the shared state).
import { useCallback, useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent as ReactKeyboardEvent, MouseEvent as ReactMouseEvent } from 'react';
import { select, zoom as d3zoom, zoomIdentity, zoomTransform } from 'd3';
import type { ZoomBehavior, ZoomTransform } from 'd3';
import type { TraceViewProps } from '../../components/traceViewProps.ts';
import { useThemeColors } from '../../state/useThemeColors.ts';
import { GRAPH_METRICS, autoCollapsedIds, layoutTreeGraph } from '../../model/treeGraphLayout.ts';
import { hasRunningSpans } from '../../model/spanTiming.ts';
import { ancestorIds } from '../../model/traceTree.ts';
import { formatCount, formatCounted } from '../../lib/format.ts';
import { prepareCanvas } from '../../components/canvas/canvasKit.ts';
import { viewDebug } from '../../components/canvas/debugHook.ts';
import { createHoverStore } from '../../components/canvas/hoverStore.ts';
import { SpanTooltip } from '../../components/canvas/SpanTooltip.tsx';
import { useFrameLoop } from '../../components/canvas/useFrameLoop.ts';
import { useViewSize } from '../../components/canvas/useViewSize.ts';
import { ToolbarButton, ToolbarText, ViewToolbar } from '../../components/canvas/ViewToolbar.tsx';
import { renderTreeGraph, treeGraphHit } from './renderTreeGraph.ts';
import { firstSightTransform, fitTransform } from './treeGraphView.ts';

export function TreeGraphView(props: TraceViewProps) {
  const { tree, selectedSpanId, onSelectSpan, collapsed, onToggleCollapse, searchMatches, now } = props;
  const colors = useThemeColors();
  const bodyRef = useRef<HTMLDivElement>(null);
  const size = useViewSize(bodyRef);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const zoomRef = useRef<ZoomBehavior<HTMLCanvasElement, unknown> | null>(null);
  const hover = useMemo(createHoverStore, []);
  const hoverIndex = useRef(-1);
  const fitted = useRef<unknown>(null);
  // Spans opened here although the default rule closes them; reset per trace.
  const [openedHere, setOpenedHere] = useState<ReadonlySet<string>>(new Set());
  const auto = useMemo(() => autoCollapsedIds(tree), [tree]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new set of roots is a new trace, whose opened spans start empty.
  useEffect(() => setOpenedHere(new Set()), [tree.roots]);

  const isCollapsed = useCallback(
    (id: string) => collapsed.has(id) || (auto.has(id) && !openedHere.has(id)),
    [collapsed, auto, openedHere],
  );
  const layout = useMemo(() => layoutTreeGraph(tree, isCollapsed), [tree, isCollapsed]);
  const indexById = useMemo(() => new Map(layout.nodes.map((g, i) => [g.node.span.spanId, i])), [layout]);
  const running = useMemo(() => hasRunningSpans(tree), [tree]);
  const liveNow = running ? now : tree.endTime;

  const draw = () => {
    const canvas = canvasRef.current;
    if (!canvas || size.width <= 0 || size.height <= 0) return;
    const ctx = prepareCanvas(canvas, size.width, size.height);
    if (!ctx) return;
    const transform = zoomTransform(canvas);
    const drawn = renderTreeGraph(ctx, {
      widthPx: size.width,
      heightPx: size.height,
      transform,
      layout,
      metrics: GRAPH_METRICS,
      selectedId: selectedSpanId,
      hoverIndex: hoverIndex.current,
      searchMatches,
      colors,
      now: liveNow,
    });
    const debug = viewDebug('treegraph');
    debug.nodeCount = layout.nodes.length;
    debug.drawnCount = drawn;
    debug.scale = transform.k;
    debug.collapsedIds = layout.nodes.filter((g) => g.collapsed).map((g) => g.node.span.spanId);
    debug.nodeRect = (spanId: string) => {
      const i = indexById.get(spanId);
      if (i === undefined) return null;
      const g = layout.nodes[i]!;
      const box = canvas.getBoundingClientRect();
      const t = zoomTransform(canvas);
      const h = GRAPH_METRICS.cardHeight;
      return {
        x: box.left + t.applyX(g.x),
        y: box.top + t.applyY(g.y - h / 2),
        width: GRAPH_METRICS.cardWidth * t.k,
        height: h * t.k,
      };
    };
  };
  const requestDraw = useFrameLoop('treegraph', draw);
  useEffect(requestDraw);

  const applyTransform = useCallback((t: ZoomTransform, animate: boolean) => {
    const canvas = canvasRef.current;
    if (!canvas || !zoomRef.current) return;
    if (animate) select(canvas).transition().duration(250).call(zoomRef.current.transform, t);
    else select(canvas).call(zoomRef.current.transform, t);
  }, []);
  const fit = useCallback(
    (animate: boolean) => applyTransform(fitTransform(layout, size.width, size.height), animate),
    [applyTransform, layout, size],
  );
  const centreOn = useCallback(
    (spanId: string | null, animate: boolean) => {
      const i = spanId === null ? undefined : indexById.get(spanId);
      const canvas = canvasRef.current;
      if (i === undefined || !canvas) return;
      const g = layout.nodes[i]!;
      const k = Math.max(zoomTransform(canvas).k, 0.8);
      const cx = g.x + GRAPH_METRICS.cardWidth / 2;
      applyTransform(
        zoomIdentity.translate(size.width / 2 - cx * k, size.height / 2 - g.y * k).scale(k),
        animate,
      );
    },
    [applyTransform, indexById, layout, size],
  );

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const z = d3zoom<HTMLCanvasElement, unknown>()
      .scaleExtent([0.02, 2.5])
      .clickDistance(4)
      .on('zoom', () => requestDraw());
    zoomRef.current = z;
    select(canvas).call(z).on('dblclick.zoom', null);
    return () => {
      select(canvas).on('.zoom', null);
      zoomRef.current = null;
    };
  }, [requestDraw]);

  // First sight of a trace: fit it, or when fitting would shrink the cards past reading, show
  // the root and its children at a readable size.
  useEffect(() => {
    if (size.width <= 0 || fitted.current === tree.roots || layout.nodes.length === 0) return;
    fitted.current = tree.roots;
    applyTransform(firstSightTransform(layout, size.width, size.height), false);
  }, [layout, size, tree.roots, applyTransform]);

  // A selection made elsewhere opens the closed-by-default subtrees hiding it and comes into view.
  // An effect event: it reads the latest layout and size but runs only when the selection changes.
  const revealSelection = useEffectEvent((selectedSpanId: string | null) => {
    if (selectedSpanId === null || !tree.byId.has(selectedSpanId)) return;
    if (!indexById.has(selectedSpanId)) {
      const hidden = ancestorIds(tree, selectedSpanId).filter((id) => auto.has(id) && !openedHere.has(id));
      if (hidden.length > 0) setOpenedHere((s) => new Set([...s, ...hidden]));
      return;
    }
    const canvas = canvasRef.current;
    const i = indexById.get(selectedSpanId)!;
    if (!canvas || size.width <= 0) return;
    const t = zoomTransform(canvas);
    const g = layout.nodes[i]!;
    const sx = t.applyX(g.x);
    const sy = t.applyY(g.y);
    if (sx < 0 || sx + GRAPH_METRICS.cardWidth * t.k > size.width || sy < 0 || sy > size.height)
      centreOn(selectedSpanId, true);
  });
  useEffect(() => revealSelection(selectedSpanId), [selectedSpanId]);

  const toggle = (spanId: string) => {
    if (collapsed.has(spanId)) onToggleCollapse(spanId);
    else if (auto.has(spanId)) {
      setOpenedHere((s) => {
        const next = new Set(s);
        if (next.has(spanId)) next.delete(spanId);
        else next.add(spanId);
        return next;
      });
    } else onToggleCollapse(spanId);
  };

  const hitAt = (e: ReactMouseEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const x = e.clientX - box.left;
    const y = e.clientY - box.top;
    return {
      hit: treeGraphHit({ transform: zoomTransform(e.currentTarget), layout, metrics: GRAPH_METRICS }, x, y),
      x,
      y,
    };
  };
  const onMouseMove = (e: ReactMouseEvent<HTMLCanvasElement>) => {
    if (e.buttons !== 0) return;
    const { hit, x, y } = hitAt(e);
    const index = hit?.index ?? -1;
    if (index !== hoverIndex.current) {
      hoverIndex.current = index;
      requestDraw();
    }
    const node = hit?.kind === 'card' ? layout.nodes[hit.index]!.node : null;
    hover.set(node ? { node, x, y, boundsW: size.width, boundsH: size.height } : null);
    e.currentTarget.style.cursor = hit ? 'pointer' : 'grab';
  };
  const onClick = (e: ReactMouseEvent<HTMLCanvasElement>) => {
    bodyRef.current?.focus({ preventScroll: true });
    const { hit } = hitAt(e);
    if (hit === null) return;
    const id = layout.nodes[hit.index]!.node.span.spanId;
    if (hit.kind === 'toggle') toggle(id);
    else onSelectSpan(id);
  };
  const onKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    const node = selectedSpanId ? tree.byId.get(selectedSpanId) : undefined;
    const siblings = node ? (node.parent ? node.parent.children : tree.roots) : [];
    const at = node ? siblings.indexOf(node) : -1;
    const go = (id: string | undefined) => id !== undefined && onSelectSpan(id);
    switch (e.key) {
      case 'ArrowLeft':
        go(node?.parent?.span.spanId);
        break;
      case 'ArrowRight':
        if (node && node.children.length > 0) {
          if (isCollapsed(node.span.spanId)) toggle(node.span.spanId);
          else go(node.children[0]!.span.spanId);
        }
        break;
      case 'ArrowUp':
        go(siblings[at - 1]?.span.spanId);
        break;
      case 'ArrowDown':
        go(node ? siblings[at + 1]?.span.spanId : tree.roots[0]?.span.spanId);
        break;
      case 'Enter':
      case ' ':
        if (node && node.children.length > 0) toggle(node.span.spanId);
        break;
      case 'f':
      case 'F':
        centreOn(selectedSpanId, true);
        break;
      case '0':
        fit(true);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const hiddenTotal = layout.nodes.reduce((sum, g) => sum + g.hiddenCount, 0);
  return (
    <div
      style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}
      data-testid="treegraph-view"
    >
      <ViewToolbar>
        <ToolbarButton label="Fit" title="Fit the whole graph (0)" onClick={() => fit(true)} />
        <ToolbarButton
          label="Centre on selection"
          title="Centre on the selected span (F)"
          disabled={selectedSpanId === null}
          onClick={() => centreOn(selectedSpanId, true)}
        />
        <ToolbarButton
          label="Collapse to default"
          title="Close the deep and wide subtrees again"
          onClick={() => setOpenedHere(new Set())}
          disabled={openedHere.size === 0}
        />
        <ToolbarText grow>
          {formatCount(layout.nodes.length)} of {formatCounted(tree.byId.size, 'span')} shown
          {hiddenTotal > 0 ? ` · ${formatCount(hiddenTotal)} in closed subtrees` : ''}
        </ToolbarText>
        <ToolbarText muted hint>
          Scroll to zoom · drag to pan · click +N to open · ←→↑↓ move · Enter toggle · F centre
        </ToolbarText>
      </ViewToolbar>
      <div
        ref={bodyRef}
        tabIndex={0}
        onKeyDown={onKeyDown}
        aria-label="Execution tree graph"
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
          data-testid="treegraph-canvas"
          onMouseMove={onMouseMove}
          onMouseLeave={() => {
            hoverIndex.current = -1;
            hover.set(null);
            requestDraw();
          }}
          onClick={onClick}
        />
        <SpanTooltip store={hover} traceStart={tree.startTime} now={liveNow} />
      </div>
    </div>
  );
}
