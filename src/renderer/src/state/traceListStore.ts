// The loaded trace list for the current filters: pages fetched by cursor as the user scrolls,
// live summaries merged in as the feed delivers them.
import type { TraceSummary } from '../../../shared/types.ts';
import { fetchTraceList } from '../api/http.ts';
import { createStore } from './createStore.ts';
import { mergeLiveTraces } from './traceListModel.ts';
import { EMPTY_FILTERS, filtersToQuery, serializeUrlState, type ListFilters } from './urlState.ts';

export interface TraceListState {
  filters: ListFilters;
  rows: TraceSummary[];
  nextCursor: string | null;
  /** Traces matching the filters in all (the collector's exact count, kept up by live inserts). */
  total: number | null;
  /** A page is in flight. */
  loading: boolean;
  /** The first page for these filters has arrived. */
  loaded: boolean;
  error: string | null;
  /** Live traces that may match the text search; shown after a refresh. */
  unseenLive: number;
  /** Whether the collector has any trace at all (drives the empty state). */
  anyTraces: boolean;
}

const FIRST_PAGE = 200;
const NEXT_PAGE = 500;

export const traceListStore = createStore<TraceListState>({
  filters: EMPTY_FILTERS,
  rows: [],
  nextCursor: null,
  total: null,
  loading: false,
  loaded: false,
  error: null,
  unseenLive: 0,
  anyTraces: false,
});

let inFlight: AbortController | null = null;
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
        total: page.total + Math.max(0, merged.rows.length - page.traces.length),
        loading: false,
        loaded: true,
        error: null,
        anyTraces: prev.anyTraces || merged.rows.length > 0 || live.length > 0,
      }));
    },
    (error: unknown) => {
      if (inFlight !== controller) return;
      inFlight = null;
      liveDuringFirstPage = null;
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
        return {
          ...prev,
          rows: [...prev.rows, ...fresh],
          nextCursor: page.nextCursor,
          total: Math.max(prev.total ?? 0, page.total),
          loading: false,
        };
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
  flushTimer ??= setTimeout(flushLive, 50);
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
    // New matching traces raise the total (updates of known rows do not change the count).
    const added = Math.max(0, merged.rows.length - prev.rows.length);
    return {
      ...prev,
      rows: merged.rows,
      total: prev.total === null ? null : prev.total + added,
      unseenLive: prev.unseenLive + merged.unseen,
      anyTraces: true,
    };
  });
}

/** One summary by id, from the loaded rows (the trace view also keeps its own copy). */
export function findLoadedTrace(traceId: string): TraceSummary | undefined {
  return traceListStore.get().rows.find((row) => row.traceId === traceId);
}
