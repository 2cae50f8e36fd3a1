import { describe, expect, it } from 'vitest';
import { formatTick, niceTimeStep, timeTicks } from '../../src/renderer/src/lib/timeTicks.ts';
import {
  makeTimeScale,
  pxToTime,
  timeToPx,
  transformForWindow,
  windowFromTransform,
} from '../../src/renderer/src/lib/timeScale.ts';

describe('niceTimeStep', () => {
  it('rounds up to 1-2-5 steps below ten seconds and clock steps above', () => {
    expect(niceTimeStep(0.00013)).toBeCloseTo(0.0002);
    expect(niceTimeStep(3)).toBe(5);
    expect(niceTimeStep(7)).toBe(10);
    expect(niceTimeStep(180)).toBe(200);
    expect(niceTimeStep(4000)).toBe(5000);
    expect(niceTimeStep(12_000)).toBe(15_000);
    expect(niceTimeStep(45_000)).toBe(60_000);
    expect(niceTimeStep(200_000)).toBe(300_000);
  });
});

describe('timeTicks', () => {
  it('places ticks at multiples of the step inside the window', () => {
    const ticks = timeTicks(0, 1000, 1000, 100);
    expect(ticks.stepMs).toBe(100);
    expect(ticks.values[0]).toBe(0);
    expect(ticks.values.at(-1)).toBe(1000);
    expect(ticks.labels.slice(0, 3)).toEqual(['0', '100ms', '200ms']);
  });

  it('labels microseconds, seconds and minutes by the scale of the step', () => {
    expect(timeTicks(0, 0.5, 500, 100).labels[1]).toBe('100µs');
    expect(timeTicks(1000, 3000, 1000, 100).labels[0]).toBe('1.0s');
    expect(timeTicks(0, 600_000, 1000, 100).labels.slice(1, 3)).toEqual(['1m', '2m']);
    expect(formatTick(90_000, 15_000)).toBe('1m 30s');
    expect(formatTick(1.25, 0.05)).toBe('1.25ms');
  });

  it('starts at the first step inside a zoomed window', () => {
    const ticks = timeTicks(1234, 1290, 560, 100);
    expect(ticks.stepMs).toBe(10);
    expect(ticks.values[0]).toBe(1240);
    expect(ticks.labels[0]).toBe('1.24s');
  });

  it('returns no ticks for an empty window', () => {
    expect(timeTicks(5, 5, 100).values).toEqual([]);
  });
});

describe('time scale', () => {
  it('maps time to pixels and back', () => {
    const scale = makeTimeScale(100, 300, 400);
    expect(timeToPx(scale, 200)).toBe(200);
    expect(pxToTime(scale, 100)).toBe(150);
  });

  it('turns a zoom transform into a window and back, with the axis offset by a label column', () => {
    const { k, x } = transformForWindow(1000, 100, 600, 250, 500);
    expect(k).toBe(4);
    const scale = windowFromTransform(1000, 100, 600, k, x);
    expect(scale.startMs).toBeCloseTo(250);
    expect(scale.endMs).toBeCloseTo(500);
    const identity = windowFromTransform(1000, 100, 600, 1, 0);
    expect(identity.startMs).toBeCloseTo(0);
    expect(identity.pxPerMs).toBe(0.5);
  });
});
