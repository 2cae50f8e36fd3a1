// Span times arrive as epoch nanoseconds (fixed64). They are checked and converted with BigInt:
// ~1.8e18 does not fit a double exactly, so Number(ns) would already be wrong.
import { nanosToMicros, type EpochMicros } from '../../../shared/units.ts';
import { toBigInt } from './values.ts';

const NS_PER_S = 1_000_000_000n;
/** Earlier than this is almost always seconds or milliseconds sent where nanoseconds belong. */
export const MIN_TIME_NS = 946_684_800n * NS_PER_S; // 2000-01-01T00:00:00Z
export const MAX_TIME_NS = 7_258_118_400n * NS_PER_S; // 2200-01-01T00:00:00Z

/**
 * `exactNs`: the time as sent, when it has digits below the microsecond the store's times cannot
 * hold (the span keeps it as an attribute; see spanPatch.ts).
 */
export type TimeResult =
  | { ok: true; us: EpochMicros | null; exactNs?: string }
  | { ok: false; problem: string };

function describe(ns: bigint): string {
  if (ns < MIN_TIME_NS)
    return `${ns} ns is before 2000-01-01; times must be nanoseconds since the Unix epoch`;
  return `${ns} ns is after 2200-01-01`;
}

/** `required: false` lets 0/absent mean "not known" (an end time not reported yet). */
export function readTime(value: unknown, label: string, required: boolean): TimeResult {
  const ns = toBigInt(value);
  if (ns === null && value !== undefined && value !== null && value !== '') {
    return {
      ok: false,
      problem: `${label} must be an integer number of nanoseconds, got ${JSON.stringify(String(value).slice(0, 40))}`,
    };
  }
  if (ns === null || ns === 0n)
    return required ? { ok: false, problem: `${label} is missing` } : { ok: true, us: null };
  if (ns < MIN_TIME_NS || ns > MAX_TIME_NS) return { ok: false, problem: `${label}: ${describe(ns)}` };
  return ns % 1000n === 0n
    ? { ok: true, us: nanosToMicros(ns) }
    : { ok: true, us: nanosToMicros(ns), exactNs: ns.toString() };
}
