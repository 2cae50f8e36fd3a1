// What the waterfall shows, for browser tests and the render benchmark (canvas pixels cannot be
// queried by selector): the rows and window on screen, the range, and where a span's bar is.
import { viewDebug } from '../../components/canvas/debugHook.ts';
import type { RowLookup } from '../../model/rowLookup.ts';
import type { SpanNode } from '../../model/traceTree.ts';
import type { TimeRange } from '../../model/bottomUp.ts';
import { barExtent } from './renderWaterfall.ts';
import type { WaterfallFrameState } from './renderWaterfall.ts';
import { ROW_HEIGHT, rowTop } from './waterfallGeometry.ts';

export interface WaterfallDebugInput {
  frame: WaterfallFrameState;
  canvas: HTMLCanvasElement;
  rows: readonly SpanNode[];
  rowIndex: RowLookup;
  firstRow: number;
  lastRow: number;
  totalMs: number;
  range: TimeRange | null;
  highlightCount: number | null;
}

export function publishWaterfallDebug(d: WaterfallDebugInput): void {
  const { frame, rows, firstRow: first, lastRow: last } = d;
  const debug = viewDebug('waterfall');
  debug.rowCount = rows.length;
  debug.rangeMs = d.range ? [d.range.startMs - frame.traceStart, d.range.endMs - frame.traceStart] : null;
  debug.highlightCount = d.highlightCount;
  debug.firstRow = first;
  debug.lastRow = last;
  debug.visibleSpanIds = rows.slice(first, last).map((r) => r.span.spanId);
  debug.windowMs = [frame.scale.startMs, frame.scale.endMs];
  debug.totalMs = d.totalMs;
  debug.playheadMs = frame.playheadMs ?? null;
  // Right edges of the text drawn on the rows and on the ruler, CSS px from the canvas's left.
  debug.textExtent = frame.textExtent ?? null;
  debug.canvasWidth = frame.layout.widthPx;
  debug.barRect = (spanId: string) => {
    const i = d.rowIndex.get(spanId);
    if (i === undefined || i < first || i >= last) return null;
    const box = d.canvas.getBoundingClientRect();
    const { x0, x1 } = barExtent(frame, rows[i]!);
    const left = Math.max(x0, frame.layout.timelineLeft);
    const right = Math.min(x1, frame.layout.widthPx);
    return {
      x: box.left + left,
      y: box.top + rowTop(i, frame.scrollTop) + 4,
      width: right - left,
      height: ROW_HEIGHT - 8,
    };
  };
}
