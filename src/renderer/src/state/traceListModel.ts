// Pure rules for the trace list: which live traces belong in a filtered list, and where.
// The collector orders the list newest first (by start time); live rows are placed the same way.
import type { TraceSummary } from '../../../shared/types.ts';
import { type ColumnSort, type ColumnValues, nextColumnSort, sortRows } from '../lib/sortRows.ts';
import type { ListFilters } from './urlState.ts';

/**
 * Does this summary pass the filters the client can check? `q` searches payloads and `attr` span
 * attributes on the server, which the client cannot repeat, so with either the answer is 'unknown'.
 */
export function matchesFilters(trace: TraceSummary, filters: ListFilters): boolean | 'unknown' {
  if (filters.status && trace.status !== filters.status) return false;
  // Substrings, case-insensitive, as the collector matches (store/traceValues.ts).
  if (filters.model && !containsText(trace.models, filters.model)) return false;
  if (filters.tag && !containsText(trace.tags, filters.tag)) return false;
  if (filters.since !== null && (trace.startTime === null || trace.startTime < filters.since)) return false;
  if (filters.until !== null && (trace.startTime === null || trace.startTime > filters.until)) return false;
  // Span attributes are not in a summary: the collector alone can tell.
  if (filters.q.trim() || filters.attr.length > 0) return 'unknown';
  return true;
}

function containsText(values: readonly string[], text: string): boolean {
  const needle = text.toLowerCase();
  return values.some((value) => value.toLowerCase().includes(needle));
}

/** Newest first; a trace with no start yet (only late spans seen) counts as newest. */
function newerFirst(a: TraceSummary, b: TraceSummary): number {
  const at = a.startTime ?? Number.POSITIVE_INFINITY;
  const bt = b.startTime ?? Number.POSITIVE_INFINITY;
  return bt - at;
}

export interface MergeResult {
  rows: TraceSummary[];
  /** New traces that may match a text search: counted, not shown until the user refreshes. */
  unseen: number;
}

/**
 * Merge live summaries into the loaded rows. Known rows are replaced in place (or dropped when
 * they stop matching); new ones are inserted in order, unless they fall past the last loaded
 * row while more pages remain — paging will bring them in its turn.
 */
export function mergeLiveTraces(
  rows: readonly TraceSummary[],
  incoming: readonly TraceSummary[],
  filters: ListFilters,
  hasMorePages: boolean,
): MergeResult {
  const latest = new Map<string, TraceSummary>();
  for (const trace of incoming) latest.set(trace.traceId, trace);
  let unseen = 0;
  const next: TraceSummary[] = [];
  for (const row of rows) {
    const update = latest.get(row.traceId);
    if (!update) {
      next.push(row);
      continue;
    }
    latest.delete(row.traceId);
    // A page fetched after the live message may already be newer than it.
    if (update.updatedAt < row.updatedAt) {
      next.push(row);
      continue;
    }
    if (matchesFilters(update, filters) !== false) next.push(update);
  }
  const last = next[next.length - 1];
  for (const trace of latest.values()) {
    const match = matchesFilters(trace, filters);
    if (match === false) continue;
    if (match === 'unknown') {
      unseen++;
      continue;
    }
    if (hasMorePages && last && newerFirst(trace, last) > 0) continue;
    next.splice(insertionIndex(next, trace), 0, trace);
  }
  return { rows: next, unseen };
}

function insertionIndex(rows: readonly TraceSummary[], trace: TraceSummary): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (newerFirst(rows[mid]!, trace) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export type SortKey = 'name' | 'status' | 'start' | 'duration' | 'spans' | 'tokens' | 'cost';
export type SortOrder = ColumnSort<SortKey>;

const SORT_VALUE: ColumnValues<TraceSummary, SortKey> = {
  name: (t) => t.name.toLowerCase(),
  status: (t) => t.status,
  start: (t) => t.startTime ?? Number.POSITIVE_INFINITY,
  duration: (t) => t.durationMs ?? -1,
  spans: (t) => t.spanCount,
  tokens: (t) => t.totalTokens,
  cost: (t) => t.costUsd,
};

/** Client-side sort of the loaded rows (the server only pages newest first). Stable. */
export function sortTraces(rows: readonly TraceSummary[], order: SortOrder | null): readonly TraceSummary[] {
  return sortRows(rows, order, SORT_VALUE);
}

/** Header clicks cycle (nextColumnSort): the name first sorts A to Z, every other column descending. */
export function nextTraceSort(current: SortOrder | null, key: SortKey): SortOrder | null {
  return nextColumnSort(current, key, key !== 'name');
}
