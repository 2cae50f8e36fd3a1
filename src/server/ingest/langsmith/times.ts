// LangSmith run times: ISO strings with microsecond digits (`2026-01-01T00:00:00.123456Z`; the SDK
// uses the last three digits as an ordering counter, which keeps them distinct and ordered), or
// epoch milliseconds as a number. Both become epoch microseconds.
import type { EpochMicros } from '../../../shared/units.ts';

const ISO = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/;

export function runTimeUs(value: unknown): EpochMicros | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0)
    return Math.round(value * 1000) as EpochMicros;
  if (typeof value !== 'string') return undefined;
  const match = ISO.exec(value.trim());
  if (!match) {
    const ms = Date.parse(value);
    return Number.isFinite(ms) ? ((ms * 1000) as EpochMicros) : undefined;
  }
  const [, seconds, fraction = '', zone = 'Z'] = match;
  const wholeMs = Date.parse(`${seconds}${zone}`);
  if (!Number.isFinite(wholeMs)) return undefined;
  const micros = Number(fraction.padEnd(6, '0').slice(0, 6));
  return (wholeMs * 1000 + micros) as EpochMicros;
}
