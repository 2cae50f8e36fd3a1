// Draws the node-link tree: links as curves, spans as cards. Only what intersects the viewport
// is drawn, and far out the cards lose their text (level of detail), so a 10,000-span trace
// with everything open stays as cheap per frame as the screen is big.
import type { ZoomTransform } from 'd3';
import type { ThemeColors } from '../../state/useThemeColors.ts';
import { SPAN_TYPE_GLYPH, SPAN_TYPE_LABEL } from '../../components/spanTypes.ts';
import type { GraphLayout, GraphMetrics } from '../../model/treeGraphLayout.ts';
import { formatCost, formatDuration, formatTokens } from '../../lib/format.ts';
import { textOn, withAlpha } from '../../lib/color.ts';
import { fitText, roundRect, uiFont } from '../../components/canvas/canvasKit.ts';
import { MIN_TEXT_PX, atLeastReadable, toggleGeometry } from './treeGraphHit.ts';

export interface TreeFrameState {
  widthPx: number;
  heightPx: number;
  transform: ZoomTransform;
  layout: GraphLayout;
  metrics: GraphMetrics;
  selectedId: string | null;
  hoverIndex: number;
  searchMatches: ReadonlySet<string> | null;
  colors: ThemeColors;
  now: number;
}

/** Below this zoom the cards are plain shapes: not even a 10 px name fits in one. */
export const TEXT_MIN_SCALE = 0.45;
/** No span name is drawn smaller than this on screen (CSS px), however far out the graph is. */
export const MIN_NAME_PX = MIN_TEXT_PX;
const NAME_FONT = 12;

/**
 * The name's font in layout units at zoom k: 12 while that is at least 10 px on screen; below,
 * exactly 10 px on screen (the card is then compact: the name alone, no figures line).
 */
export function nameFontAt(k: number): { fontPx: number; compact: boolean } {
  if (NAME_FONT * k >= MIN_NAME_PX) return { fontPx: NAME_FONT, compact: false };
  return { fontPx: MIN_NAME_PX / k, compact: true };
}

export interface TreeFrameResult {
  /** Cards drawn (the rest are off screen). */
  drawn: number;
  /** On-screen size of the names drawn, CSS px; 0 when the cards are plain shapes, without names. */
  nameScreenPx: number;
}

/** The viewport in layout coordinates, padded by a card so edges never pop. */
function viewBox(s: TreeFrameState) {
  const t = s.transform;
  return {
    x0: t.invertX(0) - s.metrics.cardWidth,
    x1: t.invertX(s.widthPx) + s.metrics.cardWidth,
    y0: t.invertY(0) - s.metrics.cardHeight,
    y1: t.invertY(s.heightPx) + s.metrics.cardHeight,
  };
}

export function renderTreeGraph(ctx: CanvasRenderingContext2D, s: TreeFrameState): TreeFrameResult {
  const { layout, metrics, colors, transform: t } = s;
  const v = colors.vars;
  ctx.fillStyle = v.bg;
  ctx.fillRect(0, 0, s.widthPx, s.heightPx);
  const box = viewBox(s);
  ctx.save();
  ctx.translate(t.x, t.y);
  ctx.scale(t.k, t.k);

  // Links first, in one path: parent's right edge to child's left edge.
  ctx.beginPath();
  const w = metrics.cardWidth;
  for (let l = 0; l < layout.links.length; l += 2) {
    const p = layout.nodes[layout.links[l]!]!;
    const c = layout.nodes[layout.links[l + 1]!]!;
    const x0 = p.x + w;
    const x1 = c.x;
    if (x1 < box.x0 || x0 > box.x1 || Math.max(p.y, c.y) < box.y0 || Math.min(p.y, c.y) > box.y1) continue;
    const mx = (x0 + x1) / 2;
    ctx.moveTo(x0, p.y);
    ctx.bezierCurveTo(mx, p.y, mx, c.y, x1, c.y);
  }
  ctx.strokeStyle = withAlpha(v['fg-faint'], 0.7);
  ctx.lineWidth = 1.25 / Math.max(t.k, 0.5);
  ctx.stroke();

  let drawn = 0;
  const detailed = t.k >= TEXT_MIN_SCALE;
  for (let i = 0; i < layout.nodes.length; i++) {
    const g = layout.nodes[i]!;
    if (g.x > box.x1 || g.x + w < box.x0 || g.y < box.y0 || g.y > box.y1) continue;
    drawn++;
    if (detailed) drawCard(ctx, s, i);
    else drawShape(ctx, s, i);
  }
  ctx.restore();
  return { drawn, nameScreenPx: detailed && drawn > 0 ? nameFontAt(t.k).fontPx * t.k : 0 };
}

function drawShape(ctx: CanvasRenderingContext2D, s: TreeFrameState, i: number): void {
  const g = s.layout.nodes[i]!;
  const { span } = g.node;
  const { cardWidth: w, cardHeight: h } = s.metrics;
  const dim = s.searchMatches !== null && !s.searchMatches.has(span.spanId);
  ctx.globalAlpha = dim ? 0.3 : 1;
  ctx.fillStyle = span.status === 'error' ? s.colors.vars.error : s.colors.types[span.type];
  ctx.fillRect(g.x, g.y - h / 2, w, h);
  if (span.spanId === s.selectedId) {
    ctx.strokeStyle = s.colors.vars.fg;
    ctx.lineWidth = 3 / s.transform.k;
    ctx.strokeRect(g.x, g.y - h / 2, w, h);
  }
  ctx.globalAlpha = 1;
}

function drawCard(ctx: CanvasRenderingContext2D, s: TreeFrameState, i: number): void {
  const g = s.layout.nodes[i]!;
  const { span } = g.node;
  const v = s.colors.vars;
  const { cardWidth: w, cardHeight: h } = s.metrics;
  const x = g.x;
  const y = g.y - h / 2;
  const typeColour = s.colors.types[span.type];
  const selected = span.spanId === s.selectedId;
  const error = span.status === 'error';
  const dim = s.searchMatches !== null && !s.searchMatches.has(span.spanId);
  ctx.globalAlpha = dim ? 0.35 : 1;

  roundRect(ctx, x, y, w, h, 6);
  ctx.fillStyle = selected ? v['bg-selected'] : i === s.hoverIndex ? v['bg-hover'] : v['bg-elevated'];
  ctx.fill();
  ctx.lineWidth = selected ? 2 : error ? 1.5 : 1;
  ctx.strokeStyle = selected ? v.accent : error ? v.error : span.status === 'running' ? v.running : v.border;
  ctx.stroke();
  // Type stripe down the left edge.
  ctx.save();
  roundRect(ctx, x, y, w, h, 6);
  ctx.clip();
  ctx.fillStyle = error ? v.error : typeColour;
  ctx.fillRect(x, y, 4, h);
  ctx.restore();

  // Badge, name, figures. Compact, the name row has the card to itself, centred: a 10 px
  // line under it would not fit. Every text, the type letter and the badges' glyphs too, is
  // at least 10 px on screen: far out, the badge grows in layout units to hold its letter.
  const k = s.transform.k;
  const name = nameFontAt(k);
  const rowY = name.compact ? g.y : y + 17;
  const side = Math.max(16, 14 / k);
  ctx.fillStyle = typeColour;
  roundRect(ctx, x + 12, rowY - side / 2, side, side, 3);
  ctx.fill();
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'center';
  ctx.font = uiFont(atLeastReadable(10, k), v['font-ui'], 700);
  ctx.fillStyle = textOn(typeColour);
  ctx.fillText(SPAN_TYPE_GLYPH[span.type], x + 12 + side / 2, rowY + 0.5);
  ctx.textAlign = 'left';

  const nameLeft = x + 12 + side + 6;
  let nameRight = x + w - 10;
  if (span.destructive) nameRight = drawBadge(ctx, nameRight, rowY, k, '⚠', v.warning, v.bg) - 4;
  if (error) nameRight = drawBadge(ctx, nameRight, rowY, k, '!', v.error, v.bg) - 4;
  ctx.font = uiFont(name.fontPx, v['font-ui'], 600);
  ctx.fillStyle = error ? v.error : v.fg;
  ctx.fillText(fitText(ctx, span.name, nameRight - nameLeft), nameLeft, rowY);
  if (name.compact) {
    ctx.globalAlpha = 1;
    if (g.node.children.length > 0) drawToggle(ctx, s, i);
    return;
  }

  const duration =
    span.status === 'running'
      ? `${formatDuration(s.now - (span.startTime ?? s.now))} running`
      : formatDuration(span.durationMs);
  const parts = [span.model ?? SPAN_TYPE_LABEL[span.type], duration];
  if (span.totalTokens !== null) parts.push(`${formatTokens(span.totalTokens)} tok`);
  if (span.costUsd !== null) parts.push(formatCost(span.costUsd));
  ctx.font = uiFont(atLeastReadable(11, k), v['font-ui']);
  ctx.fillStyle = v['fg-muted'];
  ctx.fillText(fitText(ctx, parts.join(' · '), w - 22), x + 12, y + 40);
  ctx.globalAlpha = 1;

  if (g.node.children.length > 0) drawToggle(ctx, s, i);
}

function drawBadge(
  ctx: CanvasRenderingContext2D,
  right: number,
  cy: number,
  k: number,
  glyph: string,
  fill: string,
  text: string,
): number {
  const r = Math.max(7, 7 / k);
  ctx.beginPath();
  ctx.arc(right - r, cy, r, 0, Math.PI * 2);
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.font = uiFont(atLeastReadable(9, k), '', 700);
  ctx.fillStyle = text;
  ctx.textAlign = 'center';
  ctx.fillText(glyph, right - r, cy + 0.5);
  ctx.textAlign = 'left';
  return right - r * 2;
}

/** Collapse toggle on the card's right edge: "−" when open, "+N" (hidden spans) when closed. */
function drawToggle(ctx: CanvasRenderingContext2D, s: TreeFrameState, i: number): void {
  const g = s.layout.nodes[i]!;
  const v = s.colors.vars;
  const cx = g.x + s.metrics.cardWidth;
  // The same geometry the hit test uses, its label at least 10 px on screen.
  const { radius, width: wPill, fontPx, label } = toggleGeometry(g, s.transform.k);
  ctx.font = uiFont(fontPx, v['font-ui'], 600);
  roundRect(ctx, cx - radius, g.y - radius, wPill, radius * 2, radius);
  ctx.fillStyle = g.collapsed ? v.accent : v['bg-panel'];
  ctx.fill();
  ctx.strokeStyle = g.collapsed ? v.accent : v.border;
  ctx.lineWidth = 1;
  ctx.stroke();
  ctx.fillStyle = g.collapsed ? v.bg : v['fg-muted'];
  ctx.textAlign = 'center';
  ctx.fillText(label, cx - radius + wPill / 2, g.y + 0.5);
  ctx.textAlign = 'left';
}
