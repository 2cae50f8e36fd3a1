import { describe, expect, it } from 'vitest';
import { criticalPath } from '../../src/renderer/src/model/criticalPath.ts';
import { buildTraceTree } from '../../src/renderer/src/model/traceTree.ts';
import { makeSpan } from '../../bench/fixtures/spans.ts';

describe('criticalPath', () => {
  it('follows sequential children and gives the gaps to the parent', () => {
    const tree = buildTraceTree([
      makeSpan({ spanId: 'root', startTime: 0, endTime: 100 }),
      makeSpan({ spanId: 'a', parentSpanId: 'root', startTime: 10, endTime: 40 }),
      makeSpan({ spanId: 'b', parentSpanId: 'root', startTime: 50, endTime: 90 }),
    ]);
    const path = criticalPath(tree, 0);
    expect([...path.spanIds].sort()).toEqual(['a', 'b', 'root']);
    expect(path.segments.map((s) => [s.spanId, s.start, s.end])).toEqual([
      ['root', 0, 10],
      ['a', 10, 40],
      ['root', 40, 50],
      ['b', 50, 90],
      ['root', 90, 100],
    ]);
  });

  it('keeps only the parallel child that finished last', () => {
    const tree = buildTraceTree([
      makeSpan({ spanId: 'root', startTime: 0, endTime: 100 }),
      makeSpan({ spanId: 'fast', parentSpanId: 'root', startTime: 0, endTime: 30 }),
      makeSpan({ spanId: 'slow', parentSpanId: 'root', startTime: 0, endTime: 100 }),
      makeSpan({ spanId: 'slow-child', parentSpanId: 'slow', startTime: 60, endTime: 100 }),
    ]);
    const path = criticalPath(tree, 0);
    expect(path.spanIds.has('fast')).toBe(false);
    expect(path.spanIds.has('slow-child')).toBe(true);
    expect(path.segments.filter((s) => s.spanId === 'slow')).toEqual([{ spanId: 'slow', start: 0, end: 60 }]);
  });

  it('clips a child that outlives its parent to the parent window', () => {
    const tree = buildTraceTree([
      makeSpan({ spanId: 'root', startTime: 0, endTime: 50 }),
      makeSpan({ spanId: 'late', parentSpanId: 'root', startTime: 40, endTime: 80 }),
    ]);
    const segments = criticalPath(tree, 0).segments;
    expect(segments).toEqual([
      { spanId: 'root', start: 0, end: 40 },
      { spanId: 'late', start: 40, end: 50 },
    ]);
  });

  it('runs running spans up to now and handles a 10,000-deep chain', () => {
    const spans = Array.from({ length: 10_000 }, (_, i) =>
      makeSpan({ spanId: `s${i}`, parentSpanId: i === 0 ? null : `s${i - 1}`, startTime: i, endTime: null }),
    );
    const path = criticalPath(buildTraceTree(spans), 20_000);
    expect(path.spanIds.size).toBe(10_000);
    expect(path.segments.at(-1)!.end).toBe(20_000);
  });
});
