// Playback for the open trace, as the workspace needs it: the tree and "now" every view should
// draw (the trace as of the playhead while playback is on, the real one otherwise), the
// playhead for the waterfall's time axis, the span as of the playhead for the inspector, and the
// controls. Owns the frame loop, the keys and the inspector following the active span.
import { useEffect, useMemo, useRef } from 'react';
import type { Span } from '../../../../shared/types.ts';
import type { PlayheadProps } from '../../components/traceViewProps.ts';
import { useStore } from '../../state/createStore.ts';
import { buildTimeline, type PlaybackTimeline } from '../../model/playbackTimeline.ts';
import { appliedCount, latestEvent, type PlaybackPosition } from '../../model/playbackPosition.ts';
import { spanAsOf } from '../../model/playbackTree.ts';
import type { TraceTree } from '../../model/traceTree.ts';
import { createPlaybackControls, type PlaybackControls, type PlaybackSource } from './playbackControls.ts';
import { playbackStore, updatePlayback, type PlaybackState } from './playbackStore.ts';
import { usePlaybackClock } from './usePlaybackClock.ts';
import { usePlaybackKeys } from './usePlaybackKeys.ts';
import { useFollowActiveSpan } from './useFollowActiveSpan.ts';
import { useTreeAsOf } from './useTreeAsOf.ts';

export interface InspectorPlayback {
  /** The span as of the playhead; null when it has not started yet. */
  span: Span | null;
  time: number;
}

export interface PlaybackView {
  state: PlaybackState;
  timeline: PlaybackTimeline | null;
  /** What the views draw. */
  tree: TraceTree;
  now: number;
  playhead: PlayheadProps | null;
  /** Where the recording ends: its last event, or "now" while the trace runs. */
  head: number;
  live: boolean;
  applied: number;
  controls: PlaybackControls;
  inspectorFor(span: Span | null): InspectorPlayback | undefined;
}

export function usePlayback(
  traceId: string,
  tree: TraceTree,
  running: boolean,
  now: number,
  onSelectSpan: (id: string) => void,
): PlaybackView {
  const state = useStore(playbackStore(traceId));
  const timeline = useMemo(() => (state.on ? buildTimeline(tree) : null), [state.on, tree]);
  const head = timeline ? (running ? Math.max(now, timeline.endTime) : timeline.endTime) : now;

  // The controls and the frame loop read the latest of these when they run, never a stale render.
  const latest = useRef({ timeline, tree, running });
  latest.current = { timeline, tree, running };
  const source = useMemo<PlaybackSource>(
    () => ({
      // Entering playback happens before the first timeline is built: build one on demand.
      timeline: () => latest.current.timeline ?? buildTimeline(latest.current.tree),
      head: () => {
        const { timeline: current, running: live } = latest.current;
        const end = current?.endTime ?? latest.current.tree.endTime;
        return live ? Math.max(Date.now(), end) : end;
      },
      live: () => latest.current.running,
    }),
    [],
  );
  const controls = useMemo(() => createPlaybackControls(traceId, source), [traceId, source]);

  usePlaybackClock(traceId, state.on && state.playing, source, tree.byId.size);
  usePlaybackKeys(state.on, controls);
  // Leaving the trace pauses it: playback resumes only when asked.
  useEffect(() => () => updatePlayback(traceId, { playing: false, following: false }), [traceId]);

  const position: PlaybackPosition = state.position;
  const applied = timeline ? appliedCount(timeline, position) : 0;
  const derived = useTreeAsOf(timeline, applied, position.time, state.playing);
  const active = timeline ? (latestEvent(timeline, applied)?.node.span.spanId ?? null) : null;
  useFollowActiveSpan(active, state.playing, onSelectSpan);

  const scrubbing = useRef<{ wasPlaying: boolean } | null>(null);
  const playhead = useMemo<PlayheadProps | null>(
    () =>
      timeline
        ? {
            time: position.time,
            endTime: head,
            onScrub(time, phase) {
              if (phase === 'start') {
                scrubbing.current = { wasPlaying: playbackStore(traceId).get().playing };
                controls.pause();
              }
              controls.seek(time);
              if (phase === 'end') {
                if (scrubbing.current?.wasPlaying) controls.togglePlay();
                scrubbing.current = null;
              }
            },
          }
        : null,
    [timeline, position.time, head, controls, traceId],
  );

  return {
    state,
    timeline,
    tree: derived ?? tree,
    now: timeline ? position.time : now,
    playhead,
    head,
    live: running,
    applied,
    controls,
    inspectorFor: (span) =>
      timeline && span
        ? { span: spanAsOf(timeline, span, applied, position.time), time: position.time }
        : undefined,
  };
}
