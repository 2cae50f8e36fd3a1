// What the decoder thread does with one request body, kept apart from its entry (worker.ts) so it
// can run, and be tested, without a thread: decode, validate and map the body into a batch, then
// serialise the span payloads to JSON text (strings cross threads as cheap copies; object graphs
// would cost the request thread almost as much to rebuild as decoding them did).
import type { NormalizedBatch } from '../../ingest/model.ts';
import { OtlpDecodeError, decodeOtlpTraces, type OtlpEncoding, type OtlpIngest } from '../../ingest/otlp/index.ts';
import { withEncodedPayloads } from '../../ingest/payload.ts';
import { IngestRequestError, validateIngest, type ValidatedIngest } from '../../ingest/spyglass/validate.ts';
import { foldPatchesBySpan } from '../../store/spanMerge.ts';
import { HttpError, parseJson } from '../http.ts';

export type DecodeRequest = { kind: 'otlp'; body: Uint8Array; encoding: OtlpEncoding } | { kind: 'sdk'; body: Uint8Array };
export type DecodeJob = DecodeRequest & { id: number };

/** What a request decodes to, by kind. */
export interface Decoded {
  otlp: OtlpIngest;
  sdk: ValidatedIngest;
}

/** An error crossing the thread boundary: classes do not survive structured cloning, so they are rebuilt. */
export type DecodeFailure =
  | { type: 'otlp'; message: string }
  | { type: 'request'; field: string; message: string }
  | { type: 'http'; status: number; message: string; field?: string }
  | { type: 'internal'; message: string };

export type DecodeAnswer =
  /** Sent once, when the thread has loaded: a crash after it is a crash, not a failure to start. */
  | { ready: true }
  | { id: number; ok: true; decoded: Decoded[keyof Decoded] }
  | { id: number; ok: false; failure: DecodeFailure };

/** Decodes in place: the work of a job, without the serialising (values stay values). */
export function decodeRequest(request: DecodeRequest): Decoded[keyof Decoded] {
  if (request.kind === 'otlp') return decodeOtlpTraces(request.body, request.encoding);
  return validateIngest(parseJson(asBuffer(request.body)));
}

export function answerJob(job: DecodeJob): DecodeAnswer {
  try {
    const decoded = decodeRequest(job);
    serialisePayloads(decoded.batch);
    return { id: job.id, ok: true, decoded };
  } catch (error) {
    return { id: job.id, ok: false, failure: describeFailure(error) };
  }
}

/**
 * A span's patches are folded first (the SDK sends a start and an end per span): folding merges
 * attributes key by key, which would otherwise read serialised payloads back on the request thread.
 */
function serialisePayloads(batch: NormalizedBatch): void {
  batch.spans = foldPatchesBySpan(batch.spans).map(withEncodedPayloads);
}

export function describeFailure(error: unknown): DecodeFailure {
  if (error instanceof OtlpDecodeError) return { type: 'otlp', message: error.message };
  if (error instanceof IngestRequestError) return { type: 'request', field: error.field, message: error.message };
  if (error instanceof HttpError) return { type: 'http', status: error.status, message: error.message, field: error.field };
  return { type: 'internal', message: String((error as Error)?.stack ?? error) };
}

/** The error `describeFailure` described, as the class the routes expect. */
export function rebuildFailure(failure: DecodeFailure): Error {
  switch (failure.type) {
    case 'otlp':
      return new OtlpDecodeError(failure.message);
    case 'request':
      return new IngestRequestError(failure.field, failure.message);
    case 'http':
      return new HttpError(failure.status, failure.message, failure.field);
    case 'internal':
      return new Error(`the decoder thread failed: ${failure.message}`);
  }
}

/** A Buffer view of the bytes (a Uint8Array arrives from another thread), without copying. */
function asBuffer(body: Uint8Array): Buffer {
  return Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}
