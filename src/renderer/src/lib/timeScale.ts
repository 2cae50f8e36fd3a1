// The time → pixel mapping of a zoomable timeline, kept as plain numbers so a frame can map
// thousands of times without allocating. Times are ms since the trace start; the zoom transform
// (d3-zoom's k and x) applies to the pixel range [0, widthPx] of the whole trace.

export interface TimeScale {
  /** Visible window, ms since trace start. */
  startMs: number;
  endMs: number;
  widthPx: number;
  pxPerMs: number;
}

export function makeTimeScale(startMs: number, endMs: number, widthPx: number): TimeScale {
  const span = Math.max(endMs - startMs, 1e-6);
  return { startMs, endMs: startMs + span, widthPx, pxPerMs: widthPx / span };
}

export function timeToPx(scale: TimeScale, ms: number): number {
  return (ms - scale.startMs) * scale.pxPerMs;
}

export function pxToTime(scale: TimeScale, px: number): number {
  return scale.startMs + px / scale.pxPerMs;
}

/** The window a zoom transform shows of a trace `totalMs` long drawn over `widthPx`. */
export function scaleFromTransform(totalMs: number, widthPx: number, k: number, x: number): TimeScale {
  const total = Math.max(totalMs, 1e-6);
  const basePxPerMs = widthPx / total;
  const startMs = -x / (k * basePxPerMs);
  return makeTimeScale(startMs, startMs + total / k, widthPx);
}

/** The zoom transform (k, x) that shows the window [startMs, endMs]. */
export function transformForWindow(
  totalMs: number,
  widthPx: number,
  startMs: number,
  endMs: number,
): { k: number; x: number } {
  const total = Math.max(totalMs, 1e-6);
  const k = total / Math.max(endMs - startMs, 1e-6);
  const basePxPerMs = widthPx / total;
  return { k, x: -startMs * k * basePxPerMs };
}
