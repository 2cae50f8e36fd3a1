// A structural walk over JSON bytes that finds where values start and end without building them,
// so a large OTLP/JSON file can be parsed a few spans at a time (otlpJsonPieces.ts). It checks only
// the structure it walks (brackets, commas, colons, strings); the bytes of every value are still
// given to JSON.parse by its caller, which is what validates them.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/** The bytes are not the JSON structure expected; the caller falls back to parsing them whole. */
export class JsonShapeError extends Error {}

export interface Range {
  start: number;
  end: number;
}

export function skipWhitespace(bytes: Uint8Array, i: number): number {
  while (i < bytes.length) {
    const c = bytes[i];
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    i++;
  }
  return i;
}

/** `i` at an opening quote; returns the index after the closing one. */
function skipString(bytes: Uint8Array, i: number): number {
  for (let j = i + 1; j < bytes.length; j++) {
    const c = bytes[j];
    if (c === BACKSLASH) j++;
    else if (c === QUOTE) return j + 1;
  }
  throw new JsonShapeError('unterminated string');
}

/** `i` at the first byte of a value; returns the index after its last byte. Iterative: any depth. */
export function skipValue(bytes: Uint8Array, i: number): number {
  const first = bytes[i];
  if (first === QUOTE) return skipString(bytes, i);
  if (first !== OPEN_OBJECT && first !== OPEN_ARRAY) {
    // A number, true, false or null: up to the next delimiter.
    let j = i;
    while (j < bytes.length) {
      const c = bytes[j];
      if (c === COMMA || c === CLOSE_ARRAY || c === CLOSE_OBJECT || c === 0x20 || c === 0x0a || c === 0x0d)
        break;
      if (c === 0x09) break;
      j++;
    }
    if (j === i) throw new JsonShapeError(`no value at byte ${i}`);
    return j;
  }
  let depth = 0;
  for (let j = i; j < bytes.length; j++) {
    const c = bytes[j];
    if (c === QUOTE) j = skipString(bytes, j) - 1;
    else if (c === OPEN_OBJECT || c === OPEN_ARRAY) depth++;
    else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  throw new JsonShapeError('unterminated object or array');
}

/** The elements of the array whose '[' is at `i`; `end` of the last one is before the ']'. */
export function arrayElements(bytes: Uint8Array, i: number): { elements: Range[]; end: number } {
  if (bytes[i] !== OPEN_ARRAY) throw new JsonShapeError(`no array at byte ${i}`);
  const elements: Range[] = [];
  let j = skipWhitespace(bytes, i + 1);
  if (bytes[j] === CLOSE_ARRAY) return { elements, end: j + 1 };
  for (;;) {
    const end = skipValue(bytes, j);
    elements.push({ start: j, end });
    j = skipWhitespace(bytes, end);
    if (bytes[j] === CLOSE_ARRAY) return { elements, end: j + 1 };
    if (bytes[j] !== COMMA) throw new JsonShapeError(`expected , or ] at byte ${j}`);
    j = skipWhitespace(bytes, j + 1);
  }
}

/** The value of the first of `keys` in the object whose '{' is at `i`, or null if it has none. */
export function memberValue(bytes: Uint8Array, i: number, keys: readonly string[]): Range | null {
  if (bytes[i] !== OPEN_OBJECT) throw new JsonShapeError(`no object at byte ${i}`);
  let j = skipWhitespace(bytes, i + 1);
  if (bytes[j] === CLOSE_OBJECT) return null;
  for (;;) {
    if (bytes[j] !== QUOTE) throw new JsonShapeError(`expected a key at byte ${j}`);
    const keyEnd = skipString(bytes, j);
    const key = Buffer.from(bytes.buffer, bytes.byteOffset + j + 1, keyEnd - j - 2).toString('utf8');
    j = skipWhitespace(bytes, keyEnd);
    if (bytes[j] !== COLON) throw new JsonShapeError(`expected : at byte ${j}`);
    const start = skipWhitespace(bytes, j + 1);
    const end = skipValue(bytes, start);
    if (keys.includes(key)) return { start, end };
    j = skipWhitespace(bytes, end);
    if (bytes[j] === CLOSE_OBJECT) return null;
    if (bytes[j] !== COMMA) throw new JsonShapeError(`expected , or } at byte ${j}`);
    j = skipWhitespace(bytes, j + 1);
  }
}
