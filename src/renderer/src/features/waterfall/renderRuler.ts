// The time ruler along the top of the waterfall: tick labels from the trace start, and the
// time under the cursor in a pill, as in the DevTools Performance panel.
import { formatDuration, formatCount } from '../../lib/format.ts';
import type { TimeTicks } from '../../lib/timeTicks.ts';
import { crispLine, roundRect, textWidth, uiFont } from '../../components/canvas/canvasKit.ts';
import type { WaterfallFrameState } from './renderWaterfall.ts';
import { RULER_HEIGHT } from './waterfallGeometry.ts';
import { besideMark, labelRight } from './timelineLabels.ts';

export function drawRuler(ctx: CanvasRenderingContext2D, s: WaterfallFrameState, ticks: TimeTicks): void {
  const v = s.colors.vars;
  const { layout } = s;
  ctx.fillStyle = v['bg-panel'];
  ctx.fillRect(0, 0, layout.widthPx, RULER_HEIGHT);
  ctx.fillStyle = v.border;
  ctx.fillRect(0, crispLine(RULER_HEIGHT - 1, s.dpr) - 0.5 / s.dpr, layout.widthPx, 1 / s.dpr);
  ctx.fillRect(crispLine(layout.labelWidth, s.dpr) - 0.5 / s.dpr, 0, 1 / s.dpr, RULER_HEIGHT);

  ctx.textBaseline = 'middle';
  ctx.font = uiFont(11, v['font-ui'], 600);
  ctx.fillStyle = v['fg-muted'];
  ctx.fillText('Span', 10, RULER_HEIGHT / 2);
  ctx.font = uiFont(10, v['font-ui']);
  ctx.fillStyle = v['fg-faint'];
  ctx.fillText(`${formatCount(s.rows.length)} ${s.rows.length === 1 ? 'row' : 'rows'}`, 46, RULER_HEIGHT / 2);

  ctx.save();
  ctx.beginPath();
  ctx.rect(layout.labelWidth + 1, 0, layout.widthPx - layout.labelWidth, RULER_HEIGHT);
  ctx.clip();
  ctx.font = uiFont(10, v['font-mono']);
  for (let i = 0; i < ticks.values.length; i++) {
    const x = layout.timelineLeft + (ticks.values[i]! - s.scale.startMs) * s.scale.pxPerMs;
    ctx.fillStyle = v.border;
    ctx.fillRect(crispLine(x, s.dpr) - 0.5 / s.dpr, RULER_HEIGHT - 7, 1 / s.dpr, 6);
    // Beside its tick, on the left when the right edge would cut it (the trace's last tick).
    const label = ticks.labels[i]!;
    const width = textWidth(ctx, label);
    const place = besideMark(x, x, width, 4, layout.labelWidth + 2, layout.widthPx - 2);
    if (place === null) continue;
    ctx.fillStyle = v['fg-muted'];
    ctx.textAlign = place.align;
    ctx.fillText(label, place.x, RULER_HEIGHT / 2 - 1);
    ctx.textAlign = 'left';
    if (s.textExtent) s.textExtent.rulerRight = Math.max(s.textExtent.rulerRight, labelRight(place, width));
  }
  if (s.hoverX !== null && s.hoverX > layout.labelWidth) {
    const t = s.scale.startMs + (s.hoverX - layout.timelineLeft) / s.scale.pxPerMs;
    const text = formatDuration(t);
    const w = textWidth(ctx, text) + 10;
    const x = Math.min(Math.max(s.hoverX - w / 2, layout.labelWidth + 2), layout.widthPx - w - 2);
    ctx.fillStyle = v.fg;
    roundRect(ctx, x, 4, w, RULER_HEIGHT - 8, 3);
    ctx.fill();
    ctx.fillStyle = v.bg;
    ctx.fillText(text, x + 5, RULER_HEIGHT / 2);
  }
  ctx.restore();
}
