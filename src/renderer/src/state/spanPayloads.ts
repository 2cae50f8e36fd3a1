// Whole spans (input, output, attributes, events) fetched one at a time: for the inspector's
// selected span and for the transcript as it scrolls. A running span is fetched again once its
// skeleton shows it ended, since its output only exists then. Bounded, least recently used.
import type { Span, SpanWithPayloads } from '../../../shared/types.ts';
import { fetchSpan } from '../api/http.ts';
import { useEffect } from 'react';
import { createStore, useStore } from './createStore.ts';

export type PayloadEntry =
  | { status: 'loading'; span: SpanWithPayloads | null; error: null }
  | { status: 'ready'; span: SpanWithPayloads; error: null }
  | { status: 'error'; span: SpanWithPayloads | null; error: string };

const MAX_ENTRIES = 300;

/** The whole cache as one immutable map; entries change rarely (one fetch at a time). */
export const payloadStore = createStore<ReadonlyMap<string, PayloadEntry>>(new Map());
/** What each entry was fetched for: the skeleton's end time, so an ended span is refetched. */
const fetchedFor = new Map<string, number | null>();

export const payloadKey = (traceId: string, spanId: string) => `${traceId}/${spanId}`;

function put(key: string, entry: PayloadEntry): void {
  payloadStore.set((prev) => {
    const next = new Map(prev);
    next.delete(key); // Re-insert so Map order is recency order.
    next.set(key, entry);
    while (next.size > MAX_ENTRIES) {
      const oldest = next.keys().next().value as string;
      next.delete(oldest);
      fetchedFor.delete(oldest);
    }
    return next;
  });
}

/** Ensure the payload of this span is loaded (or loading) for its current state. */
export function requestPayload(skeleton: Span, priority: 'now' | 'background' = 'now'): void {
  const key = payloadKey(skeleton.traceId, skeleton.spanId);
  const current = payloadStore.get().get(key);
  // An error stays an error until retryPayload: refetching on every render would loop.
  if (current && (current.status === 'loading' || fetchedFor.get(key) === skeleton.endTime)) return;
  fetchedFor.set(key, skeleton.endTime);
  put(key, { status: 'loading', span: current?.span ?? null, error: null });
  enqueue(priority, key, () =>
    fetchSpan(skeleton.traceId, skeleton.spanId).then(
      (span) => put(key, { status: 'ready', span, error: null }),
      (error: unknown) =>
        put(key, {
          status: 'error',
          span: current?.span ?? null,
          error: String((error as Error).message ?? error),
        }),
    ),
  );
}

// A few fetches at a time. The span just clicked jumps the queue so it never waits behind a
// transcript's worth of background loads, which go in order.
const MAX_CONCURRENT = 4;
let active = 0;
interface Task {
  key: string;
  run: () => Promise<void>;
}
const urgent: Task[] = [];
let background: Task[] = [];

function enqueue(priority: 'now' | 'background', key: string, run: () => Promise<void>): void {
  (priority === 'now' ? urgent : background).push({ key, run });
  pump();
}

function pump(): void {
  while (active < MAX_CONCURRENT && (urgent.length > 0 || background.length > 0)) {
    const task = (urgent.length > 0 ? urgent.pop()! : background.shift()!).run;
    active++;
    void task().finally(() => {
      active--;
      pump();
    });
  }
}

/**
 * The background loads wanted now are exactly these spans (the transcript cards on screen):
 * queued loads for anything else are dropped, so scrolling fast through 100,000 steps never
 * leaves a queue of fetches for cards long gone. Dropped entries are forgotten and load again
 * if their card comes back.
 */
export function requestOnlyInBackground(skeletons: readonly Span[]): void {
  const wanted = new Set(skeletons.map((span) => payloadKey(span.traceId, span.spanId)));
  const dropped = background.filter((task) => !wanted.has(task.key)).map((task) => task.key);
  if (dropped.length > 0) {
    background = background.filter((task) => wanted.has(task.key));
    for (const key of dropped) fetchedFor.delete(key);
    payloadStore.set((prev) => {
      const next = new Map(prev);
      for (const key of dropped) if (next.get(key)?.status === 'loading') next.delete(key);
      return next;
    });
  }
  for (const span of skeletons) requestPayload(span, 'background');
}

/** Try a failed fetch again. */
export function retryPayload(skeleton: Span): void {
  fetchedFor.delete(payloadKey(skeleton.traceId, skeleton.spanId));
  const key = payloadKey(skeleton.traceId, skeleton.spanId);
  payloadStore.set((prev) => {
    const next = new Map(prev);
    next.delete(key);
    return next;
  });
  requestPayload(skeleton);
}

/** Read one payload entry; fetch it when the span (or its end) is new. */
export function usePayload(
  skeleton: Span | null,
  priority: 'now' | 'background' = 'now',
): PayloadEntry | null {
  const key = skeleton ? payloadKey(skeleton.traceId, skeleton.spanId) : '';
  const entry = useStore(payloadStore, (map) => map.get(key) ?? null);
  const endTime = skeleton?.endTime;
  const status = entry?.status;
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on identity, end and load state only; the skeleton object changes often.
  useEffect(() => {
    if (skeleton) requestPayload(skeleton, priority);
  }, [key, endTime, status]);
  return entry;
}
