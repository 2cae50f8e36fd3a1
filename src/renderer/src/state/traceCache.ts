// Server data for opened traces, by id: the trace's summary/detail and its span skeletons.
// One small store per trace so a view re-renders only for the trace it shows. Bounded: past
// CACHED_SPAN_BUDGET spans held, the least recently used traces no view shows are dropped (a
// dropped one is read again when opened). A cached trace opened again is read again only if it
// changed after its read (catchUpTrace). Live `spans` messages merge in; a fetch and the feed can
// race, so merging never lets an older copy of a span (still running) replace a newer one (ended).
import type { Span, TraceDetail, TraceSummary } from '../../../shared/types.ts';
import type { FeedPosition } from '../../../shared/feedPosition.ts';
import { fetchTraceSkeleton } from '../api/http.ts';
import { FeedCatchUp } from './feedCatchUp.ts';
import { TraceSpans } from './traceSpans.ts';
import { createStore, type Store } from './createStore.ts';

export interface TraceEntry {
  traceId: string;
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  trace: TraceDetail | null;
  spans: ReadonlyMap<string, Span>;
  /** Bumped on every change to `spans`, so derived data (the tree) can be memoised on it. */
  version: number;
}

/**
 * `incoming` on top of `existing` (TraceSpans.merge: incoming wins unless it is an older snapshot,
 * not ended where the copy held has). Spans held as a TraceSpans are changed in place; any other
 * map is copied once into one.
 */
export function mergeSpans(existing: ReadonlyMap<string, Span>, incoming: readonly Span[]): TraceSpans {
  const spans = existing instanceof TraceSpans ? existing : TraceSpans.of([...existing.values()]);
  return spans.merge(incoming);
}

/** Spans the cache may hold in all; traces on screen or loading are kept beyond it. */
export const CACHED_SPAN_BUDGET = 300_000;

export interface CachedTrace {
  traceId: string;
  spanCount: number;
  /** Shown by a view, or being fetched: never evicted. */
  pinned: boolean;
}

/**
 * Which traces to drop so the spans held fit the budget: least recently used first (the input is
 * in that order), skipping pinned ones. Pure, for the tests.
 */
export function tracesToEvict(cached: readonly CachedTrace[], budget: number): string[] {
  let held = cached.reduce((sum, entry) => sum + entry.spanCount, 0);
  const evict: string[] = [];
  for (const entry of cached) {
    if (held <= budget) break;
    if (entry.pinned) continue;
    evict.push(entry.traceId);
    held -= entry.spanCount;
  }
  return evict;
}

// A busy agent sends span updates many times a second; each merge makes a new version of the
// spans and of the tree, and every view derives its rows again, so updates are gathered and
// applied once per short tick.
const pendingSpans = new Map<string, Span[]>();
let spanFlushTimer: ReturnType<typeof setTimeout> | null = null;

// Map order is recency: an entry is moved to the end whenever it is asked for.
const entries = new Map<string, Store<TraceEntry>>();
/** Each cached trace's reads against the live feed (catchUpTrace), and whether one is on its way. */
const catchUps = new Map<string, FeedCatchUp>();

const isReading = (traceId: string) => catchUps.get(traceId)?.isReading ?? false;

function forget(traceId: string): void {
  entries.delete(traceId);
  pendingSpans.delete(traceId);
  catchUps.delete(traceId);
}

function catchUpOf(traceId: string): FeedCatchUp {
  let catchUp = catchUps.get(traceId);
  if (!catchUp) {
    catchUp = new FeedCatchUp(() => {
      if (entries.get(traceId)?.observed()) openTrace(traceId, true);
    });
    catchUps.set(traceId, catchUp);
  }
  return catchUp;
}

function evictToBudget(): void {
  const cached = [...entries].map(([traceId, store]) => ({
    traceId,
    spanCount: store.get().spans.size,
    pinned: store.observed() || isReading(traceId),
  }));
  for (const traceId of tracesToEvict(cached, CACHED_SPAN_BUDGET)) {
    const { spans } = entries.get(traceId)!.get();
    if (spans instanceof TraceSpans) spans.stopIndexing();
    forget(traceId);
  }
}

/** The store for a trace, without fetching it (see openTrace). */
export function entryStore(traceId: string): Store<TraceEntry> {
  let store = entries.get(traceId);
  if (store) {
    entries.delete(traceId);
    entries.set(traceId, store);
  } else {
    store = createStore<TraceEntry>({
      traceId,
      status: 'loading',
      error: null,
      trace: null,
      spans: new Map(),
      version: 0,
    });
    entries.set(traceId, store);
  }
  return store;
}

/** The store for a trace, fetching it the first time (or again when `refresh`). */
export function openTrace(traceId: string, refresh = false): Store<TraceEntry> {
  const store = entryStore(traceId);
  const current = store.get();
  const catchUp = catchUpOf(traceId);
  if (catchUp.isReading || (!refresh && current.version > 0 && current.status !== 'error')) return store;
  catchUp.started();
  if (current.status === 'error') store.set({ ...current, status: 'loading', error: null });
  fetchTraceSkeleton(traceId).then(
    (answer) => {
      const answerSpans = TraceSpans.of(answer.spans);
      store.set((prev) => ({
        ...prev,
        status: 'ready',
        error: null,
        // Live summaries may have moved on while the fetch was in flight.
        trace:
          prev.trace && prev.trace.updatedAt > answer.trace.updatedAt
            ? { ...answer.trace, ...prev.trace }
            : answer.trace,
        // Spans the feed delivered during the fetch go on top of the answer (mergeSpans keeps
        // whichever copy has ended).
        // (A first open has none: skip the merge, which would copy a 100,000-entry map again.)
        spans: prev.spans.size ? mergeSpans(answerSpans, [...prev.spans.values()]) : answerSpans,
        version: prev.version + 1,
      }));
      catchUp.answered(answer.readAt);
      // Once the trace no longer counts as being read (its read may have started another).
      queueMicrotask(evictToBudget);
    },
    (error: unknown) => {
      catchUp.failed();
      store.set((prev) => ({ ...prev, status: 'error', error: String((error as Error).message ?? error) }));
    },
  );
  return store;
}

export function receiveLiveSpans(traceId: string, spans: Span[]): void {
  if (!entries.has(traceId) || spans.length === 0) return; // Not open: nothing to keep current.
  const pending = pendingSpans.get(traceId);
  if (pending) pending.push(...spans);
  else pendingSpans.set(traceId, [...spans]);
  if (spanFlushTimer === null) spanFlushTimer = setTimeout(flushLiveSpans, 50);
}

function flushLiveSpans(): void {
  spanFlushTimer = null;
  for (const [traceId, spans] of pendingSpans) {
    entries
      .get(traceId)
      ?.set((prev) => ({ ...prev, spans: mergeSpans(prev.spans, spans), version: prev.version + 1 }));
  }
  pendingSpans.clear();
}

export function receiveLiveTraceSummaries(traces: readonly TraceSummary[]): void {
  for (const summary of traces) {
    const store = entries.get(summary.traceId);
    if (!store) continue;
    store.set((prev) => {
      if (prev.trace && prev.trace.updatedAt > summary.updatedAt) return prev;
      const base: TraceDetail = prev.trace ?? { ...summary, input: null, output: null, metadata: {} };
      return { ...prev, trace: { ...base, ...summary } };
    });
  }
}

/**
 * After the feed reconnects: the traces no view shows are dropped (read when opened again), since
 * the collector may be another one now, without them. The shown ones are checked once the
 * collector has their subscription again (catchUpTrace).
 */
export function forgetUnshownTraces(): void {
  for (const [traceId, store] of [...entries]) {
    if (!store.observed() && !isReading(traceId)) forget(traceId);
  }
}

/**
 * The collector sends a trace's spans from now on (its subscription is in effect, as the feed
 * connected or as a view followed it); `changedAt` is where it last changed. A shown trace whose
 * last read may lack that change is read again (feedCatchUp.ts); a finished trace that did not
 * change is not, however big.
 */
export function catchUpTrace(traceId: string, changedAt: FeedPosition | null): void {
  if (entries.get(traceId)?.observed()) catchUpOf(traceId).following(changedAt);
}
