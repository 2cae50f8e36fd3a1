// The store's side of the search thread (searchThread.ts): starts it on the first job, sends one job
// at a time, and stops it after a while without work. Its heap and page cache are only given back
// when the thread ends (as the OTLP decoder's, collector/decoding/decoder.ts); the next job starts
// it again (~50 ms, before a search or after a commit, never in an answer's path).
import { Worker } from 'node:worker_threads';
import type { SearchJob } from './searchJob.ts';
import type { SearchThreadAnswer } from './searchThread.ts';

/** The search thread's entry when running from the TypeScript sources. */
export const SOURCE_SEARCH_THREAD_ENTRY = new URL('./searchThread.ts', import.meta.url);

const IDLE_STOP_MS = 10_000;

export class SearchThreadClient {
  private readonly entry: URL;
  private readonly storePath: string;
  private worker: Worker | null = null;
  private stopping: Promise<void> = Promise.resolve();
  private idleTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(entry: URL, storePath: string) {
    this.entry = entry;
    this.storePath = storePath;
  }

  /** Runs a job on the thread; rejects when the thread fails (to start, or while running it). */
  async run(job: SearchJob): Promise<SearchThreadAnswer> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    await this.stopping;
    this.worker ??= new Worker(this.entry, { workerData: { storePath: this.storePath } });
    const worker = this.worker;
    const answer = await new Promise<SearchThreadAnswer>((resolve, reject) => {
      const settle = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const onMessage = (message: SearchThreadAnswer) => {
        settle();
        resolve(message);
      };
      const onError = (error: Error) => {
        settle();
        reject(error);
      };
      const onExit = (code: number) => {
        settle();
        reject(new Error(`the search thread exited (${code}) during a job`));
      };
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
      worker.postMessage(job);
    }).catch((error: unknown) => {
      this.worker = null;
      void worker.terminate();
      throw error;
    });
    this.idleTimer = setTimeout(() => void this.stop(), IDLE_STOP_MS);
    this.idleTimer.unref();
    return answer;
  }

  /** Lets the thread close its connection (checkpointing the search file) and end. */
  stop(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const worker = this.worker;
    if (!worker) return this.stopping;
    this.worker = null;
    this.stopping = new Promise<void>((resolve) => {
      worker.once('exit', () => resolve());
      worker.postMessage('close');
    });
    return this.stopping;
  }
}
