// The left pane: filters, notices and the trace table, for the filters in the URL.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { selectTrace } from '../../state/selection.ts';
import { useStore } from '../../state/createStore.ts';
import { sortTraces, type SortOrder } from '../../state/traceListModel.ts';
import { loadMoreTraces, loadTraceList, traceListStore } from '../../state/traceListStore.ts';
import { EMPTY_FILTERS, hasActiveFilters, updateUrl, urlStore } from '../../state/urlState.ts';
import { formatCount } from '../../lib/format.ts';
import { TraceListFilters } from './TraceListFilters.tsx';
import { TraceTable } from './TraceTable.tsx';
import { focusOutline } from '../../components/focusOutline.ts';
import { SelectionBar } from './SelectionBar.tsx';

const SORT_LABEL: Record<SortOrder['key'], string> = {
  name: 'name',
  status: 'status',
  start: 'start time',
  duration: 'duration',
  spans: 'span count',
  tokens: 'tokens',
  cost: 'cost',
};

export function TraceListPane() {
  const filters = useStore(urlStore, (s) => s.filters);
  const selectedTraceId = useStore(urlStore, (s) => s.traceId);
  const list = useStore(traceListStore);
  const [sort, setSort] = useState<SortOrder | null>(null);

  useEffect(() => loadTraceList(filters), [filters]);
  const rows = useMemo(() => sortTraces(list.rows, sort), [list.rows, sort]);
  const needMore = useCallback(() => {
    // A client-side sort only reorders what is loaded; paging on would reshuffle under the user.
    if (!sort) loadMoreTraces();
  }, [sort]);
  const filtered = hasActiveFilters(filters);

  return (
    <section className="trace-list-pane" aria-label="Trace list">
      <TraceListFilters filters={filters} />
      <SelectionBar />
      {sort && (
        <div className="notice">
          Sorted {formatCount(list.rows.length)} loaded traces by {SORT_LABEL[sort.key]}
          {list.nextCursor ? ' (older traces not loaded)' : ''}.{' '}
          <button type="button" className="link-button" onClick={() => setSort(null)}>
            Newest first
          </button>
        </div>
      )}
      {list.searchLagMs > 0 && (
        <div className="notice" role="status">
          Still indexing: spans from the last {formatLag(list.searchLagMs)} may be missing from this search.{' '}
          <button type="button" className="link-button" onClick={() => loadTraceList(filters, true)}>
            Search again
          </button>
        </div>
      )}
      {list.unseenLive > 0 && (
        <div className="notice notice-accent">
          {list.unseenLive} new {list.unseenLive === 1 ? 'trace' : 'traces'} may match the{' '}
          {filters.q.trim() ? 'search' : 'attribute filters'}.{' '}
          <button type="button" className="link-button" onClick={() => loadTraceList(filters, true)}>
            Refresh
          </button>
        </div>
      )}
      {list.error && (
        <div className="notice notice-error" role="alert">
          Could not load traces: {list.error}{' '}
          <button type="button" className="link-button" onClick={() => loadTraceList(filters, true)}>
            Retry
          </button>
        </div>
      )}
      {list.loaded && rows.length === 0 && !list.error ? (
        <div className="list-empty">
          {filtered ? (
            <>
              <div>No traces match these filters.</div>
              <button
                type="button"
                className="link-button"
                onClick={() => updateUrl({ filters: EMPTY_FILTERS })}
              >
                Clear filters
              </button>
            </>
          ) : (
            <div>Waiting for the first trace…</div>
          )}
        </div>
      ) : (
        <TraceTable
          rows={rows}
          selectedTraceId={selectedTraceId}
          onSelect={selectTrace}
          onOpen={focusOutline}
          sort={sort}
          onSort={setSort}
          onNeedMore={needMore}
          // Sorted, the list pages no further (the notice above says so).
          hasMore={list.nextCursor !== null && !sort}
        />
      )}
    </section>
  );
}

/** The index lag in words: "0.8 s", "12 s", "3 min". */
function formatLag(ms: number): string {
  if (ms < 10_000) return `${(Math.max(ms, 100) / 1000).toFixed(1)} s`;
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  return `${Math.round(ms / 60_000)} min`;
}
