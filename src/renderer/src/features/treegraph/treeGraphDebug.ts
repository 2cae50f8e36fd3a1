// What the tree graph shows, for browser tests and the benchmark (canvas pixels cannot be
// queried by selector): counts, scale, name size, closed cards and where a span's card is on screen.
import { zoomTransform } from 'd3';
import { viewDebug } from '../../components/canvas/debugHook.ts';
import { GRAPH_METRICS } from '../../model/treeGraphLayout.ts';
import type { GraphLayout } from '../../model/treeGraphLayout.ts';
import type { TreeFrameResult } from './renderTreeGraph.ts';

export function publishTreeGraphDebug(
  canvas: HTMLCanvasElement,
  layout: GraphLayout,
  indexById: ReadonlyMap<string, number>,
  painted: TreeFrameResult,
): void {
  const debug = viewDebug('treegraph');
  debug.nodeCount = layout.nodes.length;
  debug.drawnCount = painted.drawn;
  debug.nameScreenPx = painted.nameScreenPx;
  debug.scale = zoomTransform(canvas).k;
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
}
