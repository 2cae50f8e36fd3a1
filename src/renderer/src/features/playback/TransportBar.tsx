// The transport above the views while playback is on: step back, play/pause, step forward, the
// speed, where the playhead is of how long, a slider over the span-start marks, the event the
// playhead last passed, and the way out.
import type { ChangeEvent } from 'react';
import { formatDuration } from '../../lib/format.ts';
import { PLAYBACK_SPEEDS, fraction, speedLabel, type PlaybackSpeed } from '../../model/playbackClock.ts';
import { latestEvent } from '../../model/playbackPosition.ts';
import { EventStrip } from './EventStrip.tsx';
import { PauseIcon, PlayIcon, StepBackIcon, StepForwardIcon } from './PlaybackIcons.tsx';
import type { PlaybackView } from './usePlayback.ts';
import './playback.css';

const SLIDER_STEPS = 10_000;

export function TransportBar({ view }: { view: PlaybackView }) {
  const { state, timeline, controls, head, applied, live } = view;
  if (!timeline) return null;
  const time = state.position.time;
  const event = latestEvent(timeline, applied);
  const onSlide = (e: ChangeEvent<HTMLInputElement>) => {
    controls.seek(
      timeline.startTime + (Number(e.currentTarget.value) / SLIDER_STEPS) * (head - timeline.startTime),
    );
  };
  const progress = fraction(timeline, time, head);

  return (
    <div
      className="playback-bar"
      role="toolbar"
      aria-label="Playback"
      data-testid="playback-bar"
      data-playing={state.playing}
    >
      <div className="pb-buttons">
        <button
          type="button"
          className="pb-button"
          aria-label="Previous span start or end"
          title="Previous span start or end (Shift+←)"
          onClick={controls.stepBackward}
        >
          <StepBackIcon />
        </button>
        <button
          type="button"
          className="pb-button pb-play"
          aria-label={state.playing ? 'Pause' : 'Play'}
          title={state.playing ? 'Pause (Space)' : 'Play (Space)'}
          onClick={controls.togglePlay}
          data-testid="playback-play"
        >
          {state.playing ? <PauseIcon /> : <PlayIcon />}
        </button>
        <button
          type="button"
          className="pb-button"
          aria-label="Next span start or end"
          title="Next span start or end (Shift+→)"
          onClick={controls.stepForward}
        >
          <StepForwardIcon />
        </button>
      </div>
      <select
        className="pb-speed"
        aria-label="Playback speed"
        title="Speed (< and >): real time × this, or Step: one span start or end at a time"
        value={String(state.speed)}
        onChange={(e) =>
          controls.setSpeed(
            e.currentTarget.value === 'step' ? 'step' : (Number(e.currentTarget.value) as PlaybackSpeed),
          )
        }
      >
        {PLAYBACK_SPEEDS.map((speed) => (
          <option key={speed} value={String(speed)}>
            {speedLabel(speed)}
          </option>
        ))}
        <option value="step">Step</option>
      </select>
      <span className="pb-time" data-testid="playback-time">
        <span className="pb-now">{formatDuration(time - timeline.startTime)}</span>
        <span className="pb-of"> / {formatDuration(head - timeline.startTime)}</span>
      </span>
      <div className="pb-track" style={{ ['--pb-progress' as string]: progress }}>
        <EventStrip timeline={timeline} head={head} />
        <input
          type="range"
          className="pb-slider"
          aria-label="Playhead"
          min={0}
          max={SLIDER_STEPS}
          step={1}
          value={Math.round(progress * SLIDER_STEPS)}
          onChange={onSlide}
        />
      </div>
      <span
        className="pb-event"
        data-testid="playback-event"
        title={event ? `${event.node.span.name} ${event.kind === 'start' ? 'started' : 'ended'}` : undefined}
      >
        <span className="pb-count">
          {applied}/{timeline.events.length}
        </span>
        {event && (
          <>
            <span className={`pb-kind pb-kind-${event.kind}`}>
              {event.kind === 'start' ? 'started' : 'ended'}
            </span>
            <span className="pb-name">{event.node.span.name || '(unnamed)'}</span>
          </>
        )}
      </span>
      {live && (
        <button
          type="button"
          className={`pb-live${state.following ? ' following' : ''}`}
          title={
            state.following ? 'Following the live trace as it grows' : 'Jump to now and follow the live trace'
          }
          onClick={controls.toEnd}
        >
          ● Live
        </button>
      )}
      <button
        type="button"
        className="icon-button pb-exit"
        aria-label="Leave playback"
        title="Leave playback (Esc)"
        onClick={controls.exit}
      >
        ✕
      </button>
    </div>
  );
}
