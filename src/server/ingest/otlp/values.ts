// OTLP scalar and AnyValue decoding shared by the JSON and protobuf paths. Both hand us objects
// with the same camelCase field names (JSON.parse output, or protobufjs message instances), so
// one reader serves both; only the leaf representations differ (int64 as string/number vs Long,
// bytes as base64 text vs Uint8Array).
import { decodedAnyValueMember } from './protoSchema.ts';

/** AnyValue nesting deeper than this is replaced by a marker (attacker-controlled depth). */
export const MAX_VALUE_DEPTH = 32;
export const DEPTH_MARKER = `[spyglass: value nested deeper than ${MAX_VALUE_DEPTH} levels was cut here]`;

/** Reads `camel`, falling back to the snake_case spelling that plain proto3 JSON writers emit. */
export function pick(obj: unknown, camel: string, snake: string): unknown {
  if (obj === null || typeof obj !== 'object') return undefined;
  const record = obj as Record<string, unknown>;
  const value = record[camel];
  return value !== undefined && value !== null ? value : record[snake];
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

interface LongLike {
  low: number;
  high: number;
  unsigned?: boolean;
}

const isLong = (v: unknown): v is LongLike =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as LongLike).low === 'number' &&
  typeof (v as LongLike).high === 'number';

/** int64/fixed64 in any of its wire forms → bigint; null when absent or not an integer. */
export function toBigInt(value: unknown): bigint | null {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'string') {
    const text = value.trim();
    return /^-?\d{1,20}$/.test(text) ? BigInt(text) : null;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? BigInt(Math.trunc(value)) : null;
  if (isLong(value)) {
    const bits = (BigInt(value.high >>> 0) << 32n) | BigInt(value.low >>> 0);
    return value.unsigned ? bits : BigInt.asIntN(64, bits);
  }
  return null;
}

/** A 64-bit integer as a JS value without loss: a number when exact, else its decimal string. */
function int64ToJs(value: unknown): number | string | null {
  const big = toBigInt(value);
  if (big === null) return typeof value === 'string' ? value : null;
  return big <= BigInt(Number.MAX_SAFE_INTEGER) && big >= BigInt(Number.MIN_SAFE_INTEGER)
    ? Number(big)
    : big.toString();
}

export function bytesToBase64(value: unknown): string {
  if (typeof value === 'string') return value; // OTLP/JSON already carries bytes as base64
  if (value instanceof Uint8Array)
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  return '';
}

/** Assigns without letting a key named "__proto__" reach the prototype setter. */
export function setKey(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

const has = (obj: Record<string, unknown>, camel: string, snake: string): boolean =>
  (Object.hasOwn(obj, camel) && obj[camel] !== null && obj[camel] !== undefined) ||
  (Object.hasOwn(obj, snake) && obj[snake] !== null && obj[snake] !== undefined);

/** The AnyValue members, camelCase (protobufjs, OTLP/JSON) with the snake_case spelling proto3 JSON writers may use. */
const MEMBERS: ReadonlyArray<readonly [string, string]> = [
  ['stringValue', 'string_value'],
  ['boolValue', 'bool_value'],
  ['intValue', 'int_value'],
  ['doubleValue', 'double_value'],
  ['arrayValue', 'array_value'],
  ['kvlistValue', 'kvlist_value'],
  ['bytesValue', 'bytes_value'],
];

/** Which member an AnyValue holds: named by the protobuf decoder, else the first one present. */
function memberOf(v: Record<string, unknown>): string | undefined {
  const decoded = decodedAnyValueMember(v);
  if (decoded !== undefined) return decoded;
  for (const [camel, snake] of MEMBERS) if (has(v, camel, snake)) return camel;
  return undefined;
}

/** AnyValue → plain JS (string, boolean, number, int64 text, array, object, base64 text, or null). */
export function anyValueToJs(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return null;
  if (depth >= MAX_VALUE_DEPTH) return DEPTH_MARKER;
  const v = value as Record<string, unknown>;
  switch (memberOf(v)) {
    case 'stringValue':
      return String(pick(v, 'stringValue', 'string_value'));
    case 'boolValue':
      return pick(v, 'boolValue', 'bool_value') === true;
    case 'intValue':
      return int64ToJs(pick(v, 'intValue', 'int_value'));
    case 'doubleValue': {
      const d = pick(v, 'doubleValue', 'double_value');
      // proto3 JSON writes NaN and the infinities as strings; JSON cannot hold them as numbers.
      return typeof d === 'number'
        ? d
        : typeof d === 'string' && d.trim() !== '' && Number.isFinite(Number(d))
          ? Number(d)
          : String(d);
    }
    case 'arrayValue': {
      const items = asArray(pick(pick(v, 'arrayValue', 'array_value'), 'values', 'values'));
      return items.map((item) => anyValueToJs(item, depth + 1));
    }
    case 'kvlistValue': {
      const out: Record<string, unknown> = {};
      for (const kv of asArray(pick(pick(v, 'kvlistValue', 'kvlist_value'), 'values', 'values'))) {
        const key = pick(kv, 'key', 'key');
        if (typeof key === 'string') setKey(out, key, anyValueToJs(pick(kv, 'value', 'value'), depth + 1));
      }
      return out;
    }
    case 'bytesValue':
      return bytesToBase64(pick(v, 'bytesValue', 'bytes_value'));
    default:
      return null;
  }
}

export interface AttributeRead {
  attributes: Record<string, unknown>;
  /** How many attributes past `limit` were not read. */
  dropped: number;
}

/**
 * KeyValue[] → object. Reads at most `limit` entries, so a span with 100,000 attributes costs
 * `limit` conversions, not 100,000; the rest are only counted.
 */
export function readAttributes(list: unknown, limit: number): AttributeRead {
  const items = asArray(list);
  const attributes: Record<string, unknown> = {};
  const n = Math.min(items.length, limit);
  for (let i = 0; i < n; i++) {
    const kv = items[i];
    const key = pick(kv, 'key', 'key');
    if (typeof key === 'string' && key !== '')
      setKey(attributes, key, anyValueToJs(pick(kv, 'value', 'value')));
  }
  return { attributes, dropped: items.length - n };
}
