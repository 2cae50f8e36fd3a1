// Small canvas helpers shared by the waterfall, flame graph and tree graph.

/** Sizes the backing store for the device pixel ratio and maps drawing units to CSS pixels. */
export function prepareCanvas(
  canvas: HTMLCanvasElement,
  widthCss: number,
  heightCss: number,
): CanvasRenderingContext2D | null {
  const dpr = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(widthCss * dpr));
  const h = Math.max(1, Math.round(heightCss * dpr));
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
  }
  const ctx = canvas.getContext('2d', { alpha: false });
  if (!ctx) return null;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return ctx;
}

/** A coordinate on the device-pixel grid, so fills land on whole pixels. */
export function snap(v: number, dpr: number): number {
  return Math.round(v * dpr) / dpr;
}

/** The centre of a device pixel, so a 1-device-pixel line is crisp instead of a 2px blur. */
export function crispLine(v: number, dpr: number): number {
  return (Math.floor(v * dpr) + 0.5) / dpr;
}

const widthCache = new Map<string, number>();

/** measureText, cached by font and text: labels repeat every frame. */
export function textWidth(ctx: CanvasRenderingContext2D, text: string): number {
  const key = `${ctx.font}\u0000${text}`;
  let w = widthCache.get(key);
  if (w === undefined) {
    if (widthCache.size > 20_000) widthCache.clear();
    w = ctx.measureText(text).width;
    widthCache.set(key, w);
  }
  return w;
}

/** `text` cut with an ellipsis to fit `maxWidth`, or '' when not even one letter fits. */
export function fitText(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string {
  if (maxWidth <= 0) return '';
  if (textWidth(ctx, text) <= maxWidth) return text;
  const ellipsis = '…';
  if (textWidth(ctx, ellipsis) > maxWidth) return '';
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (textWidth(ctx, text.slice(0, mid) + ellipsis) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? '' : text.slice(0, lo) + ellipsis;
}

export function roundRect(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  w: number,
  h: number,
  r: number,
): void {
  const radius = Math.min(r, w / 2, h / 2);
  ctx.beginPath();
  ctx.moveTo(x + radius, y);
  ctx.arcTo(x + w, y, x + w, y + h, radius);
  ctx.arcTo(x + w, y + h, x, y + h, radius);
  ctx.arcTo(x, y + h, x, y, radius);
  ctx.arcTo(x, y, x + w, y, radius);
  ctx.closePath();
}

export function uiFont(sizePx: number, family: string, weight = 400): string {
  return `${weight} ${sizePx}px ${family || 'system-ui, sans-serif'}`;
}
