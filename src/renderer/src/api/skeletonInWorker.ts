// Starts skeleton.worker.ts for one trace skeleton and decodes each part it sends (each its own
// short task) into the default answer's spans. Resolves to null when no worker could be started
// (no Worker, a policy or packaging that refuses the script): the caller then fetches on the main
// thread as before.
import type { DecodedSpan, TraceColumnsHead } from '../../../shared/traceColumns.ts';
import { ApiError } from './request.ts';
import { SkeletonSpans } from './skeletonSpans.ts';
import type { SkeletonMessage, SkeletonRequest } from './skeletonWorkerProtocol.ts';

export interface WorkerSkeleton {
  head: TraceColumnsHead;
  spans: DecodedSpan[];
}

interface StartedWorker {
  worker: Worker;
  /** Its script failed to load or threw before it was given a request. */
  failed: boolean;
}

function startWorker(): StartedWorker | null {
  try {
    const worker = new Worker(new URL('./skeleton.worker.ts', import.meta.url), {
      type: 'module',
      name: 'spyglass-skeleton',
    });
    const started = { worker, failed: false };
    worker.onerror = (event) => {
      event.preventDefault();
      started.failed = true;
    };
    return started;
  } catch {
    return null;
  }
}

// The next trace's worker, started ahead: loading and evaluating its script was tens of ms
// between the click and the request, on the way to the first byte.
let spare: StartedWorker | null = null;

/** Starts the worker the next opened trace will use, unless one is waiting already. */
export function prewarmSkeletonWorker(): void {
  if (typeof Worker !== 'undefined' && spare === null) spare = startWorker();
}

export function fetchSkeletonInWorker(path: string, signal?: AbortSignal): Promise<WorkerSkeleton | null> {
  if (typeof Worker === 'undefined') return Promise.resolve(null);
  const started = spare ?? startWorker();
  spare = null;
  if (started === null || started.failed) {
    started?.worker.terminate();
    return Promise.resolve(null);
  }
  const { worker } = started;
  const url = new URL(path, location.href).href;
  return new Promise((resolve, reject) => {
    let skeleton: SkeletonSpans | null = null;
    const finish = (settle: () => void) => {
      worker.terminate();
      setTimeout(prewarmSkeletonWorker, 0);
      signal?.removeEventListener('abort', onAbort);
      settle();
    };
    const onAbort = () => finish(() => reject(signal?.reason ?? new DOMException('Aborted', 'AbortError')));
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort);
    worker.onmessage = (event: MessageEvent<SkeletonMessage>) => {
      const message = event.data;
      if (message.kind === 'head') {
        skeleton = new SkeletonSpans(message.head);
      } else if (message.kind === 'part' && skeleton) {
        skeleton.add(message.part);
      } else if (message.kind === 'done' && skeleton) {
        const done = skeleton;
        // For the render bench's breakdown of opening (bench/render.bench.ts).
        if (message.timing) {
          performance.mark('spyglass:skeleton-received', {
            detail: {
              url,
              responseStart: message.timing.responseStart - performance.timeOrigin,
              responseEnd: message.timing.responseEnd - performance.timeOrigin,
            },
          });
        }
        finish(() => resolve({ head: done.head, spans: done.all() }));
      } else if (message.kind === 'error') {
        finish(() => reject(new ApiError(message.status, message.message, message.field)));
      }
    };
    // The script did not load or threw before answering: today's path still works.
    worker.onerror = (event) => {
      event.preventDefault();
      finish(() => (skeleton ? reject(new ApiError(0, 'The skeleton worker failed.')) : resolve(null)));
    };
    worker.onmessageerror = () =>
      finish(() => reject(new ApiError(0, 'The skeleton worker sent an unreadable part.')));
    worker.postMessage({ url } satisfies SkeletonRequest);
  });
}
