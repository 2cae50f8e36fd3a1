// Epoch milliseconds with a microsecond fraction. performance.now() is monotonic and sub-ms;
// anchored to timeOrigin it gives wall-clock times whose differences are exact durations.

const perf = (globalThis as { performance?: { now(): number; timeOrigin?: number } }).performance;
const origin = perf && typeof perf.timeOrigin === 'number' ? perf.timeOrigin : undefined;

export function nowMs(): number {
  if (perf && origin !== undefined) return Math.round((origin + perf.now()) * 1000) / 1000;
  return Date.now();
}
