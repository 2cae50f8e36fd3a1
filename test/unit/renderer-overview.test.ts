// The overview strip's lanes (model/overview.ts), built in one piece and in slices.
import { describe, expect, it } from 'vitest';
import { hugeTrace } from '../../bench/fixtures/hugeTrace.ts';
import { runSliced } from '../../src/renderer/src/lib/slicedTask.ts';
import { buildOverview, buildOverviewSliced } from '../../src/renderer/src/model/overview.ts';
import { buildTraceTree, NO_COLLAPSE, visibleRows } from '../../src/renderer/src/model/traceTree.ts';

describe('buildOverviewSliced', () => {
  it('gives the same lanes in slices as in one piece, pausing while it works (20,000 spans)', async () => {
    const tree = buildTraceTree(hugeTrace(20_000, 1_000_000, 5).spans);
    const rows = visibleRows(tree, NO_COLLAPSE);
    const args = [rows, tree.startTime, tree.endTime - tree.startTime, tree.endTime, 1200, 56] as const;
    let pauses = 0;
    let clock = 0;
    const sliced = await runSliced(buildOverviewSliced(...args), {
      sliceMs: 1,
      now: () => clock++,
      pause: async () => {
        pauses++;
      },
    });
    const whole = buildOverview(...args);
    expect(sliced).toEqual(whole);
    expect(whole.lanes.length).toBe(28);
    expect(whole.lanes.every((lane) => lane.x0.length > 0)).toBe(true);
    expect(pauses).toBeGreaterThan(20);
  });
});
