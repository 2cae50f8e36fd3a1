// Viewport maths for the tree graph: the transform that fits the whole layout, and the one a
// trace opens with.
import { zoomIdentity } from 'd3';
import type { ZoomTransform } from 'd3';
import { GRAPH_METRICS, type GraphLayout } from '../../model/treeGraphLayout.ts';
import { TEXT_MIN_SCALE } from './renderTreeGraph.ts';

const MARGIN = 32;

/** Scale and translation showing the whole layout centred, never enlarged past `maxScale`. */
export function fitTransform(
  layout: GraphLayout,
  widthPx: number,
  heightPx: number,
  maxScale = 1,
): ZoomTransform {
  const w = layout.maxX - layout.minX + 24; // room for the +N pill on the right edge
  const h = layout.maxY - layout.minY;
  if (w <= 0 || h <= 0 || widthPx <= 0 || heightPx <= 0) return zoomIdentity;
  const k = Math.min(maxScale, (widthPx - MARGIN * 2) / w, (heightPx - MARGIN * 2) / h);
  const x = (widthPx - w * k) / 2 - layout.minX * k;
  const y = (heightPx - h * k) / 2 - layout.minY * k;
  return zoomIdentity.translate(x, y).scale(Math.max(k, 0.02));
}

/** Room on the right of a column for a card's open/close pill. */
const PILL_ROOM = 24;

/**
 * Fit, and a trace's first sight: the whole graph when its names stay readable (TEXT_MIN_SCALE,
 * names at 10 px); otherwise, as DevTools does, the first levels at a readable scale, whole
 * columns only, and the user pans for the rest. The view starts at the roots' column and ends
 * where the next column begins, so no card is cut by the right edge (the links running out of
 * the view say there is more); the roots and their children fit the height when they can.
 * Never enlarged past `maxScale`.
 */
export function readableFitTransform(
  layout: GraphLayout,
  widthPx: number,
  heightPx: number,
  maxScale = 1,
): ZoomTransform {
  const whole = fitTransform(layout, widthPx, heightPx, maxScale);
  if (whole.k >= TEXT_MIN_SCALE || layout.nodes.length === 0 || widthPx <= 0 || heightPx <= 0) return whole;
  const margin = Math.min(MARGIN, widthPx * 0.05);
  const columns = columnsOf(layout);
  const left = columns[0]!.x;
  // The roots and their children fit the height when a readable scale allows it.
  const firstLevels = spanY(columns, 0, Math.min(1, columns.length - 1));
  const kHeight = (heightPx - margin * 2) / (firstLevels.maxY - firstLevels.minY);
  const cap = Math.min(maxScale, Math.max(kHeight, TEXT_MIN_SCALE));
  // The most columns whose width fits at a readable scale.
  let last = 0;
  for (let d = columns.length - 1; d > 0; d--) {
    if ((widthPx - margin * 2) / (rightOf(columns, d) - left) >= TEXT_MIN_SCALE) {
      last = d;
      break;
    }
  }
  let k = Math.max(TEXT_MIN_SCALE, Math.min(cap, (widthPx - margin * 2) / (rightOf(columns, last) - left)));
  k = clearNextColumn(columns, 0, last, k, widthPx, margin, maxScale);
  // Vertically: the shown columns centred when they fit, else the first root centred, without
  // empty space above the top card or below the bottom one.
  const { minY, maxY } = spanY(columns, 0, last);
  let y: number;
  if ((maxY - minY) * k <= heightPx - margin * 2) y = (heightPx - (maxY - minY) * k) / 2 - minY * k;
  else {
    const centred = heightPx / 2 - layout.nodes[0]!.y * k;
    y = Math.min(margin - minY * k, Math.max(heightPx - margin - maxY * k, centred));
  }
  return zoomIdentity.translate(margin - left * k, y).scale(k);
}

/**
 * First sight of a trace opened at a span (`&span=` in the URL, or a span selected in another
 * view before switching to the tree), as DevTools reveals a selected node: Fit's view when it
 * shows the card whole; otherwise Fit's readable scale (never smaller), panned so the selected
 * card is whole and its parent chain leads to it from the left: the view starts at the
 * left-most ancestor column that still fits with it, whole columns only, and the chain's cards
 * are centred vertically (or the selected card, when the chain is taller than the view).
 * `chain` is the selected card's index and its shown ancestors' indexes, in any order.
 */
export function selectionFitTransform(
  layout: GraphLayout,
  selected: number,
  chain: readonly number[],
  widthPx: number,
  heightPx: number,
  maxScale = 1,
): ZoomTransform {
  const fit = readableFitTransform(layout, widthPx, heightPx, maxScale);
  const card = layout.nodes[selected];
  if (card === undefined || widthPx <= 0 || heightPx <= 0) return fit;
  if (!cardCut(fit, card, widthPx, heightPx)) return fit;
  const margin = Math.min(MARGIN, widthPx * 0.05);
  const columns = columnsOf(layout);
  const depth = card.node.depth;
  const k0 = fit.k;
  const room = widthPx - margin * 2;
  // The left-most column from which the selected card's column still fits whole at k0.
  let first = depth;
  while (first > 0 && (rightOf(columns, depth) - columns[first - 1]!.x) * k0 <= room) first--;
  // Then as many columns past it (its children) as fit too.
  let last = depth;
  while (last + 1 < columns.length && (rightOf(columns, last + 1) - columns[first]!.x) * k0 <= room) last++;
  const left = columns[first]!.x;
  const k = clearNextColumn(columns, first, last, k0, widthPx, margin, maxScale);
  // Vertically: the chain's cards in the shown columns, centred; the selected card if taller.
  let minY = card.y - GRAPH_METRICS.cardHeight / 2;
  let maxY = card.y + GRAPH_METRICS.cardHeight / 2;
  for (const i of chain) {
    const g = layout.nodes[i];
    if (g === undefined || g.node.depth < first) continue;
    minY = Math.min(minY, g.y - GRAPH_METRICS.cardHeight / 2);
    maxY = Math.max(maxY, g.y + GRAPH_METRICS.cardHeight / 2);
  }
  const y =
    (maxY - minY) * k <= heightPx - margin * 2
      ? heightPx / 2 - ((minY + maxY) / 2) * k
      : heightPx / 2 - card.y * k;
  return zoomIdentity.translate(margin - left * k, y).scale(k);
}

/** Columns (one per depth): their left x and the vertical extent of their cards. */
function columnsOf(layout: GraphLayout): Column[] {
  const { cardHeight } = GRAPH_METRICS;
  const columns: Column[] = [];
  for (const g of layout.nodes) {
    columns[g.node.depth] ??= { x: g.x, minY: Infinity, maxY: -Infinity };
    const c = columns[g.node.depth]!;
    c.minY = Math.min(c.minY, g.y - cardHeight / 2);
    c.maxY = Math.max(c.maxY, g.y + cardHeight / 2);
  }
  return columns;
}

type Column = { x: number; minY: number; maxY: number };

/** Where a column's cards end, with room for their open/close pill. */
const rightOf = (columns: readonly Column[], d: number) =>
  columns[d]!.x + GRAPH_METRICS.cardWidth + PILL_ROOM;

/** The vertical extent of the cards in columns `from` to `to`. */
function spanY(columns: readonly Column[], from: number, to: number) {
  let minY = Infinity;
  let maxY = -Infinity;
  for (let d = from; d <= to; d++) {
    minY = Math.min(minY, columns[d]!.minY);
    maxY = Math.max(maxY, columns[d]!.maxY);
  }
  return { minY, maxY };
}

/**
 * The column after `last` must start at or past the right edge, not be cut by it: zoom in until
 * it does (the shown columns stay whole, since each ends before the next begins).
 */
function clearNextColumn(
  columns: readonly Column[],
  first: number,
  last: number,
  k: number,
  widthPx: number,
  margin: number,
  maxScale: number,
): number {
  const next = columns[last + 1];
  const left = columns[first]!.x;
  if (next !== undefined && margin + (next.x - left) * k < widthPx)
    return Math.min(maxScale, (widthPx - margin) / (next.x - left));
  return k;
}

/** True when any part of the card is outside the view. */
function cardCut(t: ZoomTransform, card: { x: number; y: number }, widthPx: number, heightPx: number) {
  const { cardWidth, cardHeight } = GRAPH_METRICS;
  const sx = t.applyX(card.x);
  const top = t.applyY(card.y - cardHeight / 2);
  return sx < 0 || sx + cardWidth * t.k > widthPx || top < 0 || top + cardHeight * t.k > heightPx;
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
