// Where OTLP request bodies are decoded. Decoding and mapping a GenAI span costs about as much as
// storing it; on the request thread the two take turns, so large bodies go to one decoder thread
// and the request thread only stores (bench/otlp.bench.ts measures both). Small bodies, the usual
// live export of a few spans, are decoded in place: the hop to the thread would cost more than it
// saves. If the thread cannot start (its entry missing in some packaging), everything is decoded
// in place, with one log line.
//
// SDK ingest bodies are not sent here: parsing and validating them costs about what copying the
// result back across threads does, and the thread measured no faster for them (bench/ingest.bench.ts).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  decodeOtlpTraces,
  inferProviders,
  ingestOtlpTraces,
  type OtlpEncoding,
  type OtlpIngest,
} from '../../ingest/otlp/index.ts';
import { HttpError } from '../http.ts';
import { errorOf, type DecodeAnswer, type DecodeJob } from './jobs.ts';

export interface OtlpDecoder {
  /**
   * Rejects with OtlpDecodeError (400) for a body that is not OTLP, HttpError 503 when overloaded.
   * Takes the body: its memory may be moved to the decoder thread, so the caller must not read it
   * afterwards.
   */
  decode(body: Uint8Array, encoding: OtlpEncoding): Promise<OtlpIngest>;
  close(): Promise<void>;
}

/** The decoder thread's entry when running from the TypeScript sources. */
export const SOURCE_DECODER_ENTRY = new URL('./worker.ts', import.meta.url);

/** Bodies below this size are decoded in place. */
export const INLINE_MAX_BYTES = 32 * 1024;
/**
 * The thread is stopped after this long without a job. Its heap (grown by a large body, then
 * pooled by V8, measured ~100 MB and more) is only given back when the thread ends: the
 * memory-reducing GC of idleMemory.ts reaches the main thread's heap only. The next large body
 * starts a new thread (~100 ms).
 */
const IDLE_STOP_MS = 10_000;
/** Bytes of bodies waiting for the thread before new ones are refused (503 + Retry-After). */
const MAX_PENDING_BYTES = 64 * 1024 * 1024;

/** Decodes every body on the request thread. */
export const inPlaceDecoder: OtlpDecoder = {
  decode: async (body, encoding) => ingestOtlpTraces(body, encoding),
  close: async () => {},
};

interface Pending extends DecodeJob {
  /** The body's size when sent (a transferred body reads 0 bytes afterwards). */
  bytes: number;
  resolve(ingest: OtlpIngest): void;
  reject(error: Error): void;
}

export interface ThreadedDecoderOptions {
  /** The decoder thread's entry module (a .ts file under Node, the built .js in the app bundle). */
  entry: URL;
  log(line: string): void;
  inlineMaxBytes?: number;
  maxPendingBytes?: number;
  idleStopMs?: number;
}

const shuttingDown = () =>
  new HttpError(503, 'The collector is shutting down', undefined, { 'Retry-After': '5' });

export class ThreadedOtlpDecoder implements OtlpDecoder {
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
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(options: ThreadedDecoderOptions) {
    this.options = {
      inlineMaxBytes: INLINE_MAX_BYTES,
      maxPendingBytes: MAX_PENDING_BYTES,
      idleStopMs: IDLE_STOP_MS,
      ...options,
    };
  }

  /** Whether the decoder thread is running now (it ends when idle, and starts on demand). */
  get threadRunning(): boolean {
    return this.worker !== null;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.worker = null;
    for (const job of this.takePending()) job.reject(shuttingDown());
    await worker?.terminate();
  }

  async decode(body: Uint8Array, encoding: OtlpEncoding): Promise<OtlpIngest> {
    if (this.closed) throw shuttingDown();
    if (this.unavailable || body.byteLength < this.options.inlineMaxBytes)
      return ingestOtlpTraces(body, encoding);
    if (this.pendingBytes > 0 && this.pendingBytes + body.byteLength > this.options.maxPendingBytes) {
      throw new HttpError(503, 'The collector is busy decoding; retry in 1 s', undefined, {
        'Retry-After': '1',
      });
    }
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const worker = this.ensureWorker();
    const id = this.nextId++;
    const ingest = await new Promise<OtlpIngest>((resolve, reject) => {
      const bytes = body.byteLength;
      this.pending.set(id, { id, body, bytes, encoding, resolve, reject });
      this.pendingBytes += bytes;
      worker.ref(); // a job in flight keeps the process alive until it is answered
      worker.postMessage({ id, body, encoding } satisfies DecodeJob, this.transferable(body));
    });
    // The price table lives on this thread (--prices, refreshes), so providers are inferred here.
    inferProviders(ingest.batch);
    return ingest;
  }

  /**
   * The body's memory, moved to the thread instead of copied (a copy was 4.6% of the request
   * thread's time with 1.4 MB bodies, bench/otlp.bench.ts). Only a buffer that is the body alone
   * (not a slice of a pool or of a larger read), and only once the thread is known to run: a
   * thread that never starts leaves its jobs to be decoded here, from the body.
   */
  private transferable(body: Uint8Array): ArrayBuffer[] {
    const whole =
      body.buffer instanceof ArrayBuffer &&
      body.byteOffset === 0 &&
      body.byteLength === body.buffer.byteLength;
    return this.started && whole ? [body.buffer] : [];
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.options.entry);
    worker.on('message', (answer: DecodeAnswer) => this.settle(answer));
    worker.on('error', (error) => this.onStop(worker, error));
    worker.on('exit', (code) =>
      this.onStop(worker, new Error(`the decoder thread exited with code ${code}`)),
    );
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
    this.pendingBytes -= job.bytes;
    if (this.pending.size === 0) {
      this.worker?.unref();
      this.stopWhenIdle();
    }
    if (answer.ok) job.resolve(answer.ingest);
    else job.reject(errorOf(answer));
  }

  private onStop(worker: Worker, error: Error): void {
    if (this.worker !== worker) return; // closed, or already replaced
    this.worker = null;
    const jobs = this.takePending();
    if (!this.started) {
      // It never worked (e.g. its entry cannot load here): decode in place from now on, these jobs
      // too (decode() infers their providers once they resolve, as for the thread's answers).
      this.unavailable = true;
      this.options.log(
        `spyglass: OTLP bodies are decoded on the request thread (the decoder thread did not start: ${error.message})`,
      );
      for (const job of jobs) {
        try {
          job.resolve(decodeOtlpTraces(job.body, job.encoding));
        } catch (decodeError) {
          job.reject(decodeError as Error);
        }
      }
      return;
    }
    // A crash mid-run: which body caused it is unknown, so its jobs fail (500) rather than risk
    // this thread on them; the next request starts a new decoder thread.
    this.started = false;
    this.options.log(
      `spyglass: the decoder thread stopped (${error.message}); it restarts with the next request`,
    );
    for (const job of jobs) job.reject(new Error(`the decoder thread stopped: ${error.message}`));
  }

  /** Ends the thread once it has had no job for idleStopMs (see IDLE_STOP_MS). */
  private stopWhenIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      const worker = this.worker;
      if (!worker || this.pending.size > 0) return;
      this.worker = null; // first, so its exit is not taken for a crash (onStop)
      this.started = false;
      void worker.terminate();
    }, this.options.idleStopMs);
    this.idleTimer.unref();
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
export function createOtlpDecoder(entry: URL | false | undefined, log: (line: string) => void): OtlpDecoder {
  const url = entry === undefined ? SOURCE_DECODER_ENTRY : entry;
  if (url === false || !existsSync(fileURLToPath(url))) return inPlaceDecoder;
  return new ThreadedOtlpDecoder({ entry: url, log });
}
