// What the decoder thread does with one OTLP request body, kept apart from its entry (worker.ts)
// so it can run, and be tested, without a thread: decode and map the body into a batch, then
// serialise the span payloads to JSON text (strings cross threads as cheap copies; object graphs
// would cost the request thread almost as much to rebuild as decoding them did).
import {
  OtlpDecodeError,
  decodeOtlpTraces,
  type OtlpEncoding,
  type OtlpIngest,
} from '../../ingest/otlp/index.ts';
import { withEncodedPayloads } from '../../ingest/payload.ts';

export interface DecodeJob {
  id: number;
  body: Uint8Array;
  encoding: OtlpEncoding;
}

export type DecodeAnswer =
  /** Sent once, when the thread has loaded: a crash after it is a crash, not a failure to start. */
  | { ready: true }
  | { id: number; ok: true; ingest: OtlpIngest }
  /** `notOtlp`: the body is not an ExportTraceServiceRequest (answered 400); otherwise the thread failed (500). */
  | { id: number; ok: false; message: string; notOtlp: boolean };

export function answerJob(job: DecodeJob): DecodeAnswer {
  try {
    const ingest = decodeOtlpTraces(job.body, job.encoding);
    ingest.batch.spans = ingest.batch.spans.map(withEncodedPayloads);
    return { id: job.id, ok: true, ingest };
  } catch (error) {
    const notOtlp = error instanceof OtlpDecodeError;
    return {
      id: job.id,
      ok: false,
      message: notOtlp ? error.message : String((error as Error)?.stack ?? error),
      notOtlp,
    };
  }
}

/** The error an answer describes, as the class the routes expect (classes do not survive structured cloning). */
export function errorOf(answer: Extract<DecodeAnswer, { ok: false }>): Error {
  return answer.notOtlp
    ? new OtlpDecodeError(answer.message)
    : new Error(`the decoder thread failed: ${answer.message}`);
}
