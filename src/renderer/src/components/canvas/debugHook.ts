// A read-only window onto each canvas view for browser tests and the render benchmark:
// what is on screen (rows, window, where a span's mark is) and how long each frame's
// JavaScript took. Canvas pixels cannot be queried by selector, so tests read this instead.

export interface ViewDebug {
  /** JS milliseconds spent in each of the last frames drawn (a ring of up to 2,000). */
  frames: number[];
  /** requestAnimationFrame timestamps of the same frames. */
  frameStamps: number[];
  paints: number;
  [key: string]: unknown;
}

declare global {
  interface Window {
    __spyglassDebug?: Record<string, ViewDebug>;
  }
}

export function viewDebug(name: string): ViewDebug {
  window.__spyglassDebug ??= {};
  const root = window.__spyglassDebug;
  root[name] ??= { frames: [], frameStamps: [], paints: 0 };
  return root[name];
}

export function recordFrame(debug: ViewDebug, jsMs: number, stamp: number): void {
  debug.paints++;
  debug.frames.push(jsMs);
  debug.frameStamps.push(stamp);
  if (debug.frames.length > 2000) {
    debug.frames.splice(0, 1000);
    debug.frameStamps.splice(0, 1000);
  }
}
