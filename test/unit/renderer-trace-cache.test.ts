// The renderer's trace cache is bounded by spans held: least recently used traces go first, and
// the traces on screen (or loading) are never dropped, whatever they hold.
import { describe, expect, it } from 'vitest';
import { tracesToEvict } from '../../src/renderer/src/state/traceCache.ts';

const trace = (traceId: string, spanCount: number, pinned = false) => ({ traceId, spanCount, pinned });

describe('tracesToEvict', () => {
  it('keeps everything within the budget', () => {
    expect(tracesToEvict([trace('a', 10), trace('b', 20)], 30)).toEqual([]);
  });

  it('drops the least recently used traces until the spans held fit', () => {
    const cached = [trace('oldest', 60_000), trace('older', 50_000), trace('recent', 100_000)];
    expect(tracesToEvict(cached, 120_000)).toEqual(['oldest', 'older']);
    expect(tracesToEvict(cached, 160_000)).toEqual(['oldest']);
  });

  it('never drops a trace that is shown or loading, even past the budget', () => {
    const cached = [trace('shown', 100_000, true), trace('closed', 10), trace('big shown', 100_000, true)];
    expect(tracesToEvict(cached, 50_000)).toEqual(['closed']);
  });

  it('holds a bounded number of spans over a session that opens many large traces', () => {
    // 50 traces of 100,000 spans opened one after another, each closed when the next opens.
    let cached: ReturnType<typeof trace>[] = [];
    for (let i = 0; i < 50; i++) {
      cached = cached.map((entry) => ({ ...entry, pinned: false }));
      cached.push(trace(`t${i}`, 100_000, true));
      const evicted = new Set(tracesToEvict(cached, 300_000));
      cached = cached.filter((entry) => !evicted.has(entry.traceId));
    }
    expect(cached.map((entry) => entry.traceId)).toEqual(['t47', 't48', 't49']);
  });
});
