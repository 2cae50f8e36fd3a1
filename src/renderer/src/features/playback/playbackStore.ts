// Playback is per-trace interaction state: on or off, where the playhead is, playing or paused,
// at what speed. Kept for the session like collapse and search, so coming back to a trace finds
// the playhead where it was left (paused: a trace nobody is looking at does not play on).
import { createStore, type Store } from '../../state/createStore.ts';
import type { PlaybackSpeed } from '../../model/playbackClock.ts';
import type { PlaybackPosition } from '../../model/playbackPosition.ts';

export interface PlaybackState {
  on: boolean;
  position: PlaybackPosition;
  playing: boolean;
  speed: PlaybackSpeed;
  /** A live trace whose playhead caught up with "now": it rides along with the head. */
  following: boolean;
}

const OFF: PlaybackState = {
  on: false,
  position: { time: 0, cursor: null },
  playing: false,
  speed: 1,
  following: false,
};
const stores = new Map<string, Store<PlaybackState>>();

export function playbackStore(traceId: string): Store<PlaybackState> {
  let store = stores.get(traceId);
  if (!store) {
    store = createStore<PlaybackState>(OFF);
    stores.set(traceId, store);
  }
  return store;
}

export function updatePlayback(traceId: string, patch: Partial<PlaybackState>): void {
  playbackStore(traceId).set((prev) => {
    for (const key of Object.keys(patch) as (keyof PlaybackState)[]) {
      if (!Object.is(prev[key], patch[key])) return { ...prev, ...patch };
    }
    return prev;
  });
}
