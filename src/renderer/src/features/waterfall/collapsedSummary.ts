// Lazily built occupancy of the spans hidden under a collapsed row, cached per trace: the first
// frame that shows a collapsed 100,000-span subtree pays for one sort; every later frame reads
// the levels.
import { buildOccupancy } from '../../model/occupancy.ts';
import type { Occupancy } from '../../model/occupancy.ts';
import { spanEnd, spanStart } from '../../model/spanTiming.ts';
import type { SpanNode } from '../../model/traceTree.ts';

export function createSummaryCache(traceStart: number, now: number): (node: SpanNode) => Occupancy | null {
  const cache = new Map<SpanNode, Occupancy>();
  return (node) => {
    if (node.children.length === 0) return null;
    let occupancy = cache.get(node);
    if (occupancy === undefined) {
      const starts = new Float64Array(node.subtreeSize - 1);
      const ends = new Float64Array(node.subtreeSize - 1);
      let n = 0;
      const stack = [...node.children];
      while (stack.length > 0) {
        const child = stack.pop()!;
        starts[n] = spanStart(child.span, traceStart) - traceStart;
        ends[n] = spanEnd(child.span, traceStart, now) - traceStart;
        n++;
        for (const c of child.children) stack.push(c);
      }
      occupancy = buildOccupancy(starts.subarray(0, n), ends.subarray(0, n));
      cache.set(node, occupancy);
    }
    return occupancy;
  };
}
