// Plain JS values → OTLP/JSON AnyValue and KeyValue lists (the encoding the OTLP endpoint reads
// back, src/server/ingest/otlp/values.ts): int64 as decimal strings, objects as kvlists. Nesting
// past MAX_DEPTH is sent as its JSON text, which the ingest side would cut anyway.

const MAX_DEPTH = 30;

export interface AnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string;
  doubleValue?: number;
  arrayValue?: { values: AnyValue[] };
  kvlistValue?: { values: KeyValue[] };
}

export interface KeyValue {
  key: string;
  value: AnyValue;
}

export function toAnyValue(value: unknown, depth = 0): AnyValue {
  if (value === null || value === undefined) return {};
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number')
    return Number.isSafeInteger(value) ? { intValue: String(value) } : { doubleValue: value };
  if (typeof value === 'bigint') return { intValue: value.toString() };
  if (depth >= MAX_DEPTH) return { stringValue: JSON.stringify(value) ?? '' };
  if (Array.isArray(value))
    return { arrayValue: { values: value.map((item) => toAnyValue(item, depth + 1)) } };
  if (typeof value === 'object')
    return { kvlistValue: { values: toKeyValues(value as Record<string, unknown>, depth + 1) } };
  return { stringValue: String(value) };
}

export function toKeyValues(record: Record<string, unknown>, depth = 0): KeyValue[] {
  const out: KeyValue[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (value !== undefined) out.push({ key, value: toAnyValue(value, depth) });
  }
  return out;
}

/** Epoch milliseconds (µs fraction) → epoch nanoseconds as a decimal string, exact via BigInt. */
export function millisToNanoString(ms: number): string {
  return (BigInt(Math.round(ms * 1000)) * 1000n).toString();
}
