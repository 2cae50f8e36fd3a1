// Long computations in slices, so the main thread never holds one for a long task (> 50 ms in
// Chromium's terms, 100 ms by our goal). A computation is written once as a generator that
// `yield`s at points where it may pause (every few hundred items); runSliced() drives it for
// about SLICE_MS of work at a time and hands the thread back between slices, runToEnd() drives
// it in one piece (tests, small inputs). Both run the same code, so they give the same result.
//
// Why slices on the main thread rather than a Web Worker: the inputs (a trace tree of 100,000
// linked nodes) live on the main thread; a worker would need them copied over (a structured
// clone of that size is itself a long task on the sending side) or a second copy of the trace,
// and every result that names spans would have to come back. Slicing costs nothing to set up and
// leaves the data where it is.

/** Work between two yields to the event loop: half a frame, so input and paint still get turns. */
export const SLICE_MS = 8;

/** A computation that may pause at each `yield`, and returns its result at the end. */
export type Sliceable<T> = Generator<unknown, T, unknown>;

// One channel for every pause (a new MessageChannel per pause showed up in profiles): each
// posted message wakes the oldest waiting pause.
let channel: MessageChannel | null = null;
const waiting: (() => void)[] = [];

/**
 * Hands the thread back to the event loop. A posted message runs after pending input and
 * rendering but without setTimeout's 4 ms clamp on nested timers.
 */
export function yieldToEventLoop(): Promise<void> {
  if (channel === null) {
    const ports = new MessageChannel();
    // In Node (tests, scripts) the port keeps the process alive only while a pause waits.
    const receiver = ports.port1 as MessagePort & { ref?: () => void; unref?: () => void };
    receiver.onmessage = () => {
      waiting.shift()?.();
      if (waiting.length === 0) receiver.unref?.();
    };
    receiver.unref?.();
    channel = ports;
  }
  const receiver = channel.port1 as MessagePort & { ref?: () => void };
  const sender = channel.port2;
  return new Promise((resolve) => {
    waiting.push(resolve);
    receiver.ref?.();
    sender.postMessage(null);
  });
}

export interface SliceOptions {
  /** Aborting stops the computation at its next pause point; the promise rejects with the reason. */
  signal?: AbortSignal;
  sliceMs?: number;
  /** How to give the thread back (tests count the pauses with their own). */
  pause?: () => Promise<void>;
  now?: () => number;
}

/**
 * Runs one slice: until the computation ends or has worked for `sliceMs`. Its result when it
 * ended within the slice, else `undefined` (call again to go on).
 */
export function runSlice<T>(
  task: Sliceable<T>,
  sliceMs = SLICE_MS,
  now: () => number = () => performance.now(),
): { value: T } | undefined {
  const sliceStart = now();
  for (;;) {
    const step = task.next();
    if (step.done) return { value: step.value };
    if (now() - sliceStart >= sliceMs) return undefined;
  }
}

/** Drives a computation to its end in slices of about `sliceMs`, pausing between them. */
export async function runSliced<T>(task: Sliceable<T>, options: SliceOptions = {}): Promise<T> {
  const { signal, sliceMs = SLICE_MS, pause = yieldToEventLoop, now = () => performance.now() } = options;
  try {
    for (;;) {
      signal?.throwIfAborted();
      const ended = runSlice(task, sliceMs, now);
      if (ended) return ended.value;
      await pause();
    }
  } finally {
    // An abort (or a throw) leaves the generator suspended: close it so its finally blocks run.
    task.return(undefined as T);
  }
}

/** Drives a computation to its end in one piece. */
export function runToEnd<T>(task: Sliceable<T>): T {
  for (;;) {
    const step = task.next();
    if (step.done) return step.value;
  }
}
