// The playback playhead on the waterfall: a line down through the rows, and on the ruler a
// handle with the time (the part the user grabs to scrub). Drawn only while playback is on.
import { formatDuration } from '../../lib/format.ts';
import { withAlpha } from '../../lib/color.ts';
import { crispLine, roundRect, textWidth, uiFont } from '../../components/canvas/canvasKit.ts';
import type { WaterfallFrameState } from './renderWaterfall.ts';
import { RULER_HEIGHT } from './waterfallGeometry.ts';

/** Canvas x of the playhead, or null when playback is off or it is outside the window. */
export function playheadX(s: WaterfallFrameState): number | null {
  if (s.playheadMs === undefined || s.playheadMs === null) return null;
  const x = s.layout.timelineLeft + (s.playheadMs - s.scale.startMs) * s.scale.pxPerMs;
  return x < s.layout.labelWidth - 1 || x > s.layout.widthPx + 1 ? null : x;
}

/** Through the rows: the future (right of the playhead) is washed out, the line marks "now". */
export function drawPlayheadLine(ctx: CanvasRenderingContext2D, s: WaterfallFrameState): void {
  const x = playheadX(s);
  if (s.playheadMs === undefined || s.playheadMs === null) return;
  const v = s.colors.vars;
  const futureFrom = x ?? (s.playheadMs < s.scale.startMs ? s.layout.labelWidth : s.layout.widthPx);
  if (futureFrom < s.layout.widthPx) {
    ctx.fillStyle = withAlpha(v.bg, 0.45);
    ctx.fillRect(futureFrom, RULER_HEIGHT, s.layout.widthPx - futureFrom, s.layout.heightPx - RULER_HEIGHT);
  }
  if (x === null) return;
  ctx.fillStyle = v.accent;
  ctx.fillRect(crispLine(x, s.dpr) - 1, RULER_HEIGHT, 2, s.layout.heightPx - RULER_HEIGHT);
}

/** On the ruler: a pill with the playhead's time over a small pointer, like a video scrubber. */
export function drawPlayheadHandle(ctx: CanvasRenderingContext2D, s: WaterfallFrameState): void {
  const x = playheadX(s);
  if (x === null || s.playheadMs === undefined || s.playheadMs === null) return;
  const v = s.colors.vars;
  ctx.save();
  ctx.beginPath();
  ctx.rect(s.layout.labelWidth, 0, s.layout.widthPx - s.layout.labelWidth, RULER_HEIGHT);
  ctx.clip();
  ctx.font = uiFont(10, v['font-mono'], 600);
  ctx.textBaseline = 'middle';
  const text = formatDuration(s.playheadMs);
  const w = textWidth(ctx, text) + 12;
  const h = RULER_HEIGHT - 9;
  const left = Math.min(Math.max(x - w / 2, s.layout.labelWidth + 1), s.layout.widthPx - w - 1);
  ctx.fillStyle = v.accent;
  roundRect(ctx, left, 2, w, h, 4);
  ctx.fill();
  ctx.beginPath();
  ctx.moveTo(x - 4, 2 + h - 0.5);
  ctx.lineTo(x + 4, 2 + h - 0.5);
  ctx.lineTo(x, RULER_HEIGHT - 1);
  ctx.closePath();
  ctx.fill();
  ctx.fillStyle = v.bg;
  ctx.fillText(text, left + 6, 2 + h / 2 + 0.5);
  ctx.restore();
}
