// The loaded trace list for the current filters: pages fetched by cursor as the user scrolls,
// live summaries merged in as the feed delivers them.
import type { TraceSummary } from '../../../shared/types.ts';
import { fetchTraceCount, fetchTraceList } from '../api/http.ts';
import { createStore } from './createStore.ts';
import { FeedCatchUp } from './feedCatchUp.ts';
import { mergeLiveTraces } from './traceListModel.ts';
import { EMPTY_FILTERS, filtersToQuery, serializeUrlState, type ListFilters } from './urlState.ts';

export interface TraceListState {
  filters: ListFilters;
  rows: TraceSummary[];
  nextCursor: string | null;
  /** A page is in flight. */
  loading: boolean;
  /** The first page for these filters has arrived. */
  loaded: boolean;
  error: string | null;
  /** Live traces that may match the text search; shown after a refresh. */
  unseenLive: number;
  /** Whether the collector has any trace at all (drives the empty state). */
  anyTraces: boolean;
  /** How many traces match the filters in all (the collector counts; null until it said). */
  total: number | null;
  /** With a text search: how far the collector's full-text index trailed ingest (ms), else 0. */
  searchLagMs: number;
}

const FIRST_PAGE = 200;
const NEXT_PAGE = 500;

export const traceListStore = createStore<TraceListState>({
  filters: EMPTY_FILTERS,
  rows: [],
  nextCursor: null,
  loading: false,
  loaded: false,
  error: null,
  unseenLive: 0,
  anyTraces: false,
  searchLagMs: 0,
  total: null,
});

let inFlight: AbortController | null = null;
/** The first page's reads against the live feed: read again when one may lack a commit. */
export const traceListCatchUp = new FeedCatchUp(() => loadTraceList(traceListStore.get().filters, true));
/** Live summaries that arrived while the first page was in flight, merged over it on arrival. */
let liveDuringFirstPage: TraceSummary[] | null = null;
const filterKey = (filters: ListFilters) =>
  serializeUrlState({ filters, traceId: null, spanId: null, view: null });

/** Load the first page for these filters (a no-op when they are already loaded, unless forced). */
export function loadTraceList(filters: ListFilters, force = false): void {
  const current = traceListStore.get();
  if (!force && current.loaded && filterKey(current.filters) === filterKey(filters)) return;
  inFlight?.abort();
  const controller = new AbortController();
  inFlight = controller;
  liveDuringFirstPage = [];
  traceListCatchUp.started();
  traceListStore.set((prev) => ({ ...prev, filters, loading: true, error: null, unseenLive: 0 }));
  fetchTraceList({ ...filtersToQuery(filters), limit: FIRST_PAGE }, controller.signal).then(
    (page) => {
      if (inFlight !== controller) return;
      inFlight = null;
      const live = liveDuringFirstPage ?? [];
      liveDuringFirstPage = null;
      const merged = mergeLiveTraces(page.traces, live, filters, page.nextCursor !== null);
      traceListStore.set((prev) => ({
        ...prev,
        rows: merged.rows,
        nextCursor: page.nextCursor,
        loading: false,
        loaded: true,
        error: null,
        searchLagMs: page.searchLagMs ?? 0,
        total: page.total ?? null,
        anyTraces: prev.anyTraces || merged.rows.length > 0 || live.length > 0,
      }));
      // The page came without its total (counting every match would have held it up): asked now.
      if (page.total === undefined && !filters.q.trim()) refreshTotal(filters, controller.signal);
      traceListCatchUp.answered(page.readAt);
    },
    (error: unknown) => {
      if (inFlight !== controller) return;
      inFlight = null;
      liveDuringFirstPage = null;
      traceListCatchUp.failed();
      traceListStore.set((prev) => ({
        ...prev,
        loading: false,
        loaded: true,
        error: String((error as Error).message ?? error),
      }));
    },
  );
}

/** Fetch the next page, if there is one and none is in flight. */
export function loadMoreTraces(): void {
  const state = traceListStore.get();
  if (state.loading || !state.nextCursor) return;
  const controller = new AbortController();
  inFlight = controller;
  const cursor = state.nextCursor;
  traceListStore.set((prev) => ({ ...prev, loading: true }));
  fetchTraceList({ ...filtersToQuery(state.filters), limit: NEXT_PAGE, cursor }, controller.signal).then(
    (page) => {
      if (inFlight !== controller) return;
      inFlight = null;
      traceListStore.set((prev) => {
        // A live insert may already hold some of these rows; keep the first copy.
        const known = new Set(prev.rows.map((row) => row.traceId));
        const fresh = page.traces.filter((row) => !known.has(row.traceId));
        return { ...prev, rows: [...prev.rows, ...fresh], nextCursor: page.nextCursor, loading: false };
      });
    },
    (error: unknown) => {
      if (inFlight !== controller) return;
      inFlight = null;
      traceListStore.set((prev) => ({
        ...prev,
        loading: false,
        error: String((error as Error).message ?? error),
      }));
    },
  );
}

// Live summaries come in bursts while an agent runs; merging them once per tick keeps a
// 100,000-row list from being copied for every message.
let pendingLive: TraceSummary[] = [];
let flushTimer: ReturnType<typeof setTimeout> | null = null;

export function receiveLiveTraces(traces: TraceSummary[]): void {
  if (traces.length === 0) return;
  pendingLive.push(...traces);
  if (flushTimer === null) flushTimer = setTimeout(flushLive, 50);
}

function flushLive(): void {
  flushTimer = null;
  const batch = pendingLive;
  pendingLive = [];
  if (liveDuringFirstPage) {
    liveDuringFirstPage.push(...batch);
    traceListStore.set((prev) => (prev.anyTraces ? prev : { ...prev, anyTraces: true }));
    return;
  }
  traceListStore.set((prev) => {
    const merged = mergeLiveTraces(prev.rows, batch, prev.filters, prev.nextCursor !== null);
    return { ...prev, rows: merged.rows, unseenLive: prev.unseenLive + merged.unseen, anyTraces: true };
  });
  refreshTotalSoon();
}

/**
 * Asks the collector for the total of these filters: the count itself, or with a text search a
 * one-row page, which carries the total only when the search knew every match for free.
 */
function refreshTotal(filters: ListFilters, signal?: AbortSignal): void {
  const query = filtersToQuery(filters);
  const total = query.q
    ? fetchTraceList({ ...query, limit: 1 }, signal).then((page) => page.total ?? null)
    : fetchTraceCount(query, signal);
  total.then(
    (count) =>
      traceListStore.set((prev) =>
        // No total (a search that stopped at its page) means the count is no longer known: the
        // status bar says "N+", never the total an older answer gave.
        prev.filters === filters ? { ...prev, total: count } : prev,
      ),
    () => {
      // Aborted by newer filters, or failed: the next live message asks again.
    },
  );
}

/**
 * Live traces change the total in ways the client cannot count (a trace it has not loaded may be
 * new or old), so the collector is asked again, at most once a second however fast traces arrive.
 */
let totalTimer: ReturnType<typeof setTimeout> | null = null;
function refreshTotalSoon(): void {
  if (totalTimer) return;
  totalTimer = setTimeout(() => {
    totalTimer = null;
    refreshTotal(traceListStore.get().filters);
  }, 1_000);
}

/** One summary by id, from the loaded rows (the trace view also keeps its own copy). */
export function findLoadedTrace(traceId: string): TraceSummary | undefined {
  return traceListStore.get().rows.find((row) => row.traceId === traceId);
}
