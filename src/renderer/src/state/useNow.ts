// One shared clock for everything drawn "until now" (running traces and spans), so the list,
// the header and the inspector tick together and never disagree by a tick's phase.
import { useSyncExternalStore } from 'react';

const TICK_MS = 250;
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const notify of [...listeners]) notify();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

const read = () => now;
const frozen = () => () => {};

/** Epoch ms, ticking while `live` (a running trace grows on screen); the last tick otherwise. */
export function useNow(live: boolean): number {
  return useSyncExternalStore(live ? subscribe : frozen, read, read);
}
