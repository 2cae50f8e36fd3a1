// Fetches and parses a trace's columnar skeleton off the main thread. At 100,000 spans the answer
// is ~12 MB of JSON, and parsing it was one 300+ ms task on the main thread while a trace opened.
// Here the body is read and parsed in the worker; the main thread receives the parsed columns in
// row ranges (arrays of numbers and short strings: cheap to clone) and decodes each range to
// spans in its own short task. The request goes through request() like every other call.
import { sliceTraceColumns, type TraceColumnsAnswer } from '../../../shared/traceColumns.ts';
import { showBidiControls } from '../lib/bidi.ts';
import { ApiError, request } from './request.ts';
import type { SkeletonMessage, SkeletonRequest } from './skeletonWorkerProtocol.ts';

const post = (message: SkeletonMessage) => (self as unknown as Worker).postMessage(message);

function answerTiming(url: string): { responseStart: number; responseEnd: number } | null {
  const entry = performance.getEntriesByName(url, 'resource').at(-1) as PerformanceResourceTiming | undefined;
  if (!entry) return null;
  const origin = performance.timeOrigin;
  return { responseStart: origin + entry.responseStart, responseEnd: origin + entry.responseEnd };
}

self.onmessage = async (event: MessageEvent<SkeletonRequest>) => {
  const { url, partRows } = event.data;
  try {
    const response = await request(url, { headers: { accept: 'application/json' } });
    const answer = (await response.json()) as TraceColumnsAnswer;
    // Names are a dictionary column: direction controls made visible once per distinct name.
    answer.columns.name.dict = answer.columns.name.dict.map(showBidiControls);
    post({ kind: 'head', answer: { ...answer, columns: sliceTraceColumns(answer.columns, 0, 0, true) } });
    for (let from = 0; from < answer.spanCount; from += partRows) {
      post({ kind: 'part', from, columns: sliceTraceColumns(answer.columns, from, from + partRows) });
    }
    post({ kind: 'done', timing: answerTiming(url) });
  } catch (error) {
    post(
      error instanceof ApiError
        ? { kind: 'error', status: error.status, message: error.message, field: error.field }
        : { kind: 'error', status: 0, message: String((error as Error)?.message ?? error) },
    );
  }
};
