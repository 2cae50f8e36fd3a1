// The synchronous last send of a process that is ending. 'exit' listeners (and the moment after an
// uncaught exception or a signal) may only run synchronous code, and Node has no synchronous HTTP.
// So the SDK's warm sender thread (senderWorker.ts) makes the POST while this thread blocks on
// Atomics.wait with a timeout: the wait is the deadline, and it holds whatever the collector does
// (down, slow, or accepting and never answering). When the wait ends the process exits and takes
// the worker with it.
//
// Chosen over the alternatives after measuring on a busy 2-core machine: a worker starts and
// delivers in about 0.2–0.45 s; spawnSync of a child `node` costs a whole Node start (and a second
// process to clean up); a spool file the collector picks up would need a folder both agree on and
// a collector that watches it, and would still lose the run when the collector runs elsewhere.
import { postLast, senderWorker } from './senderWorker.ts';

export type LastSendOutcome = 'sent' | 'refused' | 'timed-out' | 'unavailable';

/** Starts the idle sender thread (Node only; elsewhere the exit path has nothing to do). */
export function prepareLastSend(): void {
  senderWorker();
}

/** POSTs `body` and blocks until the collector answers or `timeoutMs` passes. Never throws. */
export function sendBeforeExit(
  endpoint: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): LastSendOutcome {
  if (timeoutMs <= 0) return 'timed-out';
  try {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const handed = postLast({
      endpoint,
      body,
      headers: { 'content-type': 'application/json', ...headers },
      flag,
      timeoutMs,
    });
    if (!handed) return 'unavailable';
    const waited = Atomics.wait(flag, 0, 0, timeoutMs);
    if (waited === 'timed-out') return 'timed-out';
    return Atomics.load(flag, 0) === 1 ? 'sent' : 'refused';
  } catch {
    return 'unavailable';
  }
}
