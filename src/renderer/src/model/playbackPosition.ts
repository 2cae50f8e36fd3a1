// Where the playhead is and how it moves: a time, plus (after stepping) how many events are
// applied, because several spans can start or end in the same millisecond and stepping must
// still reveal them one at a time. Pure: the frame loop and the keys call these.
import { eventsBefore, eventsUpTo, type PlaybackEvent, type PlaybackTimeline } from './playbackTimeline.ts';

export interface PlaybackPosition {
  /** Epoch ms of the playhead. */
  time: number;
  /** Events applied, when stepping stopped inside a group of simultaneous events; else null. */
  cursor: number | null;
}

/** Events that have happened at this position: all before `time`, and some or all at it. */
export function appliedCount(timeline: PlaybackTimeline, position: PlaybackPosition): number {
  const upTo = eventsUpTo(timeline, position.time);
  if (position.cursor === null) return upTo;
  return Math.max(eventsBefore(timeline, position.time), Math.min(position.cursor, upTo));
}

/** The event the playhead last passed: its span is the one the inspector follows. */
export function latestEvent(timeline: PlaybackTimeline, applied: number): PlaybackEvent | null {
  return applied > 0 ? (timeline.events[applied - 1] ?? null) : null;
}

/** Where playback begins: the start, with the first span (usually the root) already there. */
export function startPosition(timeline: PlaybackTimeline): PlaybackPosition {
  return { time: timeline.startTime, cursor: Math.min(1, timeline.events.length) };
}

/** The next span start or end, exactly one event further. */
export function stepForward(timeline: PlaybackTimeline, position: PlaybackPosition): PlaybackPosition {
  const applied = appliedCount(timeline, position);
  const next = timeline.events[applied];
  if (next === undefined) return position;
  return { time: Math.max(position.time, next.time), cursor: applied + 1 };
}

/**
 * Back to the previous span start or end. Between events, the first press goes back to the
 * moment of the latest one (its span just started or just ended); on an event, it undoes it.
 */
export function stepBackward(timeline: PlaybackTimeline, position: PlaybackPosition): PlaybackPosition {
  const applied = appliedCount(timeline, position);
  if (applied === 0) return { time: timeline.startTime, cursor: 0 };
  const latest = timeline.times[applied - 1]!;
  if (position.time > latest) return { time: latest, cursor: applied };
  const previous = applied - 1;
  return { time: previous > 0 ? timeline.times[previous - 1]! : timeline.startTime, cursor: previous };
}

/** Any time between the start and `head` (the end, or "now" for a live trace). */
export function positionAt(timeline: PlaybackTimeline, time: number, head: number): PlaybackPosition {
  return { time: Math.max(timeline.startTime, Math.min(time, head)), cursor: null };
}

/** ←/→: a small move in time, a hundredth of the trace. */
export function nudge(
  timeline: PlaybackTimeline,
  position: PlaybackPosition,
  direction: -1 | 1,
  head: number,
): PlaybackPosition {
  const stepMs = Math.max((head - timeline.startTime) / 100, 0.001);
  return positionAt(timeline, position.time + direction * stepMs, head);
}

/** True when nothing more can happen: every event applied and the playhead at the head. */
export function atEnd(timeline: PlaybackTimeline, position: PlaybackPosition, head: number): boolean {
  return position.time >= head && appliedCount(timeline, position) >= timeline.events.length;
}
