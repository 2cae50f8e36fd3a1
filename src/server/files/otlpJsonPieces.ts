// An OTLP/JSON file read a few spans at a time. JSON.parse of a whole 240 MB file holds the event
// loop for seconds and builds every span at once (the import peaked at 6× the file's size); here
// the bytes are walked (jsonScan.ts) to the spans arrays, and each piece of at most PIECE_BYTES is
// parsed alone and handed out as a small ExportTraceServiceRequest of its own, with its resource
// and scope. Every byte of the file still goes through JSON.parse: the parts outside the spans
// arrays are parsed as "shells" (the object with its big array replaced by []).
import { boundDepth, MAX_JSON_DEPTH } from '../ingest/boundDepth.ts';
import {
  JsonShapeError,
  arrayElements,
  memberValue,
  skipWhitespace,
  skipValue,
  type Range,
} from './jsonScan.ts';

/** Bytes of spans parsed at once: small enough that parsing and committing one piece stays short. */
export const PIECE_BYTES = 512 * 1024;

const RESOURCE_SPANS = ['resourceSpans', 'resource_spans'];
const SCOPE_SPANS = ['scopeSpans', 'scope_spans'];
const SPANS = ['spans'];
/** A span in the file sits 6 levels below the document (request → resourceSpans → … → spans). */
const SPAN_DEPTH_IN_FILE = 6;

export { JsonShapeError };

export interface OtlpPiece {
  /** A small OTLP/JSON request holding some of the file's spans. */
  request: unknown;
  /** Bytes of the file read so far, for progress. */
  doneBytes: number;
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

/**
 * The pieces of an OTLP/JSON document held in `bytes[range]`, in file order. Throws JsonShapeError
 * when the bytes are not shaped as one (the caller parses them whole, for its error message), and
 * SyntaxError from JSON.parse when a part is not valid JSON.
 */
export function* otlpJsonPieces(
  bytes: Uint8Array,
  range: Range = { start: 0, end: bytes.length },
): Generator<OtlpPiece> {
  const text = (r: Range) =>
    Buffer.from(bytes.buffer, bytes.byteOffset + r.start, r.end - r.start).toString('utf8');
  const start = skipWhitespace(bytes, range.start);
  const end = skipValue(bytes, start);
  if (skipWhitespace(bytes, end) < range.end) throw new JsonShapeError(`trailing bytes after byte ${end}`);
  const resources = memberValue(bytes, start, RESOURCE_SPANS);
  if (!resources) throw new JsonShapeError('no resourceSpans');
  const shellOf = (outer: Range, inner: Range): Record<string, unknown> => {
    const shell = JSON.parse(
      `${text({ start: outer.start, end: inner.start })}[]${text({ start: inner.end, end: outer.end })}`,
    );
    if (typeof shell !== 'object' || shell === null || Array.isArray(shell))
      throw new JsonShapeError('not an object');
    return boundDepth(shell);
  };
  const document = shellOf({ start, end }, resources);
  if ('format' in document) throw new JsonShapeError('a Spyglass trace file');
  if (bytes[resources.start] !== 0x5b) throw new JsonShapeError('resourceSpans is not an array');
  const resourceKey = RESOURCE_SPANS.find((key) => key in document)!;
  for (const [r, resource] of arrayElements(bytes, resources.start).elements.entries()) {
    const scopes = bytes[resource.start] === 0x7b ? memberValue(bytes, resource.start, SCOPE_SPANS) : null;
    if (!scopes || bytes[scopes.start] !== 0x5b) {
      // Not the usual shape: handed on whole, for the decoder to accept or name what is wrong.
      yield {
        request: { ...document, [resourceKey]: [boundDepth(JSON.parse(text(resource)))] },
        doneBytes: resource.end,
        fieldInFile: locator(r),
      };
      continue;
    }
    const resourceShell = shellOf(resource, scopes);
    const scopeKey = SCOPE_SPANS.find((key) => key in resourceShell)!;
    for (const [s, scope] of arrayElements(bytes, scopes.start).elements.entries()) {
      const spans = bytes[scope.start] === 0x7b ? memberValue(bytes, scope.start, SPANS) : null;
      if (!spans || bytes[spans.start] !== 0x5b) {
        const whole = boundDepth(JSON.parse(text(scope)));
        yield {
          request: { ...document, [resourceKey]: [{ ...resourceShell, [scopeKey]: [whole] }] },
          doneBytes: scope.end,
          fieldInFile: locator(r, s),
        };
        continue;
      }
      const scopeShell = shellOf(scope, spans);
      const elements = arrayElements(bytes, spans.start).elements;
      for (let i = 0; i < elements.length; ) {
        let j = i + 1;
        while (j < elements.length && elements[j]!.end - elements[i]!.start <= PIECE_BYTES) j++;
        const parsed = JSON.parse(
          `[${text({ start: elements[i]!.start, end: elements[j - 1]!.end })}]`,
        ) as unknown[];
        const piece = boundDepth(parsed, MAX_JSON_DEPTH - SPAN_DEPTH_IN_FILE + 1);
        const request = {
          ...document,
          [resourceKey]: [{ ...resourceShell, [scopeKey]: [{ ...scopeShell, spans: piece }] }],
        };
        yield { request, doneBytes: elements[j - 1]!.end, fieldInFile: locator(r, s, i) };
        i = j;
      }
    }
  }
}
