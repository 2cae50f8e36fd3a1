import { describe, expect, it } from 'vitest';
import { buildTraceTree } from '../../src/renderer/src/model/traceTree.ts';
import { buildTimeline, type PlaybackTimeline } from '../../src/renderer/src/model/playbackTimeline.ts';
import { createPlaybackControls } from '../../src/renderer/src/features/playback/playbackControls.ts';
import { playbackStore } from '../../src/renderer/src/features/playback/playbackStore.ts';
import { commitIntervalMs } from '../../src/renderer/src/features/playback/usePlaybackClock.ts';
import { makeSpan } from '../../bench/fixtures/spans.ts';

const T = 1_700_000_000_000;
const timeline = buildTimeline(
  buildTraceTree([
    makeSpan({ spanId: 'root', startTime: T, endTime: T + 100 }),
    makeSpan({ spanId: 'a', parentSpanId: 'root', startTime: T + 10, endTime: T + 60 }),
  ]),
);

let traces = 0;
function setup(options: { live?: boolean; head?: number; timeline?: PlaybackTimeline | null } = {}) {
  const traceId = `trace-${traces++}`;
  const source = {
    timeline: () => (options.timeline === undefined ? timeline : options.timeline),
    head: () => options.head ?? T + 100,
    live: () => options.live ?? false,
  };
  return {
    traceId,
    controls: createPlaybackControls(traceId, source),
    state: () => playbackStore(traceId).get(),
  };
}

describe('playback controls', () => {
  it('enters paused at the start with the first span shown, and leaves', () => {
    const { controls, state } = setup();
    expect(state().on).toBe(false);
    controls.enter();
    expect(state()).toMatchObject({ on: true, playing: false, position: { time: T, cursor: 1 } });
    controls.exit();
    expect(state().on).toBe(false);
  });

  it('does nothing without a timeline', () => {
    const { controls, state } = setup({ timeline: null });
    controls.enter();
    controls.stepForward();
    expect(state().on).toBe(false);
  });

  it('steps pause playback; play at the end of a recorded trace starts over', () => {
    const { controls, state } = setup();
    controls.enter();
    controls.togglePlay();
    expect(state().playing).toBe(true);
    controls.stepForward();
    expect(state()).toMatchObject({ playing: false, position: { time: T + 10, cursor: 2 } });
    controls.stepBackward();
    expect(state().position).toEqual({ time: T, cursor: 1 });
    controls.seek(T + 500);
    expect(state().position).toEqual({ time: T + 100, cursor: null });
    controls.togglePlay();
    expect(state()).toMatchObject({ playing: true, position: { time: T, cursor: 1 } });
  });

  it('on a live trace, jumping to the end follows the head instead of stopping', () => {
    const { controls, state } = setup({ live: true, head: T + 250 });
    controls.enter();
    controls.toEnd();
    expect(state()).toMatchObject({
      playing: true,
      following: true,
      position: { time: T + 250, cursor: null },
    });
    controls.nudge(-1);
    expect(state()).toMatchObject({ playing: false, following: false });
    expect(state().position.time).toBeCloseTo(T + 247.5);
  });

  it('changes speed one notch at a time, with step mode below the slowest', () => {
    const { controls, state } = setup();
    controls.enter();
    expect(state().speed).toBe(1);
    controls.changeSpeed(1);
    expect(state().speed).toBe(2);
    controls.setSpeed(0.25);
    controls.changeSpeed(-1);
    expect(state().speed).toBe('step');
    controls.changeSpeed(-1);
    expect(state().speed).toBe('step');
    controls.setSpeed(20);
    controls.changeSpeed(1);
    expect(state().speed).toBe(20);
  });

  it('commits every frame for small traces and less often for huge ones', () => {
    expect(commitIntervalMs(50)).toBe(0);
    expect(commitIntervalMs(10_000)).toBeGreaterThan(0);
    expect(commitIntervalMs(100_000)).toBeGreaterThan(commitIntervalMs(10_000));
  });
});
