// What the OTLP decoder thread does with one job, kept apart from its entry (decoderWorker.ts) so
// it can be called, and tested, without a thread. The batch comes back with its payloads already
// serialised to JSON text: strings cross threads as cheap copies, while object graphs would cost
// the request thread almost as much to rebuild as decoding them did.
import { withEncodedPayloads } from '../payload.ts';
import { OtlpDecodeError, decodeOtlpTraces, type OtlpEncoding, type OtlpIngest } from './index.ts';

export interface DecodeJob {
  id: number;
  body: Uint8Array;
  encoding: OtlpEncoding;
}

export type DecodeAnswer =
  /** Sent once, when the thread has loaded: a crash after it is a crash, not a failure to start. */
  | { ready: true }
  | { id: number; ok: true; ingest: OtlpIngest }
  /** `decodeError`: the body is not OTLP (answered 400); otherwise the thread failed (500). */
  | { id: number; ok: false; message: string; decodeError: boolean };

export function answerJob(job: DecodeJob): DecodeAnswer {
  try {
    const ingest = decodeOtlpTraces(job.body, job.encoding);
    ingest.batch.spans = ingest.batch.spans.map(withEncodedPayloads);
    return { id: job.id, ok: true, ingest };
  } catch (error) {
    const decodeError = error instanceof OtlpDecodeError;
    const message = decodeError ? error.message : String((error as Error)?.stack ?? error);
    return { id: job.id, ok: false, message, decodeError };
  }
}
