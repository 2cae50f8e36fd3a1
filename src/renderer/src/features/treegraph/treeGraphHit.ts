// What is under the pointer in the tree graph, in screen px: a card's open/close pill first
// (it overlaps the card's right edge), then the card.
import type { ZoomTransform } from 'd3';
import type { GraphLayout, GraphMetrics, GraphNode } from '../../model/treeGraphLayout.ts';
import { insideRect, withinSpan } from '../../components/canvas/hitTest.ts';
import { formatCount } from '../../lib/format.ts';

export const TOGGLE_RADIUS = 9;
/** No text on the tree graph is drawn smaller than this on screen (CSS px). */
export const MIN_TEXT_PX = 10;

/** A font size in layout units: `px` at 1:1, but never under 10 px on screen at zoom k. */
export function atLeastReadable(px: number, k: number): number {
  return Math.max(px, MIN_TEXT_PX / k);
}

export interface ToggleGeometry {
  label: string;
  fontPx: number;
  radius: number;
  width: number;
}

/**
 * The open/close pill on a card's right edge, in layout units: "−" when open, "+N" (hidden
 * spans) when closed. Far out it grows so its label stays 10 px on screen; painting and hit
 * testing share it, so what is drawn is what is clicked.
 */
export function toggleGeometry(g: GraphNode, k: number): ToggleGeometry {
  const fontPx = atLeastReadable(10, k);
  const radius = Math.max(TOGGLE_RADIUS, (0.9 * MIN_TEXT_PX) / k);
  const label = g.collapsed ? `+${formatCount(g.hiddenCount)}` : '−';
  // About 0.65 em a character at weight 600, and half an em of padding each side.
  const width = g.collapsed ? Math.max(radius * 2, fontPx * (0.65 * label.length + 1)) : radius * 2;
  return { label, fontPx, radius, width };
}

export type TreeHit = { kind: 'toggle' | 'card'; index: number } | null;

export interface TreeHitViewport {
  transform: ZoomTransform;
  layout: GraphLayout;
  metrics: GraphMetrics;
}

export function treeGraphHit(s: TreeHitViewport, px: number, py: number): TreeHit {
  const x = s.transform.invertX(px);
  const y = s.transform.invertY(py);
  const { cardWidth: w, cardHeight: h } = s.metrics;
  for (let i = 0; i < s.layout.nodes.length; i++) {
    const g = s.layout.nodes[i]!;
    if (y < g.y - h / 2 - 2 || y > g.y + h / 2 + 2) continue;
    if (g.node.children.length > 0) {
      const pill = toggleGeometry(g, s.transform.k);
      const pillLeft = g.x + w - pill.radius;
      if (
        withinSpan(x, pillLeft, pillLeft + pill.width) &&
        withinSpan(y, g.y - pill.radius, g.y + pill.radius, 1)
      )
        return { kind: 'toggle', index: i };
    }
    if (insideRect(x, y, { x: g.x, y: g.y - h / 2, width: w, height: h })) return { kind: 'card', index: i };
  }
  return null;
}
