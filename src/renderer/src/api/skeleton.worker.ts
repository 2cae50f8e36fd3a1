// Fetches and parses a trace's columnar skeleton off the main thread. At 100,000 spans the answer
// is ~12 MB of JSON, and parsing it was one 300+ ms task on the main thread while a trace opened.
// Here the body is read and parsed in the worker a part at a time, as the collector sends each
// (columnsStream.ts); the main thread receives each parsed part (arrays of numbers and short
// strings: cheap to clone) and decodes it to spans in its own short task. The request goes
// through request() like every other call.
import { readColumnsAnswer } from './columnsStream.ts';
import { ApiError, request } from './request.ts';
import type { SkeletonMessage, SkeletonRequest } from './skeletonWorkerProtocol.ts';

const post = (message: SkeletonMessage) => (self as unknown as Worker).postMessage(message);

async function answerTiming(url: string): Promise<{ responseStart: number; responseEnd: number } | null> {
  // A body read to its end through a reader gets its resource entry a task later.
  await new Promise((resolve) => setTimeout(resolve, 0));
  const entry = performance.getEntriesByName(url, 'resource').at(-1) as PerformanceResourceTiming | undefined;
  if (!entry) return null;
  const origin = performance.timeOrigin;
  return { responseStart: origin + entry.responseStart, responseEnd: origin + entry.responseEnd };
}

self.onmessage = async (event: MessageEvent<SkeletonRequest>) => {
  const { url } = event.data;
  try {
    const response = await request(url, { headers: { accept: 'application/json' } });
    if (!response.body) throw new ApiError(0, 'The trace answer has no body.');
    for await (const item of readColumnsAnswer(response.body)) {
      post('head' in item ? { kind: 'head', head: item.head } : { kind: 'part', part: item.part });
    }
    post({ kind: 'done', timing: await answerTiming(url) });
  } catch (error) {
    post(
      error instanceof ApiError
        ? { kind: 'error', status: error.status, message: error.message, field: error.field }
        : { kind: 'error', status: 0, message: String((error as Error)?.message ?? error) },
    );
  }
};
