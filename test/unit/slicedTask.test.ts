import { describe, expect, it } from 'vitest';
import { runSlice, runSliced, runToEnd, type Sliceable } from '../../src/renderer/src/lib/slicedTask.ts';

/** Sums 1..n, pausing after each number; records how far it got and whether it was closed. */
function* sumTo(n: number, log: { reached: number; closed: boolean }): Sliceable<number> {
  let sum = 0;
  try {
    for (let i = 1; i <= n; i++) {
      sum += i;
      log.reached = i;
      yield;
    }
    return sum;
  } finally {
    log.closed = true;
  }
}

/** A clock that moves 1 ms each time it is read: a slice of 3 ms takes a few steps. */
function steppingClock() {
  let t = 0;
  return () => t++;
}

describe('sliced tasks', () => {
  it('runs to the same result in slices as in one piece, handing the thread back between slices', async () => {
    let pauses = 0;
    const log = { reached: 0, closed: false };
    const sliced = await runSliced(sumTo(100, log), {
      sliceMs: 3,
      now: steppingClock(),
      pause: async () => {
        pauses++;
      },
    });
    expect(sliced).toBe(runToEnd(sumTo(100, { reached: 0, closed: false })));
    expect(sliced).toBe(5050);
    // One pause per few steps, not one at the end: the work really is cut up.
    expect(pauses).toBeGreaterThan(20);
    expect(log.closed).toBe(true);
  });

  it('stops at the next pause once aborted, and closes the computation', async () => {
    const controller = new AbortController();
    const log = { reached: 0, closed: false };
    let pauses = 0;
    const run = runSliced(sumTo(1000, log), {
      signal: controller.signal,
      sliceMs: 3,
      now: steppingClock(),
      pause: async () => {
        if (++pauses === 2) controller.abort(new Error('stale'));
      },
    });
    await expect(run).rejects.toThrow('stale');
    expect(log.reached).toBeLessThan(20);
    expect(log.closed).toBe(true);
  });

  it('runs one slice and says whether it finished', () => {
    const task = sumTo(10, { reached: 0, closed: false });
    const clock = steppingClock();
    expect(runSlice(task, 3, clock)).toBeUndefined();
    let ended = runSlice(task, 3, clock);
    while (!ended) ended = runSlice(task, 3, clock);
    expect(ended.value).toBe(55);
  });
});
