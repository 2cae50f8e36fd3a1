import { describe, expect, it } from 'vitest';
import { hugeTrace } from '../../bench/fixtures/hugeTrace.ts';
import { makeSpan } from '../../bench/fixtures/spans.ts';
import { runSliced } from '../../src/renderer/src/lib/slicedTask.ts';
import {
  bottomUp,
  bottomUpSliced,
  sortBottomUp,
  summariseRange,
} from '../../src/renderer/src/model/bottomUp.ts';
import { buildTraceTree } from '../../src/renderer/src/model/traceTree.ts';

// agent 0–100: llm 0–30, tool "search" 30–80 (with a nested "search" retry 40–60), llm 80–100.
const spans = [
  makeSpan({ spanId: 'a', name: 'agent', type: 'agent', startTime: 0, endTime: 100 }),
  makeSpan({
    spanId: 'l1',
    parentSpanId: 'a',
    name: 'think',
    type: 'llm',
    startTime: 0,
    endTime: 30,
    totalTokens: 100,
    costUsd: 0.01,
  }),
  makeSpan({ spanId: 's1', parentSpanId: 'a', name: 'search', type: 'tool', startTime: 30, endTime: 80 }),
  makeSpan({
    spanId: 's2',
    parentSpanId: 's1',
    name: 'search',
    type: 'tool',
    startTime: 40,
    endTime: 60,
    status: 'error',
  }),
  makeSpan({
    spanId: 'l2',
    parentSpanId: 'a',
    name: 'think',
    type: 'llm',
    startTime: 80,
    endTime: 100,
    totalTokens: 50,
    costUsd: 0.02,
  }),
];
const tree = buildTraceTree(spans);
const byKey = (rows: ReturnType<typeof bottomUp>) => Object.fromEntries(rows.map((r) => [r.key, r]));

describe('bottomUp', () => {
  it('aggregates by name: count, total (recursion counted once), self, tokens, cost, errors', () => {
    const rows = byKey(bottomUp(tree, 'name', null, 100));
    expect(rows.agent).toMatchObject({ count: 1, totalMs: 100, selfMs: 0 });
    expect(rows.think).toMatchObject({
      count: 2,
      totalMs: 50,
      selfMs: 50,
      tokens: 150,
      errors: 0,
      type: 'llm',
    });
    expect(rows.think!.costUsd).toBeCloseTo(0.03);
    expect(rows.search).toMatchObject({ count: 2, totalMs: 50, selfMs: 50, errors: 1 });
    expect(rows.search!.spanIds).toEqual(['s1', 's2']);
  });

  it('aggregates by type and clips to a range', () => {
    const rows = byKey(bottomUp(tree, 'type', { startMs: 20, endMs: 50 }, 100));
    expect(rows.llm).toMatchObject({ count: 1, totalMs: 10, selfMs: 10, tokens: 100 });
    expect(rows.tool).toMatchObject({ count: 2, totalMs: 20, selfMs: 20 });
    expect(rows.agent).toMatchObject({ totalMs: 30, selfMs: 0 });
    expect(summariseRange(tree, { startMs: 20, endMs: 50 }, 100)).toMatchObject({
      durationMs: 30,
      spans: 4,
      tokens: 100,
      errors: 1,
    });
  });

  it('sorts by any column, ties by name', () => {
    const rows = bottomUp(tree, 'name', null, 100);
    expect(sortBottomUp(rows, 'totalMs', true).map((r) => r.key)).toEqual(['agent', 'search', 'think']);
    expect(sortBottomUp(rows, 'key', false).map((r) => r.key)).toEqual(['agent', 'search', 'think']);
    expect(sortBottomUp(rows, 'tokens', true)[0]!.key).toBe('think');
  });

  it('gives the same rows in slices as in one piece, pausing while it works (5,000 spans)', async () => {
    const big = buildTraceTree(hugeTrace(5000, 1_000_000, 7).spans);
    const mid = (big.startTime + big.endTime) / 2;
    const ranges = [null, { startMs: mid, endMs: mid + (big.endTime - big.startTime) / 5 }];
    for (const group of ['name', 'type'] as const)
      for (const range of ranges) {
        let pauses = 0;
        let clock = 0;
        const sliced = await runSliced(bottomUpSliced(big, group, range, big.endTime), {
          sliceMs: 1,
          now: () => clock++,
          pause: async () => {
            pauses++;
          },
        });
        expect(sliced).toEqual(bottomUp(big, group, range, big.endTime));
        expect(pauses).toBeGreaterThan(5);
      }
  });
});
