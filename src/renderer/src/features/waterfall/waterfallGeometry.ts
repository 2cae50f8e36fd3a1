// Where things are on the waterfall canvas, shared by drawing and hit testing so a click always
// lands on what was drawn there.
import type { SpanNode } from '../../model/traceTree.ts';
import { maxIndentLevels as maxIndentLevelsFor } from '../../lib/indent.ts';

export const ROW_HEIGHT = 22;
export const RULER_HEIGHT = 24;
export const INDENT_PX = 12;
export const CHEVRON_WIDTH = 14;
export const BAR_INSET = 4;
export const TIMELINE_PAD_RIGHT = 12;
/** The row scrollbar lies over the canvas's right edge, this wide: text stops short of it. */
export const SCROLLBAR_WIDTH = 12;

export interface WaterfallLayout {
  widthPx: number;
  heightPx: number;
  labelWidth: number;
  /** Timeline pixel range (where d3-zoom's untransformed axis runs). */
  timelineLeft: number;
  timelineRight: number;
}

export function makeLayout(widthPx: number, heightPx: number, labelWidth: number): WaterfallLayout {
  const clamped = Math.max(120, Math.min(labelWidth, widthPx - 160));
  return {
    widthPx,
    heightPx,
    labelWidth: clamped,
    timelineLeft: clamped + 8,
    timelineRight: Math.max(clamped + 9, widthPx - TIMELINE_PAD_RIGHT),
  };
}

/** The rightmost x a label may reach on the rows: left of the scrollbar, with a pixel to spare. */
export function rowTextRight(layout: WaterfallLayout): number {
  return layout.widthPx - SCROLLBAR_WIDTH - 2;
}

/** Rows that fit below the ruler. */
export function rowsVisible(layout: WaterfallLayout): number {
  return Math.max(1, Math.floor((layout.heightPx - RULER_HEIGHT) / ROW_HEIGHT));
}

export function maxScrollTop(layout: WaterfallLayout, rowCount: number): number {
  return Math.max(0, rowCount * ROW_HEIGHT - (layout.heightPx - RULER_HEIGHT));
}

/** First and last (exclusive) row indexes on screen. */
export function rowRange(layout: WaterfallLayout, scrollTop: number, rowCount: number): [number, number] {
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT));
  const last = Math.min(rowCount, Math.ceil((scrollTop + layout.heightPx - RULER_HEIGHT) / ROW_HEIGHT));
  return [first, last];
}

export function rowTop(index: number, scrollTop: number): number {
  return RULER_HEIGHT + index * ROW_HEIGHT - scrollTop;
}

/** How many indent levels the label column shows before deeper rows stop moving right. */
export function maxIndentLevels(layout: WaterfallLayout): number {
  return maxIndentLevelsFor(layout.labelWidth, INDENT_PX);
}

export function indentPx(layout: WaterfallLayout, depth: number): number {
  return 6 + Math.min(depth, maxIndentLevels(layout)) * INDENT_PX;
}

export type WaterfallHit =
  | { kind: 'none' }
  | { kind: 'ruler' }
  | { kind: 'chevron'; row: number; node: SpanNode }
  | { kind: 'label'; row: number; node: SpanNode }
  | { kind: 'timeline'; row: number; node: SpanNode };

export function hitTest(
  layout: WaterfallLayout,
  rows: readonly SpanNode[],
  scrollTop: number,
  x: number,
  y: number,
): WaterfallHit {
  if (y < RULER_HEIGHT) return { kind: 'ruler' };
  const row = Math.floor((y - RULER_HEIGHT + scrollTop) / ROW_HEIGHT);
  const node = rows[row];
  if (node === undefined) return { kind: 'none' };
  if (x < layout.labelWidth) {
    const chevronX = indentPx(layout, node.depth);
    if (node.children.length > 0 && x >= chevronX - 2 && x < chevronX + CHEVRON_WIDTH + 2) {
      return { kind: 'chevron', row, node };
    }
    return { kind: 'label', row, node };
  }
  return { kind: 'timeline', row, node };
}
