// The trace cache holds a trace's spans as TraceSpans: a read-only map over the answer's list
// (live spans merged into it in place) whose index by id is built later (when the thread is idle,
// or by the first lookup). It must answer exactly as a Map of the same spans would, in the
// answer's order, whichever comes first; and each merge makes a version that can say what changed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeSpan } from '../../bench/fixtures/spans.ts';
import { TraceSpans } from '../../src/renderer/src/state/traceSpans.ts';
import { mergeSpans } from '../../src/renderer/src/state/traceCache.ts';

const list = Array.from({ length: 5_000 }, (_, i) => makeSpan({ spanId: `s${i}`, startTime: i }));

/** The idle callbacks TraceSpans asked for, run by hand with a deadline of `msLeft` each. */
function fakeIdle() {
  const queued: IdleRequestCallback[] = [];
  vi.stubGlobal('requestIdleCallback', (callback: IdleRequestCallback) => queued.push(callback));
  return {
    runOne(msLeft: number) {
      let left = msLeft;
      queued.shift()!({ didTimeout: false, timeRemaining: () => Math.max(0, left--) });
    },
    get pending() {
      return queued.length;
    },
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('TraceSpans', () => {
  it('answers as a Map of the same spans, in the answer order', () => {
    const spans = TraceSpans.of([...list]);
    const map = new Map(list.map((span) => [span.spanId, span]));
    expect(spans.size).toBe(map.size);
    expect(spans.get('s4321')).toBe(list[4321]);
    expect(spans.get('nope')).toBeUndefined();
    expect(spans.has('s0')).toBe(true);
    expect(spans.has('s5000')).toBe(false);
    expect([...spans.keys()]).toEqual([...map.keys()]);
    expect([...spans.values()]).toEqual([...map.values()]);
    expect([...spans]).toEqual([...map]);
    expect(new Map(spans)).toEqual(map);
    const seen: string[] = [];
    spans.forEach((span, spanId, self) => {
      expect(self).toBe(spans);
      expect(span.spanId).toBe(spanId);
      seen.push(spanId);
    });
    expect(seen).toEqual([...map.keys()]);
  });

  it('indexes a part at a time while the thread is idle, and a lookup finishes the rest at once', () => {
    const idle = fakeIdle();
    const spans = TraceSpans.of([...list]);
    expect(idle.pending).toBe(1);
    // A short idle period indexes some spans and asks for another.
    idle.runOne(2);
    expect(idle.pending).toBe(1);
    // Found whether or not its part was indexed by then.
    expect(spans.get('s10')).toBe(list[10]);
    expect(spans.get('s4999')).toBe(list[4999]);
    // Nothing left: the next idle period ends the work.
    idle.runOne(50);
    expect(idle.pending).toBe(0);
  });

  it('indexes all of it in idle periods that are long enough', () => {
    const idle = fakeIdle();
    const spans = TraceSpans.of([...list]);
    let periods = 0;
    while (idle.pending > 0 && periods < 100) {
      idle.runOne(3);
      periods++;
    }
    expect(periods).toBeGreaterThan(1);
    expect(idle.pending).toBe(0);
    expect(spans.get('s2500')).toBe(list[2500]);
  });

  it('takes live spans on top through mergeSpans, keeping the answer order', () => {
    const spans = TraceSpans.of(list.slice(0, 3));
    const newer = makeSpan({ spanId: 's1', startTime: 1, endTime: 9 });
    const merged = mergeSpans(spans, [newer, makeSpan({ spanId: 'live' })]);
    expect([...merged.keys()]).toEqual(['s0', 's1', 's2', 'live']);
    expect(merged.get('s1')).toBe(newer);
  });

  it('merges in place into a new version, which says what changed since an earlier one', () => {
    const v0 = TraceSpans.of(list.slice(0, 3));
    const ended = makeSpan({ spanId: 's1', startTime: 1, endTime: 9 });
    const v1 = v0.merge([ended, makeSpan({ spanId: 'live' })]);
    expect(v1).not.toBe(v0);
    expect(v1.changesSince(v0)).toEqual([ended, makeSpan({ spanId: 'live' })]);
    // An older snapshot (still running) of a span held as ended is not taken, nor reported.
    const stale = makeSpan({ spanId: 's1', startTime: 1, endTime: null });
    const v2 = v1.merge([stale, makeSpan({ spanId: 'later' })]);
    expect(v2.get('s1')).toBe(ended);
    expect(v2.changesSince(v1)!.map((s) => s.spanId)).toEqual(['later']);
    expect(v2.changesSince(v0)!.map((s) => s.spanId)).toEqual(['s1', 'live', 'later']);
    expect(v2.changesSince(v2)).toEqual([]);
    expect([...v2.keys()]).toEqual(['s0', 's1', 's2', 'live', 'later']);
    // Not a version of the same spans, or a later one: nothing to say.
    expect(v2.changesSince(TraceSpans.of(list.slice(0, 3)))).toBeNull();
    expect(v2.changesSince(new Map())).toBeNull();
    expect(v1.changesSince(v2)).toBeNull();
  });

  it('forgets changes past its log, so a version that old gets null (a full build)', () => {
    const v0 = TraceSpans.of([]);
    let v = v0;
    for (let i = 0; i < 100; i++) v = v.merge([makeSpan({ spanId: `n${i}` })]);
    expect(v.changesSince(v0)).toBeNull();
    expect(v.size).toBe(100);
  });

  it('stops indexing in idle time once the trace leaves the cache', () => {
    const idle = fakeIdle();
    const spans = TraceSpans.of([...list]);
    idle.runOne(2);
    expect(idle.pending).toBe(1);
    spans.stopIndexing();
    // A short period, which would have left work for another.
    idle.runOne(2);
    expect(idle.pending).toBe(0);
    // Still answers: a lookup indexes what is left.
    expect(spans.get('s4999')).toBe(list[4999]);
  });
});
