// The tree graph's controller: which subtrees are open, the layout, the zoom transform, hover,
// and the frame loop that paints them. Deep (depth ≥ 4) and wide (> 20 children) subtrees start
// closed; opening them here does not change the other views' collapse state, while closing a
// span here does (the shared state).
import { useCallback, useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import { zoomTransform } from 'd3';
import type { TraceViewProps } from '../../components/traceViewProps.ts';
import { useThemeColors } from '../../state/useThemeColors.ts';
import { GRAPH_METRICS, autoCollapsedIds, layoutTreeGraph } from '../../model/treeGraphLayout.ts';
import { hasRunningSpans } from '../../model/spanTiming.ts';
import { ancestorIds } from '../../model/traceTree.ts';
import { prepareCanvas } from '../../components/canvas/canvasKit.ts';
import { createHoverStore } from '../../components/canvas/hoverStore.ts';
import { useFrameLoop } from '../../components/canvas/useFrameLoop.ts';
import { useViewSize } from '../../components/canvas/useViewSize.ts';
import { publishTreeGraphDebug } from './treeGraphDebug.ts';
import { renderTreeGraph } from './renderTreeGraph.ts';
import {
  cardOffScreen,
  centreTransform,
  readableFitTransform,
  selectionFitTransform,
} from './treeGraphView.ts';
import { useGraphZoom } from './useGraphZoom.ts';

export function useTreeGraph(props: TraceViewProps) {
  const { tree, selectedSpanId, collapsed, onToggleCollapse, searchMatches, now } = props;
  const colors = useThemeColors();
  const bodyRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const size = useViewSize(bodyRef);
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
    const painted = renderTreeGraph(ctx, {
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
    publishTreeGraphDebug(canvas, layout, indexById, painted);
  };
  const requestDraw = useFrameLoop('treegraph', draw);
  useEffect(requestDraw);
  const zoom = useGraphZoom(canvasRef, requestDraw);

  /**
   * The card showing a span: its own; 'waiting' while closed-by-default subtrees hiding it are
   * still to be opened; else the nearest shown ancestor's (the user closed one on its way).
   */
  const shownCardOf = (spanId: string): number | 'waiting' | undefined => {
    const own = indexById.get(spanId);
    if (own !== undefined) return own;
    const ancestors = ancestorIds(tree, spanId);
    if (ancestors.some((id) => auto.has(id) && !openedHere.has(id) && !collapsed.has(id))) return 'waiting';
    for (const id of ancestors) {
      const i = indexById.get(id);
      if (i !== undefined) return i;
    }
    return undefined;
  };

  const fit = useCallback(
    (animate: boolean) => zoom.apply(readableFitTransform(layout, size.width, size.height), animate),
    [zoom, layout, size],
  );
  const centreOn = useCallback(
    (spanId: string | null, animate: boolean) => {
      const i = spanId === null ? undefined : indexById.get(spanId);
      if (i === undefined || !canvasRef.current) return;
      zoom.apply(centreTransform(layout.nodes[i]!, zoom.current().k, size.width, size.height), animate);
    },
    [zoom, indexById, layout, size],
  );

  // First sight of a trace is Fit's view (the whole graph, or its first levels whole at a
  // readable size), unless the trace opens at a span: then Fit's scale, panned to show that
  // card and the chain of parents leading to it. A span in a closed-by-default subtree is
  // first opened (revealSelection does that), so this waits for the layout that shows it.
  // Fit itself always shows the overview, as DevTools' fit does; "Centre on selection" (F)
  // brings the selected span back.
  // An effect event: it reads the latest selection, but runs only when the layout or size change.
  const firstSight = useEffectEvent((roots: unknown, width: number) => {
    if (width <= 0 || fitted.current === roots || layout.nodes.length === 0) return;
    const opening = selectedSpanId !== null && tree.byId.has(selectedSpanId);
    const at = opening ? shownCardOf(selectedSpanId) : undefined;
    if (opening && at === 'waiting') return;
    fitted.current = roots;
    if (at === undefined || at === 'waiting')
      zoom.apply(readableFitTransform(layout, size.width, size.height), false);
    else {
      const chain = ancestorIds(tree, layout.nodes[at]!.node.span.spanId)
        .map((id) => indexById.get(id))
        .filter((i) => i !== undefined);
      zoom.apply(selectionFitTransform(layout, at, chain, size.width, size.height), false);
    }
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new layout or size may be the first one that can be shown.
  useEffect(() => firstSight(tree.roots, size.width), [layout, size, tree.roots]);

  // A selection made elsewhere opens the closed-by-default subtrees hiding it and comes into view.
  // An effect event: it reads the latest layout and size but runs only when the selection changes.
  const revealSelection = useEffectEvent((selectedSpanId: string | null) => {
    if (selectedSpanId === null || !tree.byId.has(selectedSpanId)) return;
    const i = indexById.get(selectedSpanId);
    if (i === undefined) {
      const hidden = ancestorIds(tree, selectedSpanId).filter((id) => auto.has(id) && !openedHere.has(id));
      if (hidden.length > 0) setOpenedHere((s) => new Set([...s, ...hidden]));
      return;
    }
    if (!canvasRef.current || size.width <= 0) return;
    if (cardOffScreen(zoom.current(), layout.nodes[i]!, size.width, size.height))
      centreOn(selectedSpanId, true);
  });
  useEffect(() => revealSelection(selectedSpanId), [selectedSpanId]);

  /** Open or close a card: spans closed by the default rule open here only; others use the shared state. */
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

  return {
    tree,
    bodyRef,
    canvasRef,
    size,
    hover,
    hoverIndex,
    liveNow,
    layout,
    zoom,
    openedHere,
    resetOpened: () => setOpenedHere(new Set()),
    isCollapsed,
    toggle,
    fit,
    centreOn,
    requestDraw,
  };
}

export type TreeGraphController = ReturnType<typeof useTreeGraph>;
