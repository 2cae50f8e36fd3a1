// The label column: indentation, collapse chevron, a type badge, the name, the duration.
import { SPAN_TYPE_GLYPH } from '../../components/spanTypes.ts';
import { formatCount, formatDuration } from '../../lib/format.ts';
import { textOn } from '../../lib/color.ts';
import { fitText, roundRect, textWidth, uiFont } from '../../components/canvas/canvasKit.ts';
import type { WaterfallFrameState } from './renderWaterfall.ts';
import { CHEVRON_WIDTH, ROW_HEIGHT, indentPx, maxIndentLevels, rowTop } from './waterfallGeometry.ts';

export function drawLabel(ctx: CanvasRenderingContext2D, s: WaterfallFrameState, index: number): void {
  const node = s.rows[index]!;
  const { span } = node;
  const v = s.colors.vars;
  const top = rowTop(index, s.scrollTop);
  const midY = top + ROW_HEIGHT / 2;
  const x = indentPx(s.layout, node.depth);
  ctx.textBaseline = 'middle';

  if (node.depth > maxIndentLevels(s.layout)) {
    // Too deep to keep indenting: say how deep instead.
    ctx.font = uiFont(9, v['font-mono']);
    ctx.fillStyle = v['fg-faint'];
    ctx.textAlign = 'right';
    ctx.fillText(String(node.depth), x - 2, midY);
    ctx.textAlign = 'left';
  }
  const collapsed = s.collapsed.has(span.spanId);
  if (node.children.length > 0) drawChevron(ctx, x + CHEVRON_WIDTH / 2, midY, collapsed, v['fg-muted']);

  const badgeX = x + CHEVRON_WIDTH + 1;
  const colour = s.colors.types[span.type];
  ctx.fillStyle = colour;
  roundRect(ctx, badgeX, midY - 7, 14, 14, 3);
  ctx.fill();
  ctx.font = uiFont(9, v['font-ui'], 700);
  ctx.fillStyle = textOn(colour);
  ctx.textAlign = 'center';
  ctx.fillText(SPAN_TYPE_GLYPH[span.type], badgeX + 7, midY + 0.5);
  ctx.textAlign = 'left';

  // Right edge: duration, then status marks, then the name takes what is left.
  let right = s.layout.labelWidth - 8;
  ctx.font = uiFont(10, v['font-mono']);
  const duration =
    span.status === 'running'
      ? formatDuration(s.now - (span.startTime ?? s.now))
      : formatDuration(span.durationMs);
  ctx.fillStyle = v['fg-faint'];
  ctx.textAlign = 'right';
  ctx.fillText(duration, right, midY);
  ctx.textAlign = 'left';
  right -= textWidth(ctx, duration) + 8;
  if (span.status === 'error') right = drawMark(ctx, right, midY, '!', v.error);
  if (span.destructive) right = drawMark(ctx, right, midY, '⚠', v.warning);
  if (span.status === 'running') right = drawMark(ctx, right, midY, '●', v.running);

  const nameX = badgeX + 20;
  ctx.font = uiFont(12, v['font-ui'], span.spanId === s.selectedId ? 600 : 400);
  ctx.fillStyle = span.status === 'error' ? v.error : v.fg;
  let suffix = '';
  if (collapsed && node.children.length > 0) suffix = ` +${formatCount(node.subtreeSize - 1)}`;
  const name = fitText(ctx, span.name, right - nameX - (suffix ? textWidth(ctx, suffix) : 0));
  ctx.fillText(name, nameX, midY);
  if (suffix && name) {
    ctx.fillStyle = v['fg-faint'];
    ctx.fillText(suffix, nameX + textWidth(ctx, name), midY);
  }
}

function drawChevron(
  ctx: CanvasRenderingContext2D,
  cx: number,
  cy: number,
  collapsed: boolean,
  colour: string,
): void {
  ctx.fillStyle = colour;
  ctx.beginPath();
  if (collapsed) {
    ctx.moveTo(cx - 2.5, cy - 4);
    ctx.lineTo(cx + 3, cy);
    ctx.lineTo(cx - 2.5, cy + 4);
  } else {
    ctx.moveTo(cx - 4, cy - 2.5);
    ctx.lineTo(cx + 4, cy - 2.5);
    ctx.lineTo(cx, cy + 3);
  }
  ctx.closePath();
  ctx.fill();
}

function drawMark(
  ctx: CanvasRenderingContext2D,
  right: number,
  midY: number,
  glyph: string,
  colour: string,
): number {
  ctx.font = uiFont(11, '', 700);
  ctx.fillStyle = colour;
  ctx.textAlign = 'right';
  ctx.fillText(glyph, right, midY);
  ctx.textAlign = 'left';
  return right - textWidth(ctx, glyph) - 6;
}
