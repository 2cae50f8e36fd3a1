// The overview strip: the whole trace in miniature (pre-painted once into an offscreen canvas),
// with the visible window framed and everything outside it shaded.
import type { ThemeColors } from '../../state/useThemeColors.ts';
import type { Overview } from '../../model/overview.ts';
import { formatDuration, formatCounted } from '../../lib/format.ts';
import { withAlpha } from '../../lib/color.ts';
import type { TimeScale } from '../../lib/timeScale.ts';
import { crispLine, uiFont } from '../../components/canvas/canvasKit.ts';
import type { WaterfallLayout } from './waterfallGeometry.ts';

export const OVERVIEW_HEIGHT = 44;
const PAD_Y = 4;

/** Paints the lanes once; the result is blitted every frame. */
export function paintOverviewImage(
  overview: Overview,
  colors: ThemeColors,
  widthPx: number,
  dpr: number,
): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(widthPx * dpr));
  canvas.height = Math.round((OVERVIEW_HEIGHT - PAD_Y * 2) * dpr);
  const ctx = canvas.getContext('2d');
  if (!ctx) return canvas;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  const h = Math.max(1, overview.laneHeight - (overview.laneHeight >= 3 ? 1 : 0));
  overview.lanes.forEach((lane, i) => {
    const y = i * overview.laneHeight;
    for (let r = 0; r < lane.x0.length; r++) {
      ctx.fillStyle = colors.types[lane.types[r]!];
      ctx.fillRect(lane.x0[r]!, y, Math.max(lane.x1[r]! - lane.x0[r]!, 1), h);
    }
  });
  // Failures as short red ticks along the top edge: visible, but never hiding the lanes.
  ctx.fillStyle = colors.vars.error;
  for (const x of overview.errorXs) ctx.fillRect(x, 0, 1, 4);
  return canvas;
}

export interface OverviewFrameState {
  layout: WaterfallLayout;
  dpr: number;
  image: HTMLCanvasElement | null;
  scale: TimeScale;
  totalMs: number;
  spanCount: number;
  colors: ThemeColors;
}

/** Window edges in overview px, for drawing and for dragging. */
export function overviewWindowPx(
  s: Pick<OverviewFrameState, 'layout' | 'scale' | 'totalMs'>,
): [number, number] {
  const w = s.layout.timelineRight - s.layout.timelineLeft;
  const perMs = w / Math.max(s.totalMs, 1e-6);
  return [s.layout.timelineLeft + s.scale.startMs * perMs, s.layout.timelineLeft + s.scale.endMs * perMs];
}

export function renderOverview(ctx: CanvasRenderingContext2D, s: OverviewFrameState): void {
  const { layout, colors } = s;
  const v = colors.vars;
  ctx.fillStyle = v['bg-panel'];
  ctx.fillRect(0, 0, layout.widthPx, OVERVIEW_HEIGHT);
  ctx.textBaseline = 'middle';
  ctx.font = uiFont(11, v['font-ui'], 600);
  ctx.fillStyle = v['fg-muted'];
  ctx.fillText('Overview', 10, 14);
  ctx.font = uiFont(11, v['font-ui']);
  ctx.fillStyle = v['fg-faint'];
  ctx.fillText(`${formatDuration(s.totalMs)} · ${formatCounted(s.spanCount, 'span')}`, 10, 30);

  if (s.image)
    ctx.drawImage(s.image, layout.timelineLeft, PAD_Y, s.image.width / s.dpr, s.image.height / s.dpr);
  const [x0, x1] = overviewWindowPx(s);
  const left = Math.max(layout.timelineLeft, x0);
  const right = Math.min(layout.timelineRight, x1);
  ctx.fillStyle = withAlpha(v.bg, 0.62);
  ctx.fillRect(layout.labelWidth, 0, left - layout.labelWidth, OVERVIEW_HEIGHT);
  ctx.fillRect(right, 0, layout.widthPx - right, OVERVIEW_HEIGHT);
  ctx.strokeStyle = v.accent;
  ctx.lineWidth = 1;
  const w = Math.max(right - left, 2);
  ctx.strokeRect(crispLine(left, s.dpr), 0.5, Math.round(w), OVERVIEW_HEIGHT - 1);
  // Grab handles on both edges.
  ctx.fillStyle = v.accent;
  ctx.fillRect(left - 1, OVERVIEW_HEIGHT / 2 - 8, 3, 16);
  ctx.fillRect(left + w - 2, OVERVIEW_HEIGHT / 2 - 8, 3, 16);

  ctx.fillStyle = v.border;
  ctx.fillRect(0, OVERVIEW_HEIGHT - 1 / s.dpr, layout.widthPx, 1 / s.dpr);
  ctx.fillRect(crispLine(layout.labelWidth, s.dpr) - 0.5 / s.dpr, 0, 1 / s.dpr, OVERVIEW_HEIGHT);
}
