// What is under the pointer in the tree graph, in screen px: a card's open/close pill first
// (it overlaps the card's right edge), then the card.
import type { ZoomTransform } from 'd3';
import type { GraphLayout, GraphMetrics, GraphNode } from '../../model/treeGraphLayout.ts';
import { insideRect, withinSpan } from '../../components/canvas/hitTest.ts';

export const TOGGLE_RADIUS = 9;

export type TreeHit = { kind: 'toggle' | 'card'; index: number } | null;

export interface TreeHitViewport {
  transform: ZoomTransform;
  layout: GraphLayout;
  metrics: GraphMetrics;
}

/** The pill's width grows with its "+N" label when the card is closed. */
function pillWidth(g: GraphNode): number {
  return g.collapsed ? Math.max(TOGGLE_RADIUS * 2, 8 * String(g.hiddenCount).length + 18) : TOGGLE_RADIUS * 2;
}

export function treeGraphHit(s: TreeHitViewport, px: number, py: number): TreeHit {
  const x = s.transform.invertX(px);
  const y = s.transform.invertY(py);
  const { cardWidth: w, cardHeight: h } = s.metrics;
  for (let i = 0; i < s.layout.nodes.length; i++) {
    const g = s.layout.nodes[i]!;
    if (y < g.y - h / 2 - 2 || y > g.y + h / 2 + 2) continue;
    if (g.node.children.length > 0) {
      const pillLeft = g.x + w - TOGGLE_RADIUS;
      if (
        withinSpan(x, pillLeft, pillLeft + pillWidth(g)) &&
        withinSpan(y, g.y - TOGGLE_RADIUS, g.y + TOGGLE_RADIUS, 1)
      )
        return { kind: 'toggle', index: i };
    }
    if (insideRect(x, y, { x: g.x, y: g.y - h / 2, width: w, height: h })) return { kind: 'card', index: i };
  }
  return null;
}
