// Where a span is among a view's rows (visibleRows). A Map from every span id to its row, built
// when the rows change, cost 370 ms before the first frame of a 1,000,000-span trace
// (bench/bigTrace.bench.ts) and is read only when a selection moves. Here a lookup finds the
// span's node through the tree's own map and its row by scanning for that node, starting next to
// the row found last (a selection moved by the keyboard is found in a step or two; anywhere else
// is one pass over the array of pointers: about a millisecond at a million rows).
import type { SpanNode, TraceTree } from './traceTree.ts';

export interface RowLookup {
  /** The row of `spanId`, or undefined when it is not among the rows (unknown, or collapsed away). */
  get(spanId: string): number | undefined;
}

/** How far either side of the last row found a lookup looks before it scans the whole array. */
const NEAR_ROWS = 64;

export function rowLookup(tree: TraceTree, rows: readonly SpanNode[]): RowLookup {
  let last = 0;
  return {
    get(spanId) {
      const node = tree.byId.get(spanId);
      if (node === undefined) return undefined;
      const from = Math.max(0, last - NEAR_ROWS);
      const to = Math.min(rows.length, last + NEAR_ROWS + 1);
      let found = -1;
      for (let i = from; i < to && found < 0; i++) if (rows[i] === node) found = i;
      if (found < 0) found = rows.indexOf(node);
      if (found < 0) return undefined;
      last = found;
      return found;
    },
  };
}
