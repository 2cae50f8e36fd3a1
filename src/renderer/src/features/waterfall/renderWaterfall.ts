// Draws one waterfall frame: label column, bars, ruler, cursor guide. A plain function over a
// plain state object (no React): the frame loop calls it at most once per animation frame and
// it touches only the rows on screen, so its cost follows the viewport, not the trace.
import type { ThemeColors } from '../../state/useThemeColors.ts';
import type { CriticalSegment } from '../../model/criticalPath.ts';
import type { Occupancy } from '../../model/occupancy.ts';
import { occupancyPixelRuns } from '../../model/occupancy.ts';
import { spanEnd, spanStart } from '../../model/spanTiming.ts';
import type { SpanNode } from '../../model/traceTree.ts';
import type { TimeScale } from '../../lib/timeScale.ts';
import { timeTicks } from '../../lib/timeTicks.ts';
import { crispLine, snap } from '../../components/canvas/canvasKit.ts';
import { drawLabel } from './renderLabels.ts';
import { drawBar } from './renderBars.ts';
import type { WaterfallLayout } from './waterfallGeometry.ts';
import { BAR_INSET, ROW_HEIGHT, RULER_HEIGHT, rowRange, rowTop } from './waterfallGeometry.ts';
import { drawRuler } from './renderRuler.ts';
import { drawPlayheadHandle, drawPlayheadLine } from './renderPlayhead.ts';
import { withAlpha } from '../../lib/color.ts';

export interface WaterfallFrameState {
  layout: WaterfallLayout;
  dpr: number;
  rows: readonly SpanNode[];
  scrollTop: number;
  /** Visible window in ms since trace start; widthPx is the timeline's width. */
  scale: TimeScale;
  traceStart: number;
  now: number;
  running: boolean;
  selectedId: string | null;
  hoverRow: number;
  /** Cursor x over the timeline (canvas px), for the time guide; null when elsewhere. */
  hoverX: number | null;
  searchMatches: ReadonlySet<string> | null;
  collapsed: ReadonlySet<string>;
  /** Critical-path segments by span id, when the critical path is shown. */
  critical: Map<string, CriticalSegment[]> | null;
  /** Merged occupancy of the spans hidden under a collapsed row. */
  summary: (node: SpanNode) => Occupancy | null;
  colors: ThemeColors;
  focused: boolean;
  /** Playback: the playhead in ms since trace start; absent or null when playback is off. */
  playheadMs?: number | null;
  /** Filled in while drawing when given: the right edges of the text drawn, for the debug hook. */
  textExtent?: { rowsRight: number; rulerRight: number };
}

export function renderWaterfall(ctx: CanvasRenderingContext2D, s: WaterfallFrameState): void {
  const { layout, colors } = s;
  const v = colors.vars;
  ctx.fillStyle = v.bg;
  ctx.fillRect(0, 0, layout.widthPx, layout.heightPx);
  ctx.fillStyle = v['bg-panel'];
  ctx.fillRect(0, 0, layout.labelWidth, layout.heightPx);

  const ticks = timeTicks(s.scale.startMs, s.scale.endMs, s.scale.widthPx, 110);
  const [first, last] = rowRange(layout, s.scrollTop, s.rows.length);

  ctx.save();
  ctx.beginPath();
  ctx.rect(0, RULER_HEIGHT, layout.widthPx, layout.heightPx - RULER_HEIGHT);
  ctx.clip();
  drawRowBackgrounds(ctx, s, first, last);
  drawGrid(ctx, s, ticks.values);
  for (let i = first; i < last; i++) drawLabel(ctx, s, i);
  ctx.save();
  ctx.beginPath();
  ctx.rect(
    layout.labelWidth,
    RULER_HEIGHT,
    layout.widthPx - layout.labelWidth,
    layout.heightPx - RULER_HEIGHT,
  );
  ctx.clip();
  for (let i = first; i < last; i++) {
    const node = s.rows[i]!;
    if (s.collapsed.has(node.span.spanId) && node.children.length > 0) drawCollapsedSummary(ctx, s, i);
    drawBar(ctx, s, i);
  }
  drawNowLine(ctx, s);
  drawPlayheadLine(ctx, s);
  ctx.restore();
  ctx.restore();

  // Column divider.
  ctx.fillStyle = v.border;
  ctx.fillRect(snap(layout.labelWidth, s.dpr), 0, 1 / s.dpr, layout.heightPx);
  drawRuler(ctx, s, ticks);
  drawPlayheadHandle(ctx, s);
  drawCursorGuide(ctx, s);
}

function drawRowBackgrounds(
  ctx: CanvasRenderingContext2D,
  s: WaterfallFrameState,
  first: number,
  last: number,
): void {
  const v = s.colors.vars;
  for (let i = first; i < last; i++) {
    const id = s.rows[i]!.span.spanId;
    const y = rowTop(i, s.scrollTop);
    let fill: string | null = null;
    if (id === s.selectedId) fill = v['bg-selected'];
    else if (s.searchMatches?.has(id)) fill = withAlpha(v.warning, 0.16);
    else if (i === s.hoverRow) fill = v['bg-hover'];
    if (fill !== null) {
      ctx.fillStyle = fill;
      ctx.fillRect(0, y, s.layout.widthPx, ROW_HEIGHT);
    }
  }
}

function drawGrid(ctx: CanvasRenderingContext2D, s: WaterfallFrameState, tickValues: number[]): void {
  ctx.fillStyle = withAlpha(s.colors.vars.border, 0.7);
  const w = 1 / s.dpr;
  for (const t of tickValues) {
    const x = s.layout.timelineLeft + (t - s.scale.startMs) * s.scale.pxPerMs;
    if (x < s.layout.labelWidth) continue;
    ctx.fillRect(crispLine(x, s.dpr) - w / 2, RULER_HEIGHT, w, s.layout.heightPx - RULER_HEIGHT);
  }
}

/** What runs under a collapsed row: a thin strip of the hidden spans' merged occupancy. */
function drawCollapsedSummary(ctx: CanvasRenderingContext2D, s: WaterfallFrameState, index: number): void {
  const occupancy = s.summary(s.rows[index]!);
  if (occupancy === null) return;
  const y = rowTop(index, s.scrollTop) + ROW_HEIGHT - BAR_INSET + 1;
  const runs = occupancyPixelRuns(occupancy, s.scale.startMs, s.scale.endMs, s.scale.pxPerMs);
  ctx.fillStyle = withAlpha(s.colors.vars['fg-muted'], 0.75);
  for (let r = 0; r < runs.length; r += 2) {
    const x0 = snap(s.layout.timelineLeft + runs[r]!, s.dpr);
    const x1 = snap(s.layout.timelineLeft + runs[r + 1]!, s.dpr);
    ctx.fillRect(x0, y, Math.max(x1 - x0, 1 / s.dpr), 2);
  }
}

function drawNowLine(ctx: CanvasRenderingContext2D, s: WaterfallFrameState): void {
  // During playback the playhead is "now", drawn by drawPlayheadLine.
  if (!s.running || (s.playheadMs !== undefined && s.playheadMs !== null)) return;
  const x = s.layout.timelineLeft + (s.now - s.traceStart - s.scale.startMs) * s.scale.pxPerMs;
  if (x < s.layout.labelWidth || x > s.layout.widthPx) return;
  ctx.fillStyle = withAlpha(s.colors.vars.running, 0.8);
  ctx.fillRect(crispLine(x, s.dpr) - 0.5, RULER_HEIGHT, 1, s.layout.heightPx - RULER_HEIGHT);
}

function drawCursorGuide(ctx: CanvasRenderingContext2D, s: WaterfallFrameState): void {
  if (s.hoverX === null || s.hoverX < s.layout.labelWidth) return;
  ctx.fillStyle = withAlpha(s.colors.vars.fg, 0.35);
  ctx.fillRect(crispLine(s.hoverX, s.dpr) - 0.5 / s.dpr, 0, 1 / s.dpr, s.layout.heightPx);
}

/** Bar geometry in canvas px for row `index`, shared with hit testing and the debug hook. */
export function barExtent(s: WaterfallFrameState, node: SpanNode): { x0: number; x1: number } {
  const start = spanStart(node.span, s.traceStart) - s.traceStart;
  const end = spanEnd(node.span, s.traceStart, s.now) - s.traceStart;
  const x0 = s.layout.timelineLeft + (start - s.scale.startMs) * s.scale.pxPerMs;
  const x1 = s.layout.timelineLeft + (end - s.scale.startMs) * s.scale.pxPerMs;
  return { x0, x1: Math.max(x1, x0 + 1) };
}
