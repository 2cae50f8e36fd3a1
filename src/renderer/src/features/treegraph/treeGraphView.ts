// Viewport maths for the tree graph: the transform that fits the whole layout.
import { zoomIdentity } from 'd3';
import type { ZoomTransform } from 'd3';
import type { GraphLayout } from '../../model/treeGraphLayout.ts';

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
