// The virtualised trace table: a header that sorts, rows that select. Only rows in view are in
// the DOM; scrolling near the end of what is loaded fetches the next page.
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import type { TraceSummary } from '../../../../shared/types.ts';
import { VirtualList, type VirtualListHandle } from '../../components/VirtualList.tsx';
import { LoadingMoreRow } from '../../components/LoadingMoreRow.tsx';
import { SortableHeader } from '../../components/SortableHeader.tsx';
import { useElementWidth } from '../../components/useElementWidth.ts';
import { listKeyTarget } from '../../lib/listKeys.ts';
import { useNow } from '../../state/useNow.ts';
import { nextTraceSort, type SortOrder } from '../../state/traceListModel.ts';
import { columnsForWidth, gridTemplate } from './columns.tsx';
import { useStore } from '../../state/createStore.ts';
import { toggleTraceSelection, traceSelectionStore } from '../../state/traceSelection.ts';
import { TraceRowMenu } from './TraceRowMenu.tsx';
import { TraceRow } from './TraceRow.tsx';

const ROW_HEIGHT = 24;
/** Start fetching the next page this many rows before the end of what is loaded. */
const PREFETCH_ROWS = 150;

export interface TraceTableProps {
  rows: readonly TraceSummary[];
  selectedTraceId: string | null;
  onSelect: (traceId: string) => void;
  onOpen: () => void;
  sort: SortOrder | null;
  onSort: (sort: SortOrder | null) => void;
  onNeedMore: () => void;
  /** Older pages remain on the server: the list ends in a row that says so. */
  hasMore: boolean;
}

export function TraceTable({
  rows,
  selectedTraceId,
  onSelect,
  onOpen,
  sort,
  onSort,
  onNeedMore,
  hasMore,
}: TraceTableProps) {
  const container = useRef<HTMLDivElement>(null);
  const list = useRef<VirtualListHandle>(null);
  const width = useElementWidth(container);
  const picked = useStore(traceSelectionStore);
  const [rowMenu, setRowMenu] = useState<{ trace: TraceSummary; x: number; y: number } | null>(null);

  const columns = useMemo(() => columnsForWidth(width - 12), [width]);
  const template = gridTemplate(columns);
  const anyRunning = rows.some((row) => row.status === 'running');
  const now = useNow(anyRunning);
  const selectedIndex = useMemo(
    () => rows.findIndex((row) => row.traceId === selectedTraceId),
    [rows, selectedTraceId],
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

  // Row handlers keep one identity for the table's life (reading the latest props through a ref),
  // so memoised rows are not re-rendered just because the parent re-rendered.
  const latest = useRef({ onSelect, onOpen });
  latest.current = { onSelect, onOpen };
  const onRowClick = useCallback((trace: TraceSummary, event: MouseEvent) => {
    if (event.ctrlKey || event.metaKey) toggleTraceSelection(trace.traceId);
    else latest.current.onSelect(trace.traceId);
  }, []);
  const onRowContextMenu = useCallback((trace: TraceSummary, event: MouseEvent) => {
    event.preventDefault();
    setRowMenu({ trace, x: event.clientX, y: event.clientY });
  }, []);
  const onRowDoubleClick = useCallback(() => latest.current.onOpen(), []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = listKeyTarget(event.key, selectedIndex, rows.length);
    if (target !== null) {
      event.preventDefault();
      onSelect(rows[target]!.traceId);
    } else if (event.key === 'Enter' || event.key === 'ArrowRight') {
      event.preventDefault();
      onOpen();
    }
  };

  return (
    <div className="trace-table" ref={container}>
      <SortableHeader
        columns={columns}
        template={template}
        sort={sort}
        onSortClick={(key) => onSort(nextTraceSort(sort, key))}
      />
      <VirtualList
        ref={list}
        className="trace-table-body"
        // A user who drags the scrollbar to the bottom lands on this row while the next page
        // loads, instead of on what looks like the last trace there is.
        count={rows.length + (hasMore ? 1 : 0)}
        rowHeight={ROW_HEIGHT}
        onRangeChange={onRangeChange}
        scrollerProps={{
          tabIndex: 0,
          role: 'grid',
          'aria-label': 'Traces',
          onKeyDown,
          id: 'trace-list-body',
        }}
        renderRow={(index, top) => {
          const trace = rows[index];
          if (!trace) return <LoadingMoreRow key="more" top={top} height={ROW_HEIGHT} what="traces" />;
          return (
            <TraceRow
              key={trace.traceId}
              trace={trace}
              index={index}
              top={top}
              height={ROW_HEIGHT}
              selected={trace.traceId === selectedTraceId}
              picked={picked.includes(trace.traceId)}
              columns={columns}
              template={template}
              now={now}
              onClick={onRowClick}
              onContextMenu={onRowContextMenu}
              onDoubleClick={onRowDoubleClick}
            />
          );
        }}
      />
      {rowMenu && (
        <TraceRowMenu
          trace={rowMenu.trace}
          openTraceId={selectedTraceId}
          x={rowMenu.x}
          y={rowMenu.y}
          onClose={() => setRowMenu(null)}
        />
      )}
    </div>
  );
}
