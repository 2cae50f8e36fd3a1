// Viewport maths for the tree graph: the transform that fits the whole layout, and the one a
// trace opens with.
import { zoomIdentity } from 'd3';
import type { ZoomTransform } from 'd3';
import { GRAPH_METRICS, type GraphLayout } from '../../model/treeGraphLayout.ts';
import { TEXT_MIN_SCALE } from './renderTreeGraph.ts';

const MARGIN = 32;

/** Scale and translation showing the whole layout centred, never enlarged past 1:1. */
export function fitTransform(layout: GraphLayout, widthPx: number, heightPx: number): ZoomTransform {
  const w = layout.maxX - layout.minX + 24; // room for the +N pill on the right edge
  const h = layout.maxY - layout.minY;
  if (w <= 0 || h <= 0 || widthPx <= 0 || heightPx <= 0) return zoomIdentity;
  const k = Math.min(1, (widthPx - MARGIN * 2) / w, (heightPx - MARGIN * 2) / h);
  const x = (widthPx - w * k) / 2 - layout.minX * k;
  const y = (heightPx - h * k) / 2 - layout.minY * k;
  return zoomIdentity.translate(x, y).scale(Math.max(k, 0.02));
}

/** From this scale down the names shrink to their 10 px floor: a graph fitted larger reads as it is. */
export const READABLE_SCALE = 0.55;

/**
 * First sight of a trace: the whole graph when it stays readable; else the first root and its
 * children, whole, left-aligned (the graph reads on to the right) at up to 0.9 while the cards
 * still carry their names (TEXT_MIN_SCALE); else the whole graph, small but with nothing cut off.
 */
export function firstSightTransform(layout: GraphLayout, widthPx: number, heightPx: number): ZoomTransform {
  const whole = fitTransform(layout, widthPx, heightPx);
  if (whole.k >= READABLE_SCALE || layout.nodes.length === 0) return whole;
  const { cardWidth, cardHeight } = GRAPH_METRICS;
  const box = [0];
  for (let i = 0; i < layout.links.length; i += 2) if (layout.links[i] === 0) box.push(layout.links[i + 1]!);
  let minX = Infinity,
    maxX = -Infinity,
    minY = Infinity,
    maxY = -Infinity;
  for (const i of box) {
    const g = layout.nodes[i]!;
    minX = Math.min(minX, g.x);
    maxX = Math.max(maxX, g.x + cardWidth + 24);
    minY = Math.min(minY, g.y - cardHeight / 2);
    maxY = Math.max(maxY, g.y + cardHeight / 2);
  }
  const k = Math.min(0.9, (widthPx - MARGIN * 2) / (maxX - minX), (heightPx - MARGIN * 2) / (maxY - minY));
  if (k < TEXT_MIN_SCALE) return whole;
  return zoomIdentity.translate(MARGIN - minX * k, (heightPx - (maxY - minY) * k) / 2 - minY * k).scale(k);
}

/** Centres a card in the view at zoom `k` (at least 0.8, so a far-out graph zooms in to read it). */
export function centreTransform(
  card: { x: number; y: number },
  currentK: number,
  widthPx: number,
  heightPx: number,
): ZoomTransform {
  const k = Math.max(currentK, 0.8);
  const cx = card.x + GRAPH_METRICS.cardWidth / 2;
  return zoomIdentity.translate(widthPx / 2 - cx * k, heightPx / 2 - card.y * k).scale(k);
}

/** True when any part of the card's width, or its middle, is outside the view. */
export function cardOffScreen(
  t: ZoomTransform,
  card: { x: number; y: number },
  widthPx: number,
  heightPx: number,
): boolean {
  const sx = t.applyX(card.x);
  const sy = t.applyY(card.y);
  return sx < 0 || sx + GRAPH_METRICS.cardWidth * t.k > widthPx || sy < 0 || sy > heightPx;
}
