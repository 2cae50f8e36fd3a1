// Where ingest request bodies (OTLP, and the SDK's protocol over HTTP) are decoded. Decoding and
// mapping a span costs about as much as storing it; on the request thread the two take turns, so
// large bodies go to one decoder thread and the request thread only stores (bench/otlp.bench.ts
// and bench/ingest.bench.ts measure both). Small bodies, the usual live export of a few spans,
// are decoded in place: the hop to the thread would cost more than it saves. If the thread cannot
// start (its entry missing in some packaging), everything is decoded in place, with one log line.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { NormalizedBatch } from '../../ingest/model.ts';
import { inferProviders, type OtlpEncoding, type OtlpIngest } from '../../ingest/otlp/index.ts';
import type { ValidatedIngest } from '../../ingest/spyglass/validate.ts';
import { HttpError } from '../http.ts';
import { decodeRequest, rebuildFailure, type DecodeAnswer, type DecodeJob, type DecodeRequest, type Decoded } from './jobs.ts';

export interface IngestDecoder {
  /** Rejects with OtlpDecodeError (400) for a body that is not OTLP, HttpError 503 when overloaded. */
  decodeOtlp(body: Uint8Array, encoding: OtlpEncoding): Promise<OtlpIngest>;
  /** Rejects with HttpError 400 for a body that is not JSON, IngestRequestError for one that is not an ingest request. */
  decodeSdk(body: Uint8Array): Promise<ValidatedIngest>;
  close(): Promise<void>;
}

/** The decoder thread's entry when running from the TypeScript sources. */
export const SOURCE_DECODER_ENTRY = new URL('./worker.ts', import.meta.url);

/** Bodies below this size are decoded in place. */
export const INLINE_MAX_BYTES = 32 * 1024;
/** Bytes of bodies waiting for the thread before new ones are refused (503 + Retry-After). */
const MAX_PENDING_BYTES = 64 * 1024 * 1024;

/**
 * What is left to do on the request thread: the price table lives here (`--prices`, refreshes),
 * so OTLP providers are inferred here.
 */
function finish<R extends Decoded[keyof Decoded]>(decoded: R, kind: DecodeRequest['kind']): R {
  if (kind === 'otlp') inferProviders(decoded.batch as NormalizedBatch);
  return decoded;
}

function decodeInPlace(request: DecodeRequest): Decoded[keyof Decoded] {
  return finish(decodeRequest(request), request.kind);
}

/** Decodes every body on the request thread. */
export const inPlaceDecoder: IngestDecoder = {
  decodeOtlp: async (body, encoding) => decodeInPlace({ kind: 'otlp', body, encoding }) as OtlpIngest,
  decodeSdk: async (body) => decodeInPlace({ kind: 'sdk', body }) as ValidatedIngest,
  close: async () => {},
};

interface Pending {
  request: DecodeRequest;
  resolve(decoded: Decoded[keyof Decoded]): void;
  reject(error: Error): void;
}

export interface ThreadedDecoderOptions {
  /** The decoder thread's entry module (a .ts file under Node, the built .js in the app bundle). */
  entry: URL;
  log(line: string): void;
  inlineMaxBytes?: number;
  maxPendingBytes?: number;
}

const shuttingDown = () => new HttpError(503, 'The collector is shutting down', undefined, { 'Retry-After': '5' });

export class ThreadedIngestDecoder implements IngestDecoder {
  private readonly options: Required<ThreadedDecoderOptions>;
  private worker: Worker | null = null;
  /** The thread said it loaded (DecodeAnswer `ready`). */
  private started = false;
  /** Set once the thread failed to start: from then on everything is decoded in place. */
  private unavailable = false;
  private closed = false;
  private readonly pending = new Map<number, Pending>();
  private pendingBytes = 0;
  private nextId = 1;

  constructor(options: ThreadedDecoderOptions) {
    this.options = { inlineMaxBytes: INLINE_MAX_BYTES, maxPendingBytes: MAX_PENDING_BYTES, ...options };
  }

  async decodeOtlp(body: Uint8Array, encoding: OtlpEncoding): Promise<OtlpIngest> {
    return (await this.decode({ kind: 'otlp', body, encoding })) as OtlpIngest;
  }

  async decodeSdk(body: Uint8Array): Promise<ValidatedIngest> {
    return (await this.decode({ kind: 'sdk', body })) as ValidatedIngest;
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    for (const job of this.takePending()) job.reject(shuttingDown());
    await worker?.terminate();
  }

  private async decode(request: DecodeRequest): Promise<Decoded[keyof Decoded]> {
    if (this.closed) throw shuttingDown();
    const bytes = request.body.byteLength;
    if (this.unavailable || bytes < this.options.inlineMaxBytes) return decodeInPlace(request);
    if (this.pendingBytes > 0 && this.pendingBytes + bytes > this.options.maxPendingBytes) {
      throw new HttpError(503, 'The collector is busy decoding; retry in 1 s', undefined, { 'Retry-After': '1' });
    }
    const worker = this.ensureWorker();
    const id = this.nextId++;
    const decoded = await new Promise<Decoded[keyof Decoded]>((resolve, reject) => {
      this.pending.set(id, { request, resolve, reject });
      this.pendingBytes += bytes;
      worker.ref(); // a job in flight keeps the process alive until it is answered
      worker.postMessage({ ...request, id } satisfies DecodeJob);
    });
    return finish(decoded, request.kind);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.options.entry);
    worker.on('message', (answer: DecodeAnswer) => this.settle(answer));
    worker.on('error', (error) => this.onStop(worker, error));
    worker.on('exit', (code) => this.onStop(worker, new Error(`the decoder thread exited with code ${code}`)));
    worker.unref(); // after the listeners: adding a 'message' listener refs the thread again
    this.worker = worker;
    return worker;
  }

  private settle(answer: DecodeAnswer): void {
    if ('ready' in answer) {
      this.started = true;
      return;
    }
    const job = this.pending.get(answer.id);
    if (!job) return;
    this.pending.delete(answer.id);
    this.pendingBytes -= job.request.body.byteLength;
    if (this.pending.size === 0) this.worker?.unref();
    if (answer.ok) job.resolve(answer.decoded);
    else job.reject(rebuildFailure(answer.failure));
  }

  private onStop(worker: Worker, error: Error): void {
    if (this.worker !== worker) return; // closed, or already replaced
    this.worker = null;
    const jobs = this.takePending();
    if (!this.started) {
      // It never worked (e.g. its entry cannot load here): decode in place from now on, these jobs too.
      this.unavailable = true;
      this.options.log(`spyglass: ingest bodies are decoded on the request thread (the decoder thread did not start: ${error.message})`);
      for (const job of jobs) {
        try {
          job.resolve(decodeRequest(job.request));
        } catch (decodeError) {
          job.reject(decodeError as Error);
        }
      }
      return;
    }
    // A crash mid-run: which body caused it is unknown, so its jobs fail (500) rather than risk
    // this thread on them; the next request starts a new decoder thread.
    this.started = false;
    this.options.log(`spyglass: the decoder thread stopped (${error.message}); it restarts with the next request`);
    for (const job of jobs) job.reject(new Error(`the decoder thread stopped: ${error.message}`));
  }

  private takePending(): Pending[] {
    const jobs = [...this.pending.values()];
    this.pending.clear();
    this.pendingBytes = 0;
    return jobs;
  }
}

/**
 * The decoder a server uses: threaded from `entry` (default: the source entry, when it exists),
 * in place when `entry` is false or missing.
 */
export function createIngestDecoder(entry: URL | false | undefined, log: (line: string) => void): IngestDecoder {
  const url = entry === undefined ? SOURCE_DECODER_ENTRY : entry;
  if (url === false || !existsSync(fileURLToPath(url))) return inPlaceDecoder;
  return new ThreadedIngestDecoder({ entry: url, log });
}
