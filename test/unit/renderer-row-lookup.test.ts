import { describe, expect, it } from 'vitest';
import { makeSpan } from '../../bench/fixtures/spans.ts';
import { rowLookup } from '../../src/renderer/src/model/rowLookup.ts';
import { buildTraceTree, NO_COLLAPSE, visibleRows } from '../../src/renderer/src/model/traceTree.ts';

/** A root with `n` children, in start-time order: rows are root, c0, c1, … */
function wideTree(n: number) {
  const spans = [makeSpan({ spanId: 'root', startTime: 0 })];
  for (let i = 0; i < n; i++)
    spans.push(makeSpan({ spanId: `c${i}`, parentSpanId: 'root', startTime: i + 1 }));
  return buildTraceTree(spans);
}

describe('rowLookup', () => {
  it('finds each span at its row, near the last one found and far from it, in any order', () => {
    const tree = wideTree(5_000);
    const rows = visibleRows(tree, NO_COLLAPSE);
    const lookup = rowLookup(tree, rows);
    // Far ahead, then stepping back one at a time (the keyboard), then the first row again.
    for (const i of [4_000, 3_999, 3_998, 5_000, 0, 2_500, 1])
      expect(lookup.get(rows[i]!.span.spanId)).toBe(i);
    const every = rows.map((row) => lookup.get(row.span.spanId));
    expect(every).toEqual(rows.map((_, i) => i));
  });

  it('answers undefined for a span the trace does not have, or one hidden under a collapsed parent', () => {
    const tree = buildTraceTree([
      makeSpan({ spanId: 'a', startTime: 0 }),
      makeSpan({ spanId: 'b', parentSpanId: 'a', startTime: 1 }),
      makeSpan({ spanId: 'c', startTime: 2 }),
    ]);
    const rows = visibleRows(tree, new Set(['a']));
    const lookup = rowLookup(tree, rows);
    expect(lookup.get('nope')).toBeUndefined();
    expect(lookup.get('b')).toBeUndefined();
    expect(lookup.get('a')).toBe(0);
    expect(lookup.get('c')).toBe(1);
  });
});
