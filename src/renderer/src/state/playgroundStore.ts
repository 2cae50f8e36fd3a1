// Which LLM span the playground is open on (one at a time), and a counter bumped after each
// re-run so lists of re-runs refetch.
import { createStore } from './createStore.ts';

export interface PlaygroundTarget {
  traceId: string;
  spanId: string;
}

export const playgroundStore = createStore<PlaygroundTarget | null>(null);
export const replaysVersion = createStore(0);

export const openPlayground = (traceId: string, spanId: string) => playgroundStore.set({ traceId, spanId });
export const closePlayground = () => playgroundStore.set(null);
export const bumpReplays = () => replaysVersion.set((n) => n + 1);
