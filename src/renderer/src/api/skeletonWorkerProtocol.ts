// Messages between api/http.ts and skeleton.worker.ts. The worker fetches a trace's columnar
// skeleton and hands over each part as it is parsed; skeletonInWorker.ts decodes each part to
// spans in its own task. Plain data only (structured clone).
import type { TraceColumnsHead, TraceColumnsPart } from '../../../shared/traceColumns.ts';

export interface SkeletonRequest {
  /** Absolute URL of the columnar answer (the worker's base URL is its script's, not the page's). */
  url: string;
}

export type SkeletonMessage =
  /** The answer's head: the trace, how many spans the parts will hold, their time base. */
  | { kind: 'head'; head: TraceColumnsHead }
  /** One part, as parsed. */
  | { kind: 'part'; part: TraceColumnsPart }
  /**
   * Every part sent. `timing`: when the answer's first and last bytes arrived, epoch ms (the
   * worker's resource timing, which the page's performance timeline does not see).
   */
  | { kind: 'done'; timing: { responseStart: number; responseEnd: number } | null }
  /** The request was refused or failed: what request() would have thrown. */
  | { kind: 'error'; status: number; message: string; field?: string };
