// Time units. The store keeps integer epoch microseconds; the API speaks epoch milliseconds with a
// fractional part. Conversions live here so that no module divides by a magic 1000 on its own.

/** Integer microseconds since the Unix epoch. Exact in a JS number until the year 2255. */
export type EpochMicros = number;
/** Milliseconds since the Unix epoch, fraction allowed (µs precision). */
export type EpochMillis = number;

export const microsToMillis = (us: EpochMicros): EpochMillis => us / 1000;
export const millisToMicros = (ms: EpochMillis): EpochMicros => Math.round(ms * 1000);

/** Epoch nanoseconds as a decimal string or bigint (OTLP) → integer microseconds, without float rounding. */
export function nanosToMicros(ns: string | bigint): EpochMicros {
  const value = typeof ns === 'bigint' ? ns : BigInt(ns);
  return Number(value / 1000n);
}

/**
 * US dollars rounded to 1e-12 (a millionth of a micro-dollar, far below any price step), so sums
 * and rate × tokens products are stored and shown without float noise: 5.6099999999999995e-05
 * becomes 5.61e-05.
 */
export const roundUsd = (usd: number): number => Math.round(usd * 1e12) / 1e12;
