// Ruler ticks for a time axis measured from the trace start, from microseconds to hours.
// Steps are "nice" in the unit a reader thinks in: 1-2-5 × 10^k below ten seconds, then the
// clock's own divisions (15 s, 30 s, 1 min, 5 min...), so a ruler never says "40000ms".

const CLOCK_STEPS_MS = [
  10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000,
  10_800_000, 21_600_000, 43_200_000, 86_400_000,
];

/** The smallest nice step at least as large as `rawStepMs`. */
export function niceTimeStep(rawStepMs: number): number {
  if (!(rawStepMs > 0)) return 1;
  if (rawStepMs > 5_000) {
    for (const step of CLOCK_STEPS_MS) if (step >= rawStepMs) return step;
    return Math.ceil(rawStepMs / 86_400_000) * 86_400_000;
  }
  const power = 10 ** Math.floor(Math.log10(rawStepMs));
  for (const m of [1, 2, 5, 10]) if (m * power >= rawStepMs * (1 - 1e-9)) return m * power;
  return 10 * power;
}

export interface TimeTicks {
  stepMs: number;
  /** Tick positions in ms since trace start, ascending, inside [startMs, endMs]. */
  values: number[];
  labels: string[];
}

/** Ticks for the window [startMs, endMs] drawn over `widthPx`, about `spacingPx` apart. */
export function timeTicks(startMs: number, endMs: number, widthPx: number, spacingPx = 100): TimeTicks {
  const span = endMs - startMs;
  if (!(span > 0) || !(widthPx > 0)) return { stepMs: 1, values: [], labels: [] };
  const stepMs = niceTimeStep((span * spacingPx) / widthPx);
  const values: number[] = [];
  const labels: string[] = [];
  const first = Math.ceil(startMs / stepMs - 1e-9);
  for (let i = first; i * stepMs <= endMs + stepMs * 1e-9; i++) {
    const value = i * stepMs + 0; // + 0 turns -0 into 0
    values.push(value);
    labels.push(formatTick(value, stepMs));
    if (values.length > 1000) break; // a guard against a zero-width domain slipping through
  }
  return { stepMs, values, labels };
}

/** Decimal places needed to tell ticks `step` apart when written in `unitMs`. */
function decimalsFor(stepMs: number, unitMs: number): number {
  const ratio = stepMs / unitMs;
  return ratio >= 1 ? 0 : Math.min(6, Math.ceil(-Math.log10(ratio) - 1e-9));
}

/** One tick label; every tick of a ruler uses the same precision so labels line up. */
export function formatTick(valueMs: number, stepMs: number): string {
  if (valueMs === 0) return '0';
  const sign = valueMs < 0 ? '-' : '';
  const abs = Math.abs(valueMs);
  if (stepMs >= 1000 && abs >= 60_000) {
    const totalSeconds = Math.round(abs / 1000);
    const hours = Math.floor(totalSeconds / 3600);
    const minutes = Math.floor((totalSeconds % 3600) / 60);
    const seconds = totalSeconds % 60;
    const tail = seconds === 0 ? '' : ` ${String(seconds).padStart(2, '0')}s`;
    if (hours > 0) return `${sign}${hours}h ${String(minutes).padStart(2, '0')}m${tail}`;
    return `${sign}${minutes}m${tail}`;
  }
  if (abs >= 1000 && stepMs >= 1) return `${sign}${(abs / 1000).toFixed(decimalsFor(stepMs, 1000))}s`;
  if (abs >= 1) return `${sign}${abs.toFixed(decimalsFor(stepMs, 1))}ms`;
  return `${sign}${(abs * 1000).toFixed(decimalsFor(stepMs, 0.001))}µs`;
}
