// The playback clock: one requestAnimationFrame loop while playing. The playhead lives in a ref
// and moves every frame; the store (and so React and every view) hears it at a rate the trace's
// size can afford: every frame for small traces, a dozen times a second for huge ones, where
// each commit re-derives rows for tens of thousands of spans.
import { useEffect, useRef } from 'react';
import { tick, type ClockState } from '../../model/playbackClock.ts';
import { appliedCount } from '../../model/playbackPosition.ts';
import type { PlaybackSource } from './playbackControls.ts';
import { playbackStore, updatePlayback } from './playbackStore.ts';

/** Minimum ms between store commits for a trace of this many spans. */
export function commitIntervalMs(spanCount: number): number {
  if (spanCount <= 2_000) return 0;
  if (spanCount <= 20_000) return 40;
  return 80;
}

export function usePlaybackClock(
  traceId: string,
  playing: boolean,
  source: PlaybackSource,
  spanCount: number,
): void {
  const sourceRef = useRef(source);
  sourceRef.current = source;
  const intervalRef = useRef(commitIntervalMs(spanCount));
  intervalRef.current = commitIntervalMs(spanCount);

  useEffect(() => {
    if (!playing) return;
    const store = playbackStore(traceId);
    let clock: ClockState = { position: store.get().position, carryMs: 0 };
    let committed = clock.position;
    let lastFrame = performance.now();
    let lastCommit = -Infinity;
    let frame = requestAnimationFrame(function loop(stamp) {
      frame = requestAnimationFrame(loop);
      const state = store.get();
      const timeline = sourceRef.current.timeline();
      if (!state.playing || !timeline) return;
      // A step, a seek or a drag since the last frame moved the playhead: carry on from there.
      if (state.position !== committed) clock = { position: state.position, carryMs: 0 };
      const elapsed = stamp - lastFrame;
      lastFrame = stamp;
      const head = sourceRef.current.head();
      const live = sourceRef.current.live();
      let following = state.following;
      if (following && !live) {
        // The live trace finished while being followed: play stops at its end.
        committed = { time: head, cursor: null };
        updatePlayback(traceId, { position: committed, playing: false, following: false });
        return;
      }
      if (following) {
        clock = { position: { time: head, cursor: null }, carryMs: 0 };
      } else {
        const next = tick(timeline, clock, state.speed, elapsed, head);
        clock = next.state;
        if (next.reachedHead && !live) {
          committed = clock.position;
          updatePlayback(traceId, { position: clock.position, playing: false });
          return;
        }
        // A live trace: once caught up, ride along with "now" (step mode waits for new events).
        following = next.reachedHead && state.speed !== 'step';
      }
      // A beat in step mode is one visible change: never hold it back.
      const beat =
        state.speed === 'step' &&
        appliedCount(timeline, clock.position) !== appliedCount(timeline, committed);
      if (beat || following !== state.following || stamp - lastCommit >= intervalRef.current) {
        lastCommit = stamp;
        committed = clock.position;
        updatePlayback(traceId, { position: clock.position, following });
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [traceId, playing]);
}
