// Small HTTP helpers shared by every route: JSON answers, errors with a status, bounded body reading.
import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createGunzip, createInflate, createBrotliDecompress } from 'node:zlib';
import type { Transform } from 'node:stream';
import type { ApiErrorBody } from '../../shared/types.ts';
import { boundDepth } from '../ingest/boundDepth.ts';
import { describeOffset, findJsonSyntaxError } from '../jsonSyntax.ts';

export const DEFAULT_MAX_BODY_BYTES = 20 * 1024 * 1024;

/** An answer other than 2xx, carrying the message (and the offending field) the client sees. */
export class HttpError extends Error {
  readonly status: number;
  readonly field: string | undefined;
  readonly headers: Record<string, string>;
  constructor(status: number, message: string, field?: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.field = field;
    this.headers = headers;
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  sendJsonText(res, status, JSON.stringify(body), headers);
}

const JSON_HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};

/** For answers already serialised (the trace answer is built as JSON text by SQLite). */
export function sendJsonText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { ...JSON_HEADERS, 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/**
 * A JSON answer written piece by piece (chunked), waiting for the socket to drain between pieces,
 * so a large answer is never held whole and a slow reader holds back only the next piece.
 */
export async function streamJsonText(
  res: ServerResponse,
  status: number,
  pieces: Iterable<string>,
  headers: Record<string, string> = {},
): Promise<void> {
  res.writeHead(status, { ...JSON_HEADERS, ...headers });
  for (const piece of pieces) {
    if (res.destroyed) return; // the client went away: stop querying for it
    if (!res.write(piece)) await once(res, 'drain');
  }
  res.end();
}

export function sendError(res: ServerResponse, error: HttpError): void {
  const body: ApiErrorBody = { error: error.message };
  if (error.field !== undefined) body.field = error.field;
  sendJson(res, error.status, body, error.headers);
}

function decoderFor(encoding: string | undefined): Transform | null {
  switch ((encoding ?? 'identity').trim().toLowerCase()) {
    case 'identity':
    case '':
      return null;
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      throw new HttpError(
        415,
        `Content-Encoding "${encoding}" is not supported; send gzip, deflate, br or no encoding`,
      );
  }
}

/**
 * Reads the whole body, decompressing on the way, and stops with 413 as soon as the decompressed
 * size passes `maxBytes` (so a small gzip bomb cannot make the server hold gigabytes).
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // The rest of the body is drained, and the connection stays open until it has arrived: a
    // client that streams its body without waiting for 100-continue is still writing when the 413
    // goes out, and closing then made it fail with EPIPE / "other side closed" instead of reading
    // the answer. A body that never ends is cut by the server's request timeout (connections.ts).
    const tooLarge = () =>
      new HttpError(
        413,
        `The request body is larger than ${maxBytes} bytes (after decompression); send smaller batches`,
      );
    const declared = Number(req.headers['content-length']);
    if (!req.headers['content-encoding'] && Number.isFinite(declared) && declared > maxBytes) {
      req.resume();
      reject(tooLarge());
      return;
    }
    let decoder: Transform | null;
    try {
      decoder = decoderFor(req.headers['content-encoding']);
    } catch (error) {
      req.resume();
      reject(error);
      return;
    }
    const source = decoder ? req.pipe(decoder) : req;
    // With a declared length and no encoding, chunks are copied into one buffer as they arrive
    // (one copy, no chunk list, no concat at the end); otherwise they are collected and joined.
    const whole =
      !decoder && Number.isSafeInteger(declared) && declared > 0 ? Buffer.allocUnsafe(declared) : null;
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (error: Error | null) => {
      if (done) return;
      done = true;
      if (error) {
        if (decoder) req.unpipe(decoder);
        decoder?.destroy();
        req.resume(); // drain, so the answer can still be sent on this connection
        reject(error);
      } else if (whole) resolve(size === whole.length ? whole : whole.subarray(0, size));
      else resolve(Buffer.concat(chunks, size));
    };
    source.on('data', (chunk: Buffer) => {
      const at = size;
      size += chunk.length;
      if (size > maxBytes) finish(tooLarge());
      else if (done) return;
      else if (whole && size <= whole.length) chunk.copy(whole, at);
      else if (whole) finish(new HttpError(400, 'The request body is longer than its Content-Length'));
      else chunks.push(chunk);
    });
    source.on('end', () => finish(null));
    source.on('error', (error) =>
      finish(decoder ? new HttpError(400, `The body could not be decompressed: ${error.message}`) : error),
    );
    req.on('aborted', () => finish(new HttpError(400, 'The request was aborted before its body ended')));
  });
}

/** Parses a JSON body; a syntax error becomes a 400 that names where the JSON broke. */
export function parseJson(body: Buffer): unknown {
  const text = body.toString('utf8');
  try {
    return boundDepth(JSON.parse(text));
  } catch (error) {
    if (text.trim() === '') throw new HttpError(400, 'The request body is empty; send a JSON document');
    const problem = findJsonSyntaxError(text);
    const where = problem === null ? '' : ` at ${describeOffset(text, problem.index)} (${problem.message})`;
    throw new HttpError(400, `The body is not valid JSON${where}: ${(error as Error).message}`);
  }
}

export function isJsonContentType(req: IncomingMessage): boolean {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  return type === '' || type === 'application/json' || type.endsWith('+json');
}
