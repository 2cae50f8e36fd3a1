// Messages between api/http.ts and skeleton.worker.ts. The worker fetches a trace's columnar
// skeleton, parses it and hands it over in row ranges; http.ts decodes each range to spans
// between yields. Plain data only (structured clone).
import type { TraceColumnsAnswer } from '../../../shared/traceColumns.ts';

export interface SkeletonRequest {
  /** Absolute URL of the columnar answer (the worker's base URL is its script's, not the page's). */
  url: string;
  /** Rows per `part` message: each is decoded on the main thread in one task. */
  partRows: number;
}

export type SkeletonMessage =
  /** The answer without its rows: trace, counts, and the dictionaries (columns' `dict`s). */
  | { kind: 'head'; answer: TraceColumnsAnswer }
  /** Rows [from, from + rows): the same columns, sliced (dictionary columns carry `index` only). */
  | { kind: 'part'; from: number; columns: TraceColumnsAnswer['columns'] }
  /**
   * All parts sent. `timing`: when the answer's first and last bytes arrived, epoch ms (the
   * worker's resource timing, which the page's performance timeline does not see).
   */
  | { kind: 'done'; timing: { responseStart: number; responseEnd: number } | null }
  /** The request was refused or failed: what request() would have thrown. */
  | { kind: 'error'; status: number; message: string; field?: string };
