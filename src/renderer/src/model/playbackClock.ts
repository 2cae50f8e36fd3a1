// The playback clock's arithmetic: how far one animation frame moves the playhead at a speed,
// and "step" speed, which walks from one span start or end to the next at a steady beat
// whatever the gaps between them. The frame loop owns the real time; this owns the maths.
import { appliedCount, positionAt, stepForward, type PlaybackPosition } from './playbackPosition.ts';
import type { PlaybackTimeline } from './playbackTimeline.ts';

export const PLAYBACK_SPEEDS = [0.25, 0.5, 1, 2, 5, 10, 20] as const;
export type PlaybackSpeed = (typeof PLAYBACK_SPEEDS)[number] | 'step';

/** Real time between two events in step mode: long enough to read what appeared. */
export const STEP_BEAT_MS = 700;
/** A frame longer than this (a background tab, a debugger pause) counts as this long. */
const MAX_FRAME_MS = 250;

export function speedLabel(speed: PlaybackSpeed): string {
  return speed === 'step' ? 'Step' : `${speed}×`;
}

export interface ClockState {
  position: PlaybackPosition;
  /** Step mode: real ms since the last beat. */
  carryMs: number;
}

export interface ClockTick {
  state: ClockState;
  /** The playhead reached the head: stop (recorded trace), or follow it (live trace). */
  reachedHead: boolean;
}

/**
 * One frame of playback. `head` is where the recording ends: the last event of a finished trace,
 * or "now" for a live one (so a playhead that catches up simply rides along with it).
 */
export function tick(
  timeline: PlaybackTimeline,
  clock: ClockState,
  speed: PlaybackSpeed,
  elapsedMs: number,
  head: number,
): ClockTick {
  const elapsed = Math.max(0, Math.min(elapsedMs, MAX_FRAME_MS));
  if (speed === 'step') {
    let carryMs = clock.carryMs + elapsed;
    let position = clock.position;
    if (carryMs >= STEP_BEAT_MS) {
      carryMs -= STEP_BEAT_MS;
      position = stepForward(timeline, position);
    }
    // Every event replayed: nothing is left to step to (a live trace waits for more).
    return {
      state: { position, carryMs },
      reachedHead: appliedCount(timeline, position) >= timeline.events.length,
    };
  }
  const position = positionAt(timeline, clock.position.time + elapsed * speed, head);
  return { state: { position, carryMs: 0 }, reachedHead: position.time >= head };
}

/** The playhead's place on a 0..1 track (the transport slider, the ruler). */
export function fraction(timeline: PlaybackTimeline, time: number, head: number): number {
  const span = head - timeline.startTime;
  return span > 0 ? Math.max(0, Math.min(1, (time - timeline.startTime) / span)) : 0;
}
