// Colour strings for canvas drawing. Theme colours arrive as CSS text ("#7cacf8" or "rgb(...)");
// canvas needs the same colour at other opacities and a readable text colour on top of it.

interface Rgb {
  r: number;
  g: number;
  b: number;
}

const cache = new Map<string, Rgb | null>();

export function parseColor(css: string): Rgb | null {
  const cached = cache.get(css);
  if (cached !== undefined) return cached;
  let rgb: Rgb | null = null;
  const text = css.trim();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(text);
  if (hex) {
    const h = hex[1]!.length === 3 ? [...hex[1]!].map((c) => c + c).join('') : hex[1]!;
    rgb = { r: parseInt(h.slice(0, 2), 16), g: parseInt(h.slice(2, 4), 16), b: parseInt(h.slice(4, 6), 16) };
  } else {
    const fn = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(text);
    if (fn) rgb = { r: Number(fn[1]), g: Number(fn[2]), b: Number(fn[3]) };
  }
  cache.set(css, rgb);
  return rgb;
}

/** The colour at `alpha` opacity; unknown formats come back unchanged (opaque). */
export function withAlpha(css: string, alpha: number): string {
  const rgb = parseColor(css);
  return rgb ? `rgba(${rgb.r},${rgb.g},${rgb.b},${alpha})` : css;
}

/** Linear mix of two colours, t = 0 → a, 1 → b. */
export function mix(a: string, b: string, t: number): string {
  const x = parseColor(a);
  const y = parseColor(b);
  if (!x || !y) return t < 0.5 ? a : b;
  const c = (p: number, q: number) => Math.round(p + (q - p) * t);
  return `rgb(${c(x.r, y.r)},${c(x.g, y.g)},${c(x.b, y.b)})`;
}

/** Relative luminance (WCAG), 0 = black, 1 = white. */
export function luminance(css: string): number {
  const rgb = parseColor(css);
  if (!rgb) return 0.5;
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(rgb.r) + 0.7152 * lin(rgb.g) + 0.0722 * lin(rgb.b);
}

/** Near-black or white, whichever reads better on `background`. */
export function textOn(background: string): string {
  return luminance(background) > 0.33 ? '#1b1b1f' : '#ffffff';
}
