// The overview strip's lanes (model/overview.ts), built in one piece and in slices, against the
// plain definition of a lane: its rows' bars sorted by start, merged into runs a pixel apart.
import { describe, expect, it } from 'vitest';
import { hugeTrace } from '../../bench/fixtures/hugeTrace.ts';
import { seededRandom } from '../../bench/fixtures/random.ts';
import { makeSpan } from '../../bench/fixtures/spans.ts';
import type { SpanType } from '../../src/shared/types.ts';
import { runSliced } from '../../src/renderer/src/lib/slicedTask.ts';
import { buildOverview, buildOverviewSliced, type Overview } from '../../src/renderer/src/model/overview.ts';
import { spanEnd, spanStart } from '../../src/renderer/src/model/spanTiming.ts';
import {
  buildTraceTree,
  NO_COLLAPSE,
  type SpanNode,
  visibleRows,
} from '../../src/renderer/src/model/traceTree.ts';

/** Each lane by the definition: an object per bar, a stable sort by start, one merge pass. */
function definedLanes(
  ...[rows, traceStart, totalMs, now, widthPx, heightPx]: Parameters<typeof buildOverview>
): Overview['lanes'] {
  const laneCount = Math.max(1, Math.min(rows.length, Math.floor(heightPx / 2)));
  const pxPerMs = widthPx / Math.max(totalMs, 1e-6);
  const perLane: SpanNode[][] = Array.from({ length: laneCount }, () => []);
  rows.forEach((row, i) => {
    perLane[Math.floor((i * laneCount) / rows.length)]!.push(row);
  });
  return perLane.map((lane) => {
    const bars = lane
      .map(({ span }) => {
        const s = (spanStart(span, traceStart) - traceStart) * pxPerMs;
        const e = (spanEnd(span, traceStart, now) - traceStart) * pxPerMs;
        return { s, e: Math.max(e, s + 1), type: span.type, length: e - s };
      })
      .sort((a, b) => a.s - b.s);
    const runs: { x0: number; x1: number; type: SpanType; longest: number }[] = [];
    for (const bar of bars) {
      const run = runs.at(-1);
      if (run && bar.s <= run.x1 + 1) {
        run.x1 = Math.max(run.x1, bar.e);
        if (bar.length > run.longest) Object.assign(run, { longest: bar.length, type: bar.type });
      } else runs.push({ x0: bar.s, x1: bar.e, type: bar.type, longest: bar.length });
    }
    return {
      x0: Float32Array.from(runs.map((r) => r.x0)),
      x1: Float32Array.from(runs.map((r) => r.x1)),
      types: runs.map((r) => r.type),
    };
  });
}

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
    expect(whole.lanes).toEqual(definedLanes(...args));
    // Red ticks: the columns where failed spans start, each once, left to right.
    const pxPerMs = 1200 / (tree.endTime - tree.startTime);
    const failed = rows.filter((row) => row.span.status === 'error');
    expect(failed.length).toBeGreaterThan(10);
    const columns = new Set(
      failed.map((row) => Math.round((row.span.startTime! - tree.startTime) * pxPerMs)),
    );
    expect([...whole.errorXs]).toEqual([...columns].sort((a, b) => a - b));
  });

  it('merges and colours runs as the definition does: equal starts, equal lengths, running spans, spans outside the strip', () => {
    const random = seededRandom(11);
    const types: SpanType[] = ['llm', 'tool', 'agent', 'retrieval'];
    const t0 = 1_000_000;
    // Starts on a coarse grid, so many spans share a start (and a pixel column) and many lengths
    // tie; a few run on past the last end, a few start before the trace's start.
    const spans = Array.from({ length: 5_000 }, (_, i) => {
      const start = t0 + Math.floor(random() * 200) * 5 - (i % 97 === 0 ? 40 : 0);
      const running = i % 53 === 0;
      return makeSpan({
        spanId: `s${i}`,
        traceId: 't',
        parentSpanId: i === 0 ? null : 's0',
        name: `span ${i}`,
        type: types[i % types.length]!,
        startTime: start,
        endTime: running ? null : start + Math.floor(random() * 4) * 10,
        status: running ? 'running' : 'success',
      });
    });
    const tree = buildTraceTree(spans);
    const rows = visibleRows(tree, NO_COLLAPSE);
    for (const widthPx of [1, 37, 800]) {
      const args = [rows, t0, 1_000, t0 + 1_200, widthPx, 40] as const;
      expect(buildOverview(...args).lanes, `${widthPx} px`).toEqual(definedLanes(...args));
    }
    // A clock far off spreads one lane's starts over more columns than the strip has: sorted.
    const offClock = buildTraceTree([
      ...spans,
      makeSpan({
        spanId: 'far',
        traceId: 't',
        parentSpanId: null,
        startTime: t0 + 1e9,
        endTime: t0 + 1e9 + 5,
      }),
    ]);
    const offRows = visibleRows(offClock, NO_COLLAPSE);
    const offArgs = [offRows, t0, 1_000, t0 + 1_200, 800, 4] as const;
    expect(buildOverview(...offArgs).lanes).toEqual(definedLanes(...offArgs));
    // Fewer rows than lanes, and none.
    const few = rows.slice(0, 3);
    expect(buildOverview(few, t0, 1_000, t0, 800, 40).lanes).toEqual(
      definedLanes(few, t0, 1_000, t0, 800, 40),
    );
    expect(buildOverview([], t0, 1_000, t0, 800, 40).lanes).toEqual(definedLanes([], t0, 1_000, t0, 800, 40));
  });
});
