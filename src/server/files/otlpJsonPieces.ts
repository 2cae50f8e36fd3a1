// An OTLP/JSON document read a few spans at a time. JSON.parse of a whole 240 MB file holds the
// event loop for seconds and builds every span at once (the import peaked at 6× the file's size);
// here the bytes are walked forward (jsonScan.ts) into each spans array, and each run of spans of
// at most PIECE_BYTES is parsed alone and handed out as a small ExportTraceServiceRequest of its
// own, with its resource and scope. Every byte still goes through JSON.parse: the members around
// the spans arrays are parsed as "shells" (the object without its big array). A resource or scope
// written after its spans (legal, never seen from an exporter) cannot be applied to spans already
// handed out: that throws JsonShapeError, and the caller reads the file whole instead.
import { MAX_JSON_DEPTH, boundDepth } from '../ingest/boundDepth.ts';
import { BYTE, type JsonCursor, JsonShapeError, type Range } from './jsonScan.ts';

/** Bytes of spans parsed at once: small enough that parsing and committing one piece stays short. */
export const PIECE_BYTES = 256 * 1024;

const RESOURCE_SPANS = ['resourceSpans', 'resource_spans'];
const SCOPE_SPANS = ['scopeSpans', 'scope_spans'];
const SPANS = ['spans'];

type Json = Record<string, unknown>;

export interface OtlpPiece {
  /** A small OTLP/JSON request holding some of the document's spans. */
  request: Json;
  /** A field path the decoder named in `request` (e.g. "resourceSpans[0]…spans[3]"), as in the file. */
  fieldInFile(field: string): string;
}

/** Rewrites the leading indices of a field path in a piece to where the piece sits in the file. */
function locator(resource: number, scope?: number, firstSpan?: number): (field: string) => string {
  return (field) =>
    field.replace(
      /^resourceSpans\[0\](?:\.(\w+)\[0\](?:\.spans\[(\d+)\])?)?/,
      (_, scopeKey: string | undefined, span: string | undefined) =>
        `resourceSpans[${resource}]${scopeKey === undefined ? '' : `.${scopeKey}[${scope ?? 0}]`}${
          span === undefined ? '' : `.spans[${Number(span) + (firstSpan ?? 0)}]`
        }`,
    );
}

/** Parses an object's members other than the streamed array, depth-bounded for where it sits. */
function shellOf(c: JsonCursor, members: readonly Range[], depthInFile: number): Json {
  const shell = JSON.parse(`{${members.map((m) => c.text(m)).join(',')}}`) as Json;
  return boundDepth(shell, MAX_JSON_DEPTH - depthInFile);
}

interface ObjectWalk {
  /** Names of the member whose array is streamed. */
  keys: readonly string[];
  /** Members that must come before the streamed array, since they apply to its elements. */
  mustPrecede: readonly string[];
  depthInFile: number;
  /** Walks the streamed array's elements (the cursor is after its '['), through its ']'. */
  stream(shell: Json, key: string): Generator<OtlpPiece>;
  /** The object had no such array: it is handed on whole. */
  whole(shell: Json): Generator<OtlpPiece>;
}

function* walkObject(c: JsonCursor, walk: ObjectWalk): Generator<OtlpPiece> {
  c.expect(BYTE.OPEN_OBJECT);
  const members: Range[] = [];
  let streamed = false;
  if (!c.accept(BYTE.CLOSE_OBJECT)) {
    do {
      c.peek();
      const start = c.pos;
      const key = c.key();
      if (!streamed && walk.keys.includes(key) && c.peek() === BYTE.OPEN_ARRAY) {
        streamed = true;
        const shell = shellOf(c, members, walk.depthInFile);
        c.pos++;
        yield* walk.stream(shell, key);
        continue;
      }
      const value = c.skip();
      if (streamed && walk.mustPrecede.includes(key))
        throw new JsonShapeError(`"${key}" at byte ${start} comes after the spans it applies to`);
      members.push({ start, end: value.end });
    } while (c.next(BYTE.CLOSE_OBJECT));
  }
  const shell = shellOf(c, members, walk.depthInFile); // parses (checks) the members after the array too
  if (!streamed) yield* walk.whole(shell);
}

/** Calls `each(index)` for every element of the array whose '[' the cursor has just passed. */
function* elements(c: JsonCursor, each: (index: number) => Generator<OtlpPiece>): Generator<OtlpPiece> {
  if (c.accept(BYTE.CLOSE_ARRAY)) return;
  let index = 0;
  do yield* each(index++);
  while (c.next(BYTE.CLOSE_ARRAY));
}

/**
 * The pieces of the OTLP/JSON document at the cursor, in file order; the cursor ends after it.
 * Throws JsonShapeError when it is not shaped as one (e.g. a Spyglass trace file), and SyntaxError
 * when a part is not valid JSON: the caller then reads the file whole, for its answer.
 */
export function* otlpJsonPieces(c: JsonCursor): Generator<OtlpPiece> {
  if (c.peek() !== BYTE.OPEN_OBJECT) throw new JsonShapeError('not an object');
  yield* walkObject(c, {
    keys: RESOURCE_SPANS,
    mustPrecede: ['format'],
    depthInFile: 0,
    whole: () => {
      throw new JsonShapeError('no resourceSpans array');
    },
    stream: (document, resourceKey) => {
      if ('format' in document) throw new JsonShapeError('a Spyglass trace file');
      const request = (resource: unknown): Json => ({ ...document, [resourceKey]: [resource] });
      return elements(c, (r) => resourcePieces(c, r, request));
    },
  });
}

function* resourcePieces(
  c: JsonCursor,
  r: number,
  request: (resource: unknown) => Json,
): Generator<OtlpPiece> {
  if (c.peek() !== BYTE.OPEN_OBJECT) {
    // Not an object: handed on for the decoder to name what is wrong with it.
    yield { request: request(JSON.parse(c.text(c.skip()))), fieldInFile: locator(r) };
    return;
  }
  yield* walkObject(c, {
    keys: SCOPE_SPANS,
    mustPrecede: ['resource', 'instrumentationLibrarySpans', 'instrumentation_library_spans'],
    depthInFile: 2,
    *whole(shell) {
      yield { request: request(shell), fieldInFile: locator(r) };
    },
    stream: (resource, scopeKey) =>
      elements(c, (s) => scopePieces(c, s, (scope) => request({ ...resource, [scopeKey]: [scope] }), r)),
  });
}

function* scopePieces(
  c: JsonCursor,
  s: number,
  request: (scope: unknown) => Json,
  r: number,
): Generator<OtlpPiece> {
  if (c.peek() !== BYTE.OPEN_OBJECT) {
    yield { request: request(JSON.parse(c.text(c.skip()))), fieldInFile: locator(r, s) };
    return;
  }
  yield* walkObject(c, {
    keys: SPANS,
    mustPrecede: ['scope', 'instrumentationLibrary', 'instrumentation_library'],
    depthInFile: 4,
    *whole(shell) {
      yield { request: request(shell), fieldInFile: locator(r, s) };
    },
    *stream(scope) {
      // Runs of spans up to PIECE_BYTES, each parsed as one JSON array.
      let first = 0;
      let count = 0;
      let run: Range | null = null;
      const piece = (): OtlpPiece => {
        const spans = JSON.parse(`[${c.text(run!)}]`) as unknown[];
        // The array sits 6 levels into the file (request → resourceSpans → … → spans).
        const bounded = boundDepth(spans, MAX_JSON_DEPTH - 5);
        return { request: request({ ...scope, spans: bounded }), fieldInFile: locator(r, s, first) };
      };
      if (c.accept(BYTE.CLOSE_ARRAY)) return;
      do {
        const span = c.skip();
        if (run && span.end - run.start > PIECE_BYTES) {
          yield piece();
          first += count;
          count = 0;
          run = null;
        }
        run = run ? { start: run.start, end: span.end } : span;
        count++;
      } while (c.next(BYTE.CLOSE_ARRAY));
      if (run) yield piece();
    },
  });
}
