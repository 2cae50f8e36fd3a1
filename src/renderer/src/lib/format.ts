// Human-readable numbers for every view: durations, tokens, cost, bytes.
// Each returns a short string with a unit; null/NaN input becomes an em dash so a cell never
// shows "NaN ms".

const DASH = '—';

function isMissing(value: number | null | undefined): value is null | undefined {
  return value === null || value === undefined || Number.isNaN(value);
}

/** Up to 3 significant figures, trailing zeros dropped: 1.50 → "1.5", 123.4 → "123". */
function sig3(value: number): string {
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return String(Number(value.toFixed(digits)));
}

/** Milliseconds → "850µs", "12.3ms", "4.56s", "2m 05s", "1h 02m". */
export function formatDuration(ms: number | null | undefined): string {
  if (isMissing(ms)) return DASH;
  if (ms < 0) return `-${formatDuration(-ms)}`;
  if (ms === 0) return '0ms';
  if (ms < 0.9995) return `${sig3(ms * 1000)}µs`;
  if (ms < 1000) return ms >= 999.5 ? '1s' : `${sig3(ms)}ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return seconds >= 59.95 ? '1m 00s' : `${sig3(seconds)}s`;
  const totalSeconds = Math.round(seconds);
  if (totalSeconds < 3600) {
    const m = Math.floor(totalSeconds / 60);
    return `${m}m ${String(totalSeconds % 60).padStart(2, '0')}s`;
  }
  const totalMinutes = Math.round(totalSeconds / 60);
  const h = Math.floor(totalMinutes / 60);
  return `${h}h ${String(totalMinutes % 60).padStart(2, '0')}m`;
}

/** Token counts: 950 → "950", 1234 → "1.2k", 1_500_000 → "1.5M". */
export function formatTokens(tokens: number | null | undefined): string {
  if (isMissing(tokens)) return DASH;
  const abs = Math.abs(tokens);
  if (abs < 1000) return String(Math.round(tokens));
  if (abs < 999_950) return `${Number((tokens / 1000).toFixed(abs < 9950 ? 1 : 0))}k`;
  return `${Number((tokens / 1_000_000).toFixed(1))}M`;
}

/** US dollars with enough digits to tell LLM calls apart: "$0.0012", "$0.35", "$12.40". */
export function formatCost(usd: number | null | undefined): string {
  if (isMissing(usd)) return DASH;
  if (usd === 0) return '$0';
  const abs = Math.abs(usd);
  const sign = usd < 0 ? '-' : '';
  if (abs >= 1) return `${sign}$${abs.toFixed(2)}`;
  if (abs >= 0.01) return `${sign}$${Number(abs.toFixed(3))}`;
  if (abs >= 0.0001) return `${sign}$${Number(abs.toFixed(4))}`;
  // Below a hundredth of a cent: two significant figures, so cheap calls still compare.
  return `${sign}$${Number(abs.toPrecision(2))}`;
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** Bytes in powers of 1024: 512 → "512 B", 1536 → "1.5 KB". */
export function formatBytes(bytes: number | null | undefined): string {
  if (isMissing(bytes)) return DASH;
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${Math.round(value)} B` : `${sig3(value)} ${BYTE_UNITS[unit]}`;
}

/** Plain integer with thousands separators: 100000 → "100,000". */
/** One formatter for every count: toLocaleString() builds a new one per call (~50 µs each, which
 * adds up in a 500-row table). Same options, same output. */
const COUNT_FORMAT = new Intl.NumberFormat('en-US');

export function formatCount(count: number | null | undefined): string {
  if (isMissing(count)) return DASH;
  return COUNT_FORMAT.format(Math.round(count));
}

/** A count with its noun, singular for one: "1 span", "1,204 spans". */
export function formatCounted(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(count)} ${Math.round(count) === 1 ? singular : plural}`;
}

/** A fraction as a percentage: 0.1234 → "12.3%". */
export function formatPercent(fraction: number | null | undefined): string {
  if (isMissing(fraction)) return DASH;
  if (fraction > 0 && fraction < 0.0001) return '<0.01%';
  return `${sig3(fraction * 100)}%`;
}
