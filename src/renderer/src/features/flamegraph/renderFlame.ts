// Draws the icicle: one row per depth below the focused span, cells as wide as their measure.
// Cells narrower than half a pixel come pre-folded into one mark per pixel column
// (model/flameRaster.ts), so a 100,000-span trace costs what the screen can show.
import type { ThemeColors } from '../../state/useThemeColors.ts';
import type { FlameLayout, FlameMetric } from '../../model/flameLayout.ts';
import type { FlameRaster } from '../../model/flameRaster.ts';
import { textOn, withAlpha } from '../../lib/color.ts';
import { fitText, snap, uiFont } from '../../components/canvas/canvasKit.ts';
import type { FlameColouring } from './flameColors.ts';
import { cellColour } from './flameColors.ts';
import { FLAME_PAD, FLAME_ROW, cellRect, formatMeasure } from './flameGeometry.ts';

export interface FlameFrameState {
  widthPx: number;
  heightPx: number;
  dpr: number;
  layout: FlameLayout;
  metric: FlameMetric;
  colouring: FlameColouring;
  scrollTop: number;
  selectedId: string | null;
  hoverIndex: number;
  searchMatches: ReadonlySet<string> | null;
  colors: ThemeColors;
  raster: FlameRaster;
}

export function renderFlame(ctx: CanvasRenderingContext2D, s: FlameFrameState): void {
  const { layout, colors, raster } = s;
  ctx.fillStyle = colors.vars.bg;
  ctx.fillRect(0, 0, s.widthPx, s.heightPx);
  if (layout.nodes.length === 0) return;
  const maxCost = layout.cost[0]!;
  const firstDepth = Math.floor((s.scrollTop - FLAME_PAD) / FLAME_ROW);
  const lastDepth = Math.ceil((s.scrollTop + s.heightPx) / FLAME_ROW);
  ctx.font = uiFont(11, colors.vars['font-ui']);
  ctx.textBaseline = 'middle';
  let selected = -1;
  for (const i of raster.cells) {
    const depth = layout.depth[i]!;
    if (depth < firstDepth || depth > lastDepth) continue;
    const { x, w, y } = cellRect(s, i);
    drawCell(ctx, s, i, x, w, y, maxCost);
    if (layout.nodes[i]!.span.spanId === s.selectedId) selected = i;
  }
  for (let depth = Math.max(0, firstDepth); depth <= lastDepth; depth++) {
    const marks = raster.marks.get(depth);
    if (!marks) continue;
    const y = FLAME_PAD + depth * FLAME_ROW - s.scrollTop;
    for (let m = 0; m < marks.px.length; m++) {
      const i = marks.cell[m]!;
      const { span } = layout.nodes[i]!;
      const dim = s.searchMatches !== null && !s.searchMatches.has(span.spanId);
      ctx.globalAlpha = dim ? 0.3 : 1;
      ctx.fillStyle = cellColour(colors, s.colouring, span, layout.cost[i]!, maxCost);
      ctx.fillRect(FLAME_PAD + marks.px[m]!, y, 1, FLAME_ROW - 1);
    }
    ctx.globalAlpha = 1;
  }
  if (selected >= 0) {
    const { x, w, y } = cellRect(s, selected);
    ctx.strokeStyle = colors.vars.fg;
    ctx.lineWidth = 2;
    ctx.strokeRect(snap(x, s.dpr) + 1, y + 1, Math.max(snap(w, s.dpr) - 3, 1), FLAME_ROW - 3);
  }
}

function drawCell(
  ctx: CanvasRenderingContext2D,
  s: FlameFrameState,
  i: number,
  x: number,
  w: number,
  y: number,
  maxCost: number,
): void {
  const { span } = s.layout.nodes[i]!;
  const v = s.colors.vars;
  const colour = cellColour(s.colors, s.colouring, span, s.layout.cost[i]!, maxCost);
  const dim = s.searchMatches !== null && !s.searchMatches.has(span.spanId);
  const x0 = snap(x, s.dpr);
  const x1 = snap(x + w, s.dpr);
  // A one-pixel gap between neighbours keeps the cells apart at every zoom.
  const cellW = Math.max(x1 - x0 - (w > 3 ? 1 : 0), 1 / s.dpr);
  ctx.globalAlpha = dim ? 0.3 : 1;
  ctx.fillStyle = colour;
  ctx.fillRect(x0, y, cellW, FLAME_ROW - 1);
  if (i === s.hoverIndex) {
    ctx.fillStyle = withAlpha(v.fg, 0.16);
    ctx.fillRect(x0, y, cellW, FLAME_ROW - 1);
  }
  if (s.colouring === 'cost' && span.status === 'error') {
    ctx.fillStyle = v.error;
    ctx.fillRect(x0, y + FLAME_ROW - 4, cellW, 3);
  }
  if (cellW > 28) {
    const value = formatMeasure(s.metric, s.layout.value[i]!);
    const full = `${span.name}  ${value}`;
    const text = fitText(ctx, full, cellW - 8) || fitText(ctx, span.name, cellW - 8);
    if (text) {
      ctx.fillStyle = textOn(colour === v['bg-elevated'] ? v['bg-elevated'] : colour);
      ctx.fillText(text, x0 + 4, y + FLAME_ROW / 2);
    }
  }
  ctx.globalAlpha = 1;
}
