// The fork being made: which span, then (once stored) its id, until its rerun arrives.
import type { ForkCreated } from '../../../shared/forks.ts';
import { createStore } from './createStore.ts';

export type ForkState =
  | null
  | { phase: 'edit'; traceId: string; spanId: string }
  | { phase: 'waiting'; traceId: string; spanId: string; created: ForkCreated };

export const forkStore = createStore<ForkState>(null);

export const openForkEditor = (traceId: string, spanId: string) =>
  forkStore.set({ phase: 'edit', traceId, spanId });
export const closeFork = () => forkStore.set(null);

/** Only steps the SDK can serve on a rerun: model calls and tool calls. */
export const FORKABLE_TYPES: ReadonlySet<string> = new Set(['llm', 'tool']);
