// Where the flame graph's cells are, shared by drawing and hit testing so a click lands on what
// was drawn, and the scroll range they span.
import type { FlameLayout, FlameMetric } from '../../model/flameLayout.ts';
import { formatCost, formatDuration, formatTokens } from '../../lib/format.ts';

export const FLAME_ROW = 20;
export const FLAME_PAD = 8;

/** What placing a cell depends on: the view's width, its scroll and the layout. */
export interface FlameViewport {
  widthPx: number;
  scrollTop: number;
  layout: FlameLayout;
}

export function formatMeasure(metric: FlameMetric, value: number): string {
  return metric === 'time'
    ? formatDuration(value)
    : metric === 'tokens'
      ? formatTokens(value)
      : formatCost(value);
}

export function cellRect(s: FlameViewport, i: number) {
  const w = s.widthPx - FLAME_PAD * 2;
  return {
    x: FLAME_PAD + s.layout.x0[i]! * w,
    w: (s.layout.x1[i]! - s.layout.x0[i]!) * w,
    y: FLAME_PAD + s.layout.depth[i]! * FLAME_ROW - s.scrollTop,
  };
}

/** The height of every row below the focus, with the padding above and below. */
export function flameContentHeight(layout: FlameLayout | null): number {
  return layout ? (layout.maxDepth + 1) * FLAME_ROW + FLAME_PAD * 2 : 0;
}

/** A scroll offset kept between the top and the last row's bottom edge. */
export function clampFlameScroll(top: number, contentHeight: number, viewHeight: number): number {
  return Math.max(0, Math.min(top, contentHeight - viewHeight));
}

/** Index of the cell under (x, y), or -1: walk down from the focus, one child per row. */
export function flameHit(
  s: FlameViewport,
  index: ReadonlyMap<string, number>,
  px: number,
  py: number,
): number {
  const depth = Math.floor((py + s.scrollTop - FLAME_PAD) / FLAME_ROW);
  if (depth < 0 || s.layout.nodes.length === 0) return -1;
  let i = 0;
  // Cells narrower than a pixel are still one pixel wide on screen (the raster draws them so).
  const inside = (j: number) => {
    const { x, w } = cellRect(s, j);
    return w > 0 && px >= x && px < x + Math.max(w, 1);
  };
  if (!inside(0)) return -1;
  for (let d = 0; d < depth; d++) {
    const next = s.layout.nodes[i]!.children.map((c) => index.get(c.span.spanId) ?? -1).find(
      (j) => j >= 0 && inside(j),
    );
    if (next === undefined) return -1;
    i = next;
  }
  return i;
}
