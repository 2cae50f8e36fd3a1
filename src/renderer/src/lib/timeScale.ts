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

/**
 * The window a d3-zoom transform shows. The untransformed axis maps [0, totalMs] onto the pixel
 * range [leftPx, rightPx] of the element; the transform maps element pixels p → p·k + x, so
 * zooming around the cursor works in the element's own coordinates.
 */
export function windowFromTransform(
  totalMs: number,
  leftPx: number,
  rightPx: number,
  k: number,
  x: number,
): TimeScale {
  const total = Math.max(totalMs, 1e-6);
  const widthPx = Math.max(rightPx - leftPx, 1);
  const basePxPerMs = widthPx / total;
  const startMs = ((leftPx - x) / k - leftPx) / basePxPerMs;
  return makeTimeScale(startMs, startMs + total / k, widthPx);
}

/** The transform (k, x) that shows the window [startMs, endMs]; inverse of windowFromTransform. */
export function transformForWindow(
  totalMs: number,
  leftPx: number,
  rightPx: number,
  startMs: number,
  endMs: number,
): { k: number; x: number } {
  const total = Math.max(totalMs, 1e-6);
  const widthPx = Math.max(rightPx - leftPx, 1);
  const k = total / Math.max(endMs - startMs, 1e-9);
  const basePxPerMs = widthPx / total;
  return { k, x: leftPx - k * (leftPx + startMs * basePxPerMs) };
}
