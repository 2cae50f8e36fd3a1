// What the transport bar, the keys and the waterfall's scrubber can do to the playhead. Each
// action reads the current timeline and head when it runs (a live trace keeps growing), and
// writes the per-trace store; the frame loop picks the change up on its next frame.
import { PLAYBACK_SPEEDS, type PlaybackSpeed } from '../../model/playbackClock.ts';
import {
  atEnd,
  nudge,
  positionAt,
  startPosition,
  stepBackward,
  stepForward,
  type PlaybackPosition,
} from '../../model/playbackPosition.ts';
import type { PlaybackTimeline } from '../../model/playbackTimeline.ts';
import { playbackStore, updatePlayback } from './playbackStore.ts';

export interface PlaybackControls {
  enter(): void;
  exit(): void;
  togglePlay(): void;
  pause(): void;
  stepForward(): void;
  stepBackward(): void;
  nudge(direction: -1 | 1): void;
  seek(time: number): void;
  toStart(): void;
  toEnd(): void;
  setSpeed(speed: PlaybackSpeed): void;
  /** Faster or slower by one notch of the speed menu ("step" sits below the slowest). */
  changeSpeed(direction: -1 | 1): void;
}

export interface PlaybackSource {
  timeline(): PlaybackTimeline | null;
  /** Where the recording ends now: the last event, or "now" while the trace runs. */
  head(): number;
  live(): boolean;
}

const SPEED_MENU: readonly PlaybackSpeed[] = ['step', ...PLAYBACK_SPEEDS];

export function createPlaybackControls(traceId: string, source: PlaybackSource): PlaybackControls {
  const state = () => playbackStore(traceId).get();
  /** Moving the playhead by hand pauses following; it resumes if playing catches up again. */
  const move = (
    next: (timeline: PlaybackTimeline, position: PlaybackPosition) => PlaybackPosition,
    pause = true,
  ) => {
    const timeline = source.timeline();
    if (!timeline) return;
    const position = next(timeline, state().position);
    updatePlayback(traceId, { position, following: false, ...(pause ? { playing: false } : {}) });
  };
  const controls: PlaybackControls = {
    enter() {
      const timeline = source.timeline();
      if (state().on || !timeline) return;
      updatePlayback(traceId, {
        on: true,
        position: startPosition(timeline),
        playing: false,
        following: false,
      });
    },
    exit: () => updatePlayback(traceId, { on: false, playing: false, following: false }),
    togglePlay() {
      const timeline = source.timeline();
      if (!timeline) return;
      if (state().playing) return controls.pause();
      // Play at the end of a recorded trace starts over, as a media player does.
      const restart = !source.live() && atEnd(timeline, state().position, source.head());
      updatePlayback(traceId, {
        playing: true,
        following: false,
        ...(restart ? { position: startPosition(timeline) } : {}),
      });
    },
    pause: () => updatePlayback(traceId, { playing: false, following: false }),
    stepForward: () => move(stepForward),
    stepBackward: () => move(stepBackward),
    nudge: (direction) => move((timeline, position) => nudge(timeline, position, direction, source.head())),
    seek: (time) => move((timeline) => positionAt(timeline, time, source.head()), false),
    toStart: () => move((timeline) => startPosition(timeline)),
    toEnd() {
      const timeline = source.timeline();
      if (!timeline) return;
      const live = source.live();
      // On a live trace the end is "now": jump there and keep riding along with it.
      updatePlayback(traceId, {
        position: positionAt(timeline, source.head(), source.head()),
        following: live,
        playing: live,
      });
    },
    setSpeed: (speed) => updatePlayback(traceId, { speed }),
    changeSpeed(direction) {
      const index = SPEED_MENU.indexOf(state().speed);
      const next = SPEED_MENU[Math.max(0, Math.min(SPEED_MENU.length - 1, index + direction))]!;
      updatePlayback(traceId, { speed: next });
    },
  };
  return controls;
}
