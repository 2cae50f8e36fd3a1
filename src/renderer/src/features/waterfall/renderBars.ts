// One span's bar on the waterfall: type colour (error colour for failures), dimmed when a
// search or the critical path leaves it out, outlined when selected, with its name inside when
// it fits and its duration beside it.
import { formatDuration } from '../../lib/format.ts';
import { textOn, withAlpha } from '../../lib/color.ts';
import { fitText, snap, textWidth, uiFont } from '../../components/canvas/canvasKit.ts';
import type { WaterfallFrameState } from './renderWaterfall.ts';
import { barExtent } from './renderWaterfall.ts';
import { BAR_INSET, ROW_HEIGHT, rowTextRight, rowTop } from './waterfallGeometry.ts';
import { firstBesideMark, labelRight } from './timelineLabels.ts';

export function drawBar(ctx: CanvasRenderingContext2D, s: WaterfallFrameState, index: number): void {
  const node = s.rows[index]!;
  const { span } = node;
  const v = s.colors.vars;
  const { x0: rawX0, x1: rawX1 } = barExtent(s, node);
  const left = s.layout.labelWidth;
  const right = s.layout.widthPx;
  if (rawX1 < left - 200 || rawX0 > right) return;

  // Clamp to just outside the view so huge zooms never hand the canvas absurd coordinates.
  const x0 = snap(Math.max(rawX0, left - 2), s.dpr);
  const x1 = Math.max(snap(Math.min(rawX1, right + 2), s.dpr), x0 + 1);
  const y = rowTop(index, s.scrollTop) + BAR_INSET;
  const h = ROW_HEIGHT - BAR_INSET * 2;
  const colour =
    span.status === 'error' ? v.error : span.status === 'running' ? v.running : s.colors.types[span.type];
  const onPath = s.critical === null || s.critical.has(span.spanId);
  const matches = s.searchMatches === null || s.searchMatches.has(span.spanId);
  const dim = !matches || !onPath;

  ctx.globalAlpha = dim ? 0.28 : 1;
  ctx.fillStyle = colour;
  if (s.critical !== null && onPath) {
    // On the critical path: the bar is faint and the stretches that held the trace up are solid.
    ctx.globalAlpha = 0.35;
    ctx.fillRect(x0, y, x1 - x0, h);
    ctx.globalAlpha = 1;
    for (const seg of s.critical.get(span.spanId) ?? []) {
      const a = s.layout.timelineLeft + (seg.start - s.traceStart - s.scale.startMs) * s.scale.pxPerMs;
      const b = s.layout.timelineLeft + (seg.end - s.traceStart - s.scale.startMs) * s.scale.pxPerMs;
      const sx0 = snap(Math.max(a, x0), s.dpr);
      const sx1 = snap(Math.min(b, x1), s.dpr);
      if (sx1 > sx0 - 1) ctx.fillRect(sx0, y, Math.max(sx1 - sx0, 1), h);
    }
  } else {
    ctx.fillRect(x0, y, x1 - x0, h);
  }
  if (span.status === 'running') drawRunningEdge(ctx, s, x1, y, h);
  ctx.globalAlpha = 1;

  if (span.spanId === s.selectedId) {
    ctx.strokeStyle = v.fg;
    ctx.lineWidth = 1.5;
    ctx.strokeRect(x0 - 0.75, y - 0.75, x1 - x0 + 1.5, h + 1.5);
  } else if (s.searchMatches !== null && matches) {
    ctx.strokeStyle = v.warning;
    ctx.lineWidth = 1;
    ctx.strokeRect(x0 - 0.5, y - 0.5, x1 - x0 + 1, h + 1);
  }
  drawBarText(ctx, s, index, x0, x1, y, h, colour, dim);
}

/** A running span's growing end: a bright edge at "now" so the live edge reads as moving. */
function drawRunningEdge(
  ctx: CanvasRenderingContext2D,
  s: WaterfallFrameState,
  x1: number,
  y: number,
  h: number,
): void {
  ctx.fillStyle = s.colors.vars.fg;
  ctx.globalAlpha = 0.8;
  ctx.fillRect(x1 - 2, y, 2, h);
}

function drawBarText(
  ctx: CanvasRenderingContext2D,
  s: WaterfallFrameState,
  index: number,
  x0: number,
  x1: number,
  y: number,
  h: number,
  colour: string,
  dim: boolean,
): void {
  const node = s.rows[index]!;
  const v = s.colors.vars;
  const duration = formatDuration(
    node.span.durationMs ?? (node.span.status === 'running' ? s.now - (node.span.startTime ?? s.now) : null),
  );
  ctx.font = uiFont(11, v['font-ui']);
  ctx.textBaseline = 'middle';
  const midY = y + h / 2 + 0.5;
  const visibleX0 = Math.max(x0, s.layout.labelWidth + 2);
  const textRight = rowTextRight(s.layout);
  const inner = Math.min(x1, textRight) - visibleX0 - 8;
  const name = node.span.name;
  let nameInside = false;
  // The name goes inside when it fits whole, or when the bar is wide enough that a cut name
  // still reads; otherwise it goes beside the bar with the duration, never as "sea…".
  if (inner > 24) {
    const text = fitText(ctx, name, inner);
    if (text === name || inner > 140) {
      ctx.fillStyle = dim ? withAlpha(textOn(colour), 0.6) : textOn(colour);
      ctx.fillText(text, visibleX0 + 4, midY);
      nameInside = true;
      noteTextRight(s, visibleX0 + 4 + textWidth(ctx, text));
    }
  }
  const labels = nameInside ? [duration] : [`${name}  ${duration}`, duration];
  const place = firstBesideMark(
    labels,
    (text) => textWidth(ctx, text),
    x0,
    x1,
    6,
    s.layout.labelWidth + 2,
    textRight,
  );
  if (place === null) return;
  ctx.fillStyle = dim ? withAlpha(v['fg-muted'], 0.5) : v['fg-muted'];
  ctx.textAlign = place.align;
  ctx.fillText(place.text, place.x, midY);
  ctx.textAlign = 'left';
  noteTextRight(s, labelRight(place, place.width));
}

function noteTextRight(s: WaterfallFrameState, right: number): void {
  if (s.textExtent) s.textExtent.rowsRight = Math.max(s.textExtent.rowsRight, right);
}
