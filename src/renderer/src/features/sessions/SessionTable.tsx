// The virtualised sessions table: rows select (the session opens beside the list), arrows move,
// Enter goes into the session's thread. Scrolling near the end fetches the next page.
import { useCallback, useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import type { SessionSummary } from '../../../../shared/types.ts';
import { VirtualList, type VirtualListHandle } from '../../components/VirtualList.tsx';
import { LoadingMoreRow } from '../../components/LoadingMoreRow.tsx';
import { SortableHeader } from '../../components/SortableHeader.tsx';
import { useElementWidth } from '../../components/useElementWidth.ts';
import { listKeyTarget } from '../../lib/listKeys.ts';
import { nextSessionSort, type SessionSortOrder } from '../../model/sessionSort.ts';
import { SESSION_LIST_ID, focusThread } from './focusSessions.ts';
import { sessionColumnsForWidth, sessionGridTemplate, sessionStatus } from './sessionColumns.tsx';

const ROW_HEIGHT = 24;
const PREFETCH_ROWS = 100;

export interface SessionTableProps {
  /** In display order (sorted by the caller). */
  rows: readonly SessionSummary[];
  sort: SessionSortOrder | null;
  onSort: (sort: SessionSortOrder | null) => void;
  selectedSessionId: string | null;
  onSelect: (sessionId: string) => void;
  onNeedMore: () => void;
  hasMore: boolean;
}

export function SessionTable({
  rows,
  sort,
  onSort,
  selectedSessionId,
  onSelect,
  onNeedMore,
  hasMore,
}: SessionTableProps) {
  const container = useRef<HTMLDivElement>(null);
  const list = useRef<VirtualListHandle>(null);
  const width = useElementWidth(container);
  const columns = useMemo(() => sessionColumnsForWidth(width - 12), [width]);
  const template = sessionGridTemplate(columns);
  const selectedIndex = useMemo(
    () => rows.findIndex((row) => row.sessionId === selectedSessionId),
    [rows, selectedSessionId],
  );
  useEffect(() => {
    if (selectedIndex >= 0) list.current?.scrollToIndex(selectedIndex);
  }, [selectedIndex]);
  const onRangeChange = useCallback(
    (_first: number, last: number) => {
      if (last >= rows.length - PREFETCH_ROWS) onNeedMore();
    },
    [rows.length, onNeedMore],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = listKeyTarget(event.key, selectedIndex, rows.length);
    if (target !== null) {
      event.preventDefault();
      onSelect(rows[target]!.sessionId);
    } else if ((event.key === 'Enter' || event.key === 'ArrowRight') && selectedSessionId) {
      event.preventDefault();
      // A session row whose trace is open: Enter comes back to the conversation first.
      onSelect(selectedSessionId);
      focusThread();
    }
  };

  return (
    <div className="trace-table session-table" ref={container}>
      <SortableHeader
        columns={columns}
        template={template}
        sort={sort}
        onSortClick={(key) => onSort(nextSessionSort(sort, key))}
      />
      <VirtualList
        ref={list}
        className="trace-table-body"
        count={rows.length + (hasMore ? 1 : 0)}
        rowHeight={ROW_HEIGHT}
        onRangeChange={onRangeChange}
        scrollerProps={{
          tabIndex: 0,
          role: 'grid',
          'aria-label': 'Sessions',
          onKeyDown,
          id: SESSION_LIST_ID,
        }}
        renderRow={(index, top) => {
          const session = rows[index];
          if (!session) return <LoadingMoreRow key="more" top={top} height={ROW_HEIGHT} what="sessions" />;
          const selected = session.sessionId === selectedSessionId;
          return (
            <div
              key={session.sessionId}
              role="row"
              aria-selected={selected}
              data-session-id={session.sessionId}
              className={`trace-row session-row status-row-${sessionStatus(session)}${selected ? ' selected' : ''}${index % 2 ? ' odd' : ''}`}
              style={{ top, height: ROW_HEIGHT, gridTemplateColumns: template }}
              onClick={() => onSelect(session.sessionId)}
              onDoubleClick={focusThread}
            >
              {columns.map((column) => (
                <div
                  key={column.key}
                  role="gridcell"
                  className={`cell cell-${column.key === 'session' ? 'name' : column.key}${column.align === 'right' ? ' cell-right' : ''}`}
                >
                  {column.cell(session)}
                </div>
              ))}
            </div>
          );
        }}
      />
    </div>
  );
}
