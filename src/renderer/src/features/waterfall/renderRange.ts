// A time range dragged on the ruler, drawn over the timeline: the outside dimmed, the edges
// marked, as Perfetto shows an area selection.
import { timeToPx } from '../../lib/timeScale.ts';
import type { WaterfallFrameState } from './renderWaterfall.ts';

export function drawRange(
  ctx: CanvasRenderingContext2D,
  s: WaterfallFrameState,
  fromMs: number,
  toMs: number,
): void {
  const { layout, scale } = s;
  const left = layout.timelineLeft;
  const right = layout.widthPx;
  const x0 = Math.max(left, Math.min(right, left + timeToPx(scale, fromMs)));
  const x1 = Math.max(left, Math.min(right, left + timeToPx(scale, toMs)));
  const v = s.colors.vars;
  ctx.save();
  ctx.globalAlpha = 0.35;
  ctx.fillStyle = v.bg;
  if (x0 > left) ctx.fillRect(left, 0, x0 - left, layout.heightPx);
  if (x1 < right) ctx.fillRect(x1, 0, right - x1, layout.heightPx);
  ctx.globalAlpha = 0.25;
  ctx.fillStyle = v.accent;
  ctx.fillRect(x0, 0, Math.max(1, x1 - x0), 24);
  ctx.globalAlpha = 1;
  ctx.fillStyle = v.accent;
  ctx.fillRect(Math.round(x0), 0, 1, layout.heightPx);
  ctx.fillRect(Math.round(x1), 0, 1, layout.heightPx);
  ctx.restore();
}
