// The synchronous last send of a process that is ending. 'exit' listeners (and the moment after an
// uncaught exception or a signal) may only run synchronous code, and Node has no synchronous HTTP.
// So a worker thread makes the POST while this thread blocks on Atomics.wait with a timeout: the
// wait is the deadline, and it holds whatever the collector does (down, slow, or accepting and
// never answering). When the wait ends the process exits and takes the worker with it.
//
// Chosen over the alternatives after measuring on a busy 2-core machine: a worker starts and
// delivers in about 0.2–0.45 s; spawnSync of a child `node` costs a whole Node start (and a second
// process to clean up); a spool file the collector picks up would need a folder both agree on and
// a collector that watches it, and would still lose the run when the collector runs elsewhere.
// The worker's code is inline (`eval`), so the SDK stays one self-contained package.
import { nodeBuiltin } from './nodeBuiltin.ts';

interface WorkerLike {
  postMessage(message: unknown): void;
  unref?: () => void;
  on?: (event: string, listener: (...args: unknown[]) => void) => unknown;
}

interface WorkerThreads {
  Worker: new (
    source: string,
    options: { eval: true; execArgv: string[]; stdout: boolean; stderr: boolean; name?: string },
  ) => WorkerLike;
}

// Started ahead of time and idle until the end: booting a worker at exit took 0.4–0.7 s of the
// one-second budget on a loaded 2-core machine; posting to a warm one takes milliseconds. Its
// messages are delivered on its own thread, so they arrive while this thread blocks in Atomics.wait.
// Runs as a script or as a module (the parent's --input-type may carry over): no bare require.
const WORKER_SOURCE = `
const load = (id) => (process.getBuiltinModule ? process.getBuiltinModule(id) : require(id));
const { parentPort } = load('node:worker_threads');
const http = load('node:http');
parentPort.on('message', ({ endpoint, body, headers, flag, timeoutMs }) => {
  const done = (outcome) => { Atomics.store(flag, 0, outcome); Atomics.notify(flag, 0); };
  try {
    const client = endpoint.startsWith('https:') ? load('node:https') : http;
    const request = client.request(endpoint, { method: 'POST', headers }, (response) => {
      response.resume();
      response.on('end', () => done(response.statusCode >= 200 && response.statusCode < 300 ? 1 : 2));
      response.on('error', () => done(2));
    });
    request.on('error', () => done(2));
    request.setTimeout(timeoutMs, () => request.destroy());
    request.end(body);
  } catch { done(2); }
});
`;

export type LastSendOutcome = 'sent' | 'refused' | 'timed-out' | 'unavailable';

let worker: WorkerLike | null | undefined;

/** Starts the idle sender thread (Node only; elsewhere the exit path has nothing to do). */
export function prepareLastSend(): void {
  if (worker !== undefined) return;
  worker = null;
  const threads = nodeBuiltin<WorkerThreads>('node:worker_threads');
  if (!threads || typeof SharedArrayBuffer === 'undefined' || typeof Atomics?.wait !== 'function') return;
  try {
    // stdout/stderr: the worker prints nothing, and must never touch the agent's output.
    const started = new threads.Worker(WORKER_SOURCE, {
      eval: true,
      execArgv: [],
      stdout: true,
      stderr: true,
      name: 'spyglass-last-send',
    });
    started.on?.('error', () => {
      worker = null;
    });
    started.unref?.(); // never keeps the process alive
    worker = started;
  } catch {
    worker = null;
  }
}

/** POSTs `body` and blocks until the collector answers or `timeoutMs` passes. Never throws. */
export function sendBeforeExit(
  endpoint: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): LastSendOutcome {
  if (timeoutMs <= 0) return 'timed-out';
  prepareLastSend();
  if (!worker) return 'unavailable';
  try {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    worker.postMessage({
      endpoint,
      body,
      headers: { 'content-type': 'application/json', ...headers },
      flag,
      timeoutMs,
    });
    const waited = Atomics.wait(flag, 0, 0, timeoutMs);
    if (waited === 'timed-out') return 'timed-out';
    return Atomics.load(flag, 0) === 1 ? 'sent' : 'refused';
  } catch {
    return 'unavailable';
  }
}
