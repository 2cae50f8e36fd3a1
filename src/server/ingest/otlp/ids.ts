// Trace and span ids. OTLP/JSON writes them as hex (case-insensitive; a deviation from proto3
// JSON), protobuf as raw bytes. Some generic proto3 JSON writers still emit base64, which has a
// different length for the same byte count, so it is accepted unambiguously.

export type IdResult = { ok: true; hex: string | null } | { ok: false; problem: string };

const HEX = /^[0-9a-fA-F]+$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function fromBytes(bytes: Uint8Array, size: number, label: string): IdResult {
  if (bytes.length === 0) return { ok: true, hex: null };
  if (bytes.length !== size)
    return { ok: false, problem: `${label} must be ${size} bytes, got ${bytes.length}` };
  const hex = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
  return { ok: true, hex };
}

/**
 * Normalises an id to lowercase hex. `hex: null` means empty/absent. All-zero ids are reported
 * as `ok: true` with the zero string so each caller decides (invalid for trace/span ids,
 * "no parent" for parentSpanId).
 */
export function readId(value: unknown, size: 8 | 16, label: string): IdResult {
  if (value === undefined || value === null || value === '') return { ok: true, hex: null };
  if (value instanceof Uint8Array) return fromBytes(value, size, label);
  // protobufjs leaves an unset bytes field at its default, a plain empty array.
  if (Array.isArray(value))
    return value.length === 0 ? { ok: true, hex: null } : fromBytes(Uint8Array.from(value), size, label);
  if (typeof value !== 'string')
    return { ok: false, problem: `${label} must be a hex string, got ${typeof value}` };
  if (value.length === size * 2 && HEX.test(value)) return { ok: true, hex: value.toLowerCase() };
  const base64Length = Math.ceil(size / 3) * 4;
  if (value.length === base64Length && BASE64.test(value))
    return fromBytes(Buffer.from(value, 'base64'), size, label);
  return {
    ok: false,
    problem: `${label} must be ${size * 2} hex characters (${size} bytes), got ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`,
  };
}

export const isAllZero = (hex: string): boolean => /^0+$/.test(hex);
