// Whether a trace still runs, and its extent (model/spanTiming.ts).
import { describe, expect, it } from 'vitest';
import { makeSpan } from '../../bench/fixtures/spans.ts';
import { hasRunningSpans, traceExtent } from '../../src/renderer/src/model/spanTiming.ts';
import { buildTraceTree } from '../../src/renderer/src/model/traceTree.ts';

describe('hasRunningSpans and traceExtent', () => {
  it('extends a running trace to now, and not a finished one', () => {
    const finished = buildTraceTree([makeSpan({ spanId: 'a', startTime: 10, endTime: 50 })]);
    const running = buildTraceTree([
      makeSpan({ spanId: 'a', startTime: 10, endTime: null, status: 'running' }),
      makeSpan({ spanId: 'b', parentSpanId: 'a', startTime: 20, endTime: 30 }),
    ]);
    expect(hasRunningSpans(finished)).toBe(false);
    expect(hasRunningSpans(running)).toBe(true);
    expect(traceExtent(finished, 99)).toEqual({ startTime: 10, endTime: 50 });
    expect(traceExtent(running, 99)).toEqual({ startTime: 10, endTime: 99 });
  });

  it('scans a tree once: trees never change once built, and views ask for every render', () => {
    const tree = buildTraceTree([makeSpan({ spanId: 'a', startTime: 10, endTime: 50 })]);
    expect(hasRunningSpans(tree)).toBe(false);
    // Changing a built tree is not allowed; doing it here shows the answer is not worked out again.
    const node = tree.byId.get('a')!;
    node.span = { ...node.span, endTime: null, status: 'running' };
    expect(hasRunningSpans(tree)).toBe(false);
  });
});
