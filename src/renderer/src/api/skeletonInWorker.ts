// Starts skeleton.worker.ts for one trace skeleton and decodes the row ranges it sends, one range
// per message (each its own short task), into the default answer's spans. Resolves to null when
// no worker could be started (no Worker, a policy or packaging that refuses the script): the
// caller then fetches on the main thread as before.
import {
  type DecodedSpan,
  decodeTraceColumnsInto,
  type TraceColumnsAnswer,
  withDictionaries,
} from '../../../shared/traceColumns.ts';
import { ApiError } from './request.ts';
import type { SkeletonMessage, SkeletonRequest } from './skeletonWorkerProtocol.ts';

export interface WorkerSkeleton {
  answer: TraceColumnsAnswer;
  spans: DecodedSpan[];
}

export function fetchSkeletonInWorker(
  path: string,
  partRows: number,
  signal?: AbortSignal,
): Promise<WorkerSkeleton | null> {
  if (typeof Worker === 'undefined') return Promise.resolve(null);
  let worker: Worker;
  try {
    worker = new Worker(new URL('./skeleton.worker.ts', import.meta.url), {
      type: 'module',
      name: 'spyglass-skeleton',
    });
  } catch {
    return Promise.resolve(null);
  }
  const url = new URL(path, location.href).href;
  return new Promise((resolve, reject) => {
    let head: TraceColumnsAnswer | null = null;
    let spans: DecodedSpan[] = [];
    const finish = (settle: () => void) => {
      worker.terminate();
      signal?.removeEventListener('abort', onAbort);
      settle();
    };
    const onAbort = () => finish(() => reject(signal?.reason ?? new DOMException('Aborted', 'AbortError')));
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort);
    worker.onmessage = (event: MessageEvent<SkeletonMessage>) => {
      const message = event.data;
      if (message.kind === 'head') {
        head = message.answer;
        spans = new Array<DecodedSpan>(head.spanCount);
      } else if (message.kind === 'part' && head) {
        const part = { ...head, columns: withDictionaries(message.columns, head.columns) };
        const rows = message.columns.spanId.length;
        decodeTraceColumnsInto(part, spans, 0, rows, message.from);
      } else if (message.kind === 'done' && head) {
        const answer = head;
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
        finish(() => resolve({ answer, spans }));
      } else if (message.kind === 'error') {
        finish(() => reject(new ApiError(message.status, message.message, message.field)));
      }
    };
    // The script did not load or threw before answering: today's path still works.
    worker.onerror = (event) => {
      event.preventDefault();
      finish(() => (head ? reject(new ApiError(0, 'The skeleton worker failed.')) : resolve(null)));
    };
    worker.onmessageerror = () =>
      finish(() => reject(new ApiError(0, 'The skeleton worker sent an unreadable part.')));
    worker.postMessage({ url, partRows } satisfies SkeletonRequest);
  });
}
