// W3C trace-context ids, made on the client so no call waits for the collector: 32 lowercase hex
// digits for a trace, 16 for a span, never all zero. Random bytes come from
// crypto.getRandomValues in refills of a pool, because one call per id costs more than the id.

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const POOL_BYTES = 4096;
let pool = new Uint8Array(0);
let offset = POOL_BYTES;

function fallbackFill(bytes: Uint8Array): void {
  // Only for runtimes without Web Crypto (very old); ids stay unique enough for local tracing.
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
}

function takeBytes(count: number): number {
  if (offset + count > pool.length) {
    pool = new Uint8Array(POOL_BYTES);
    const crypto = (globalThis as { crypto?: { getRandomValues?: (b: Uint8Array) => Uint8Array } }).crypto;
    if (crypto?.getRandomValues) crypto.getRandomValues(pool);
    else fallbackFill(pool);
    offset = 0;
  }
  const start = offset;
  offset += count;
  return start;
}

function hexId(byteCount: number): string {
  const start = takeBytes(byteCount);
  let out = '';
  let zero = true;
  for (let i = start; i < start + byteCount; i++) {
    const byte = pool[i] as number;
    if (byte !== 0) zero = false;
    out += HEX[byte];
  }
  // An all-zero id is invalid in W3C trace context; the odds are 2^-64 but the rule is absolute.
  return zero ? hexId(byteCount) : out;
}

export function newTraceId(): string {
  return hexId(16);
}

export function newSpanId(): string {
  return hexId(8);
}

export function isTraceId(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{32}$/.test(value) && !/^0+$/.test(value);
}

export function isSpanId(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{16}$/.test(value) && !/^0+$/.test(value);
}
