import { describe, expect, it } from 'vitest';
import { buildTraceTree, visibleRows } from '../../src/renderer/src/model/traceTree.ts';
import { buildTimeline, eventsUpTo } from '../../src/renderer/src/model/playbackTimeline.ts';
import {
  appliedCount,
  latestEvent,
  nudge,
  startPosition,
  stepBackward,
  stepForward,
  type PlaybackPosition,
} from '../../src/renderer/src/model/playbackPosition.ts';
import { spanAsOf, spanPhase, treeAsOf, treeAtTime } from '../../src/renderer/src/model/playbackTree.ts';
import { STEP_BEAT_MS, tick } from '../../src/renderer/src/model/playbackClock.ts';
import { makeSpan } from '../../bench/fixtures/spans.ts';
import { traceAsOf } from '../../src/renderer/src/model/traceAsOf.ts';
import type { TraceDetail } from '../../src/shared/types.ts';

const T = 1_700_000_000_000;
const order = (timeline: ReturnType<typeof buildTimeline>) =>
  timeline.events.map((e) => `${e.kind === 'start' ? '+' : '-'}${e.node.span.spanId}`);
const rowIds = (tree: ReturnType<typeof buildTraceTree>) =>
  visibleRows(tree, new Set()).map((n) => n.span.spanId);

/** root 0–100 running two tools in parallel (a 10–60, b 20–40), then an LLM call 60–90. */
function agent() {
  return [
    makeSpan({
      spanId: 'llm',
      parentSpanId: 'root',
      startTime: T + 60,
      endTime: T + 90,
      type: 'llm',
      outputPreview: 'answer',
      completionTokens: 12,
      timeToFirstTokenMs: 5,
    }),
    makeSpan({ spanId: 'b', parentSpanId: 'root', startTime: T + 20, endTime: T + 40 }),
    makeSpan({ spanId: 'root', startTime: T, endTime: T + 100, type: 'agent' }),
    makeSpan({
      spanId: 'a',
      parentSpanId: 'root',
      startTime: T + 10,
      endTime: T + 60,
      status: 'error',
      error: { message: 'boom', type: null, stack: null },
    }),
  ];
}

describe('buildTimeline', () => {
  it('orders starts and ends by recorded time, whatever order the spans arrived in', () => {
    const spans = agent();
    const expected = ['+root', '+a', '+b', '-b', '-a', '+llm', '-llm', '-root'];
    expect(order(buildTimeline(buildTraceTree(spans)))).toEqual(expected);
    expect(order(buildTimeline(buildTraceTree([...spans].reverse())))).toEqual(expected);
    expect(order(buildTimeline(buildTraceTree([spans[2]!, spans[0]!, spans[3]!, spans[1]!])))).toEqual(
      expected,
    );
  });

  it('breaks ties at one instant: running spans end first, then parents start before children, then zero-length spans end', () => {
    const tree = buildTraceTree([
      makeSpan({ spanId: 'p', startTime: T, endTime: T + 50 }),
      makeSpan({ spanId: 'c1', parentSpanId: 'p', startTime: T, endTime: T + 20, stepOrder: 1 }),
      makeSpan({ spanId: 'c2', parentSpanId: 'p', startTime: T + 20, endTime: T + 20, stepOrder: 2 }),
      makeSpan({ spanId: 'c3', parentSpanId: 'p', startTime: T + 20, endTime: T + 50, stepOrder: 3 }),
      makeSpan({ spanId: 'g', parentSpanId: 'c3', startTime: T + 20, endTime: T + 50 }),
    ]);
    expect(order(buildTimeline(tree))).toEqual([
      '+p',
      '+c1',
      '-c1',
      '+c2',
      '+c3',
      '+g',
      '-c2',
      '-g',
      '-c3',
      '-p',
    ]);
  });

  it('never shows a child before its parent, even when clock skew puts its start first', () => {
    const tree = buildTraceTree([
      makeSpan({ spanId: 'parent', startTime: T + 10, endTime: T + 30 }),
      makeSpan({ spanId: 'child', parentSpanId: 'parent', startTime: T + 5, endTime: T + 8 }),
    ]);
    const timeline = buildTimeline(tree);
    expect(order(timeline)).toEqual(['+parent', '+child', '-child', '-parent']);
    expect(timeline.events[0]!.time).toBe(T + 5);
  });

  it('gives a still-running span a start and no end, and a malformed one without an end time zero length', () => {
    const tree = buildTraceTree([
      makeSpan({ spanId: 'live', startTime: T, endTime: null }),
      makeSpan({ spanId: 'odd', parentSpanId: 'live', startTime: T + 3, endTime: null, status: 'success' }),
    ]);
    const timeline = buildTimeline(tree);
    expect(order(timeline)).toEqual(['+live', '+odd', '-odd']);
    expect(timeline.endIndex.get('live')).toBe(Infinity);
  });
});

describe('stepping', () => {
  const timeline = buildTimeline(buildTraceTree(agent()));

  it('starts with the root shown and steps one event at a time in recorded order', () => {
    let position: PlaybackPosition = startPosition(timeline);
    const appeared: string[] = [];
    let shown = new Set(rowIds(treeAsOf(timeline, appliedCount(timeline, position), position.time)));
    expect([...shown]).toEqual(['root']);
    for (let i = 0; i < timeline.events.length; i++) {
      position = stepForward(timeline, position);
      const ids = rowIds(treeAsOf(timeline, appliedCount(timeline, position), position.time));
      for (const id of ids) if (!shown.has(id)) appeared.push(id);
      shown = new Set(ids);
    }
    expect(appeared).toEqual(['a', 'b', 'llm']);
    expect(appliedCount(timeline, position)).toBe(timeline.events.length);
    expect(position.time).toBe(T + 100);
    expect(stepForward(timeline, position)).toBe(position);
  });

  it('steps through simultaneous events one by one, forwards and back', () => {
    const tied = buildTimeline(
      buildTraceTree([
        makeSpan({ spanId: 'r', startTime: T, endTime: T + 10 }),
        makeSpan({ spanId: 'x', parentSpanId: 'r', startTime: T + 5, endTime: T + 9, stepOrder: 1 }),
        makeSpan({ spanId: 'y', parentSpanId: 'r', startTime: T + 5, endTime: T + 9, stepOrder: 2 }),
      ]),
    );
    let position = stepForward(tied, startPosition(tied));
    expect(position).toEqual({ time: T + 5, cursor: 2 });
    expect(latestEvent(tied, appliedCount(tied, position))!.node.span.spanId).toBe('x');
    expect(spanPhase(tied, 'y', appliedCount(tied, position))).toBe('not-started');
    position = stepForward(tied, position);
    expect(position).toEqual({ time: T + 5, cursor: 3 });
    expect(spanPhase(tied, 'y', appliedCount(tied, position))).toBe('running');
    position = stepBackward(tied, position);
    expect(position).toEqual({ time: T + 5, cursor: 2 });
    position = stepBackward(tied, stepBackward(tied, position));
    expect(position).toEqual({ time: T, cursor: 0 });
    expect(stepBackward(tied, position)).toEqual({ time: T, cursor: 0 });
  });

  it('goes back to the moment of the latest event first when the playhead is between events', () => {
    const between = { time: T + 30, cursor: null };
    expect(latestEvent(timeline, appliedCount(timeline, between))!.node.span.spanId).toBe('b');
    const back = stepBackward(timeline, between);
    expect(back).toEqual({ time: T + 20, cursor: 3 });
    expect(stepBackward(timeline, back)).toEqual({ time: T + 10, cursor: 2 });
    expect(stepForward(timeline, between)).toEqual({ time: T + 40, cursor: 4 });
  });

  it('nudges by a hundredth of the trace and stays inside it', () => {
    expect(nudge(timeline, { time: T + 50, cursor: 3 }, 1, T + 100)).toEqual({ time: T + 51, cursor: null });
    expect(nudge(timeline, { time: T, cursor: null }, -1, T + 100).time).toBe(T);
    expect(nudge(timeline, { time: T + 100, cursor: null }, 1, T + 100).time).toBe(T + 100);
  });
});

describe('treeAtTime', () => {
  const tree = buildTraceTree(agent());

  it('leaves out spans not started yet and keeps the full order of the ones shown', () => {
    expect(rowIds(treeAtTime(tree, T - 1))).toEqual([]);
    expect(rowIds(treeAtTime(tree, T + 25))).toEqual(['root', 'a', 'b']);
    expect(rowIds(treeAtTime(tree, T + 60))).toEqual(['root', 'a', 'b', 'llm']);
    const later = treeAtTime(tree, T + 25);
    expect(later.byId.get('root')!.subtreeSize).toBe(3);
    expect(later.byId.get('b')!.depth).toBe(1);
    expect(later.startTime).toBe(T);
    expect(later.endTime).toBe(T + 25);
  });

  it('shows a span running at t without its end, error, output or tokens, and as recorded once ended', () => {
    const at30 = treeAtTime(tree, T + 30);
    const a = at30.byId.get('a')!.span;
    expect(a).toMatchObject({ endTime: null, durationMs: null, status: 'running', error: null });
    expect(at30.byId.get('root')!.span.status).toBe('running');
    const at62 = treeAtTime(tree, T + 62);
    expect(at62.byId.get('a')!.span).toBe(tree.byId.get('a')!.span);
    expect(at62.byId.get('llm')!.span).toMatchObject({
      status: 'running',
      outputPreview: null,
      completionTokens: null,
      timeToFirstTokenMs: null,
    });
    expect(treeAtTime(tree, T + 66).byId.get('llm')!.span.timeToFirstTokenMs).toBe(5);
    expect(treeAtTime(tree, T + 90).byId.get('llm')!.span.outputPreview).toBe('answer');
  });

  it('answers the inspector: nothing before the start, running, then the recorded span', () => {
    const timeline = buildTimeline(tree);
    const llm = tree.byId.get('llm')!.span;
    const at = (time: number) => spanAsOf(timeline, llm, eventsUpTo(timeline, time), time);
    expect(at(T + 59)).toBeNull();
    expect(at(T + 70)!.status).toBe('running');
    expect(at(T + 90)).toBe(llm);
  });

  it('handles a 20,000-deep chain without recursion', () => {
    const spans = Array.from({ length: 20_000 }, (_, i) =>
      makeSpan({
        spanId: `s${i}`,
        parentSpanId: i === 0 ? null : `s${i - 1}`,
        startTime: T + i,
        endTime: T + 40_000 - i,
      }),
    );
    const deep = buildTraceTree(spans);
    const half = treeAtTime(deep, T + 9_999.5);
    expect(half.byId.size).toBe(10_000);
    expect(half.roots[0]!.subtreeSize).toBe(10_000);
    expect(half.byId.get('s9999')!.depth).toBe(9_999);
  });
});

describe('clock', () => {
  const timeline = buildTimeline(buildTraceTree(agent()));

  it('moves the playhead by elapsed time × speed and stops at the head', () => {
    const at = { position: { time: T + 10, cursor: null }, carryMs: 0 };
    expect(tick(timeline, at, 2, 16, T + 100)).toEqual({
      state: { position: { time: T + 42, cursor: null }, carryMs: 0 },
      reachedHead: false,
    });
    expect(tick(timeline, at, 0.25, 40, T + 100).state.position.time).toBe(T + 20);
    const end = tick(timeline, at, 20, 100, T + 100);
    expect(end.state.position.time).toBe(T + 100);
    expect(end.reachedHead).toBe(true);
  });

  it('in step mode moves one event per beat, whatever the time between events', () => {
    // 100 ms frames; a long frame (a background tab) never counts as more than a few beats.
    let clock = { position: startPosition(timeline), carryMs: 0 };
    for (let ms = 100; ms < STEP_BEAT_MS; ms += 100)
      clock = tick(timeline, clock, 'step', 100, T + 100).state;
    expect(clock.position).toEqual(startPosition(timeline));
    clock = tick(timeline, clock, 'step', 100, T + 100).state;
    expect(clock.position).toEqual({ time: T + 10, cursor: 2 });
    expect(tick(timeline, clock, 'step', 60_000, T + 100).state.position).toEqual(clock.position);
    let reached = false;
    for (let i = 0; i < 200 && !reached; i++) {
      const next = tick(timeline, clock, 'step', 100, T + 100);
      clock = next.state;
      reached = next.reachedHead;
    }
    expect(reached).toBe(true);
    expect(appliedCount(timeline, clock.position)).toBe(timeline.events.length);
  });
});

describe('traceAsOf (the trace header in playback)', () => {
  const spans = [
    makeSpan({
      spanId: 'root',
      startTime: T,
      endTime: T + 100,
      type: 'agent',
      promptTokens: 999,
      costUsd: 9,
    }),
    makeSpan({
      spanId: 'plan',
      parentSpanId: 'root',
      startTime: T + 10,
      endTime: T + 30,
      type: 'llm',
      promptTokens: 100,
      completionTokens: 20,
      totalTokens: 120,
      costUsd: 0.01,
    }),
    makeSpan({
      spanId: 'tool',
      parentSpanId: 'root',
      startTime: T + 30,
      endTime: T + 50,
      type: 'tool',
      status: 'error',
      error: { message: 'boom', type: null, stack: null },
    }),
    makeSpan({
      spanId: 'answer',
      parentSpanId: 'root',
      startTime: T + 50,
      endTime: T + 90,
      type: 'llm',
      promptTokens: 300,
      completionTokens: 60,
      costUsd: 0.05,
    }),
  ];
  const tree = buildTraceTree(spans);
  const timeline = buildTimeline(tree);
  const final: TraceDetail = {
    traceId: 'trace-1',
    name: 'run',
    service: null,
    status: 'error',
    startTime: T,
    endTime: T + 100,
    durationMs: 100,
    spanCount: 4,
    errorCount: 1,
    promptTokens: 400,
    completionTokens: 80,
    totalTokens: 480,
    costUsd: 0.06,
    models: [],
    tags: [],
    sessionId: null,
    userId: null,
    input: null,
    output: null,
    metadata: {},
  } as unknown as TraceDetail;
  const at = (time: number) => {
    const applied = eventsUpTo(timeline, time);
    return traceAsOf(final, treeAsOf(timeline, applied, time), applied >= timeline.events.length);
  };

  it('sums what had ended by the playhead, model calls only, and runs until the end', () => {
    // plan has ended, answer is running: only plan's tokens and cost count; the agent's own never do.
    expect(at(T + 60)).toMatchObject({
      status: 'running',
      spanCount: 4,
      errorCount: 1,
      promptTokens: 100,
      completionTokens: 20,
      totalTokens: 120,
      costUsd: 0.01,
    });
    expect(at(T + 20)).toMatchObject({ spanCount: 2, errorCount: 0, totalTokens: 0, costUsd: 0 });
    // answer reports no total: prompt + completion, as the store counts it.
    expect(at(T + 95)).toMatchObject({
      totalTokens: 480,
      costUsd: expect.closeTo(0.06, 12),
      status: 'running',
    });
    expect(at(T + 200)).toBe(final);
  });
});
