// A cursor over JSON bytes that finds where values start and end without building them, so a
// large OTLP/JSON file can be walked and parsed a few spans at a time (otlpJsonPieces.ts). It
// checks only the structure it walks (brackets, commas, colons, strings); every value's bytes are
// still given to JSON.parse by its caller, which is what validates them. It walks forward only,
// so a file is scanned once, a piece at a time, never whole before the first piece is parsed.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
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

export class JsonCursor {
  readonly bytes: Uint8Array;
  pos: number;

  constructor(bytes: Uint8Array, pos = 0) {
    this.bytes = bytes;
    this.pos = pos;
  }

  /** Skips whitespace; returns the next byte (undefined at the end). */
  peek(): number | undefined {
    const bytes = this.bytes;
    let i = this.pos;
    while (i < bytes.length) {
      const c = bytes[i];
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      i++;
    }
    this.pos = i;
    return bytes[i];
  }

  atEnd(): boolean {
    return this.peek() === undefined;
  }

  /** Consumes `byte` (after whitespace) or throws. */
  expect(byte: number): void {
    if (this.peek() !== byte)
      throw new JsonShapeError(`expected ${String.fromCharCode(byte)} at byte ${this.pos}`);
    this.pos++;
  }

  /** Consumes `byte` if it comes next. */
  accept(byte: number): boolean {
    if (this.peek() !== byte) return false;
    this.pos++;
    return true;
  }

  /** Reads an object's key and its colon; returns the key. */
  key(): string {
    if (this.peek() !== QUOTE) throw new JsonShapeError(`expected a key at byte ${this.pos}`);
    const start = this.pos;
    this.pos = endOfString(this.bytes, start);
    const raw = Buffer.from(this.bytes.buffer, this.bytes.byteOffset + start, this.pos - start).toString(
      'utf8',
    );
    this.expect(0x3a);
    return raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
  }

  /** Steps over the next value; returns its range. Iterative, so any depth. */
  skip(): Range {
    const bytes = this.bytes;
    const start = this.pos;
    const first = this.peek();
    const from = this.pos;
    if (first === undefined) throw new JsonShapeError(`no value at byte ${start}`);
    if (first === QUOTE) this.pos = endOfString(bytes, from);
    else if (first !== OPEN_OBJECT && first !== OPEN_ARRAY) {
      // A number, true, false or null: up to the next delimiter.
      let j = from;
      while (j < bytes.length) {
        const c = bytes[j];
        if (
          c === 0x2c ||
          c === CLOSE_ARRAY ||
          c === CLOSE_OBJECT ||
          c === 0x20 ||
          c === 0x0a ||
          c === 0x0d ||
          c === 0x09
        )
          break;
        j++;
      }
      if (j === from) throw new JsonShapeError(`no value at byte ${from}`);
      this.pos = j;
    } else {
      let depth = 0;
      let j = from;
      for (; j < bytes.length; j++) {
        const c = bytes[j];
        if (c === QUOTE) j = endOfString(bytes, j) - 1;
        else if (c === OPEN_OBJECT || c === OPEN_ARRAY) depth++;
        else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
          depth--;
          if (depth === 0) break;
        }
      }
      if (j >= bytes.length) throw new JsonShapeError('unterminated object or array');
      this.pos = j + 1;
    }
    return { start: from, end: this.pos };
  }

  /** After an element or member: true if another follows (a comma), false at `close`. */
  next(close: typeof CLOSE_ARRAY | typeof CLOSE_OBJECT): boolean {
    if (this.accept(0x2c)) return true;
    this.expect(close);
    return false;
  }

  text(range: Range): string {
    return Buffer.from(
      this.bytes.buffer,
      this.bytes.byteOffset + range.start,
      range.end - range.start,
    ).toString('utf8');
  }
}

export const BYTE = { OPEN_OBJECT, CLOSE_OBJECT, OPEN_ARRAY, CLOSE_ARRAY } as const;

/** `i` at an opening quote; returns the index after the closing one. */
function endOfString(bytes: Uint8Array, i: number): number {
  for (let j = i + 1; j < bytes.length; j++) {
    const c = bytes[j];
    if (c === BACKSLASH) j++;
    else if (c === QUOTE) return j + 1;
  }
  throw new JsonShapeError('unterminated string');
}
