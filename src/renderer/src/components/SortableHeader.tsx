// The header row of a virtualised table (the trace and session lists): one cell per column, laid
// out on the rows' grid template; a column with a sort key sorts on click, and the sorted one
// carries the arrow and aria-sort. Which order a click picks is the caller's (nextColumnSort).
import type { ColumnSort } from '../lib/sortRows.ts';

export interface HeaderColumn<Key extends string> {
  key: string;
  label: string;
  align?: 'right';
  sortKey?: Key;
  /** The header's tooltip; by default "Sort by <label>" where the column sorts. */
  title?: string;
}

export interface SortableHeaderProps<Key extends string> {
  columns: readonly HeaderColumn<Key>[];
  /** The rows' `grid-template-columns`, so the header lines up with them. */
  template: string;
  sort: ColumnSort<Key> | null;
  onSortClick: (key: Key) => void;
}

export function SortableHeader<Key extends string>({
  columns,
  template,
  sort,
  onSortClick,
}: SortableHeaderProps<Key>) {
  return (
    <div className="trace-table-header" style={{ gridTemplateColumns: template }} role="row">
      {columns.map((column) => {
        const { sortKey } = column;
        const sorted = sort !== null && sortKey !== undefined && sort.key === sortKey;
        return (
          <div
            key={column.key}
            role="columnheader"
            className={`cell${column.align === 'right' ? ' cell-right' : ''}${sortKey ? ' sortable' : ''}`}
            title={column.title ?? (sortKey ? `Sort by ${column.label.toLowerCase()}` : undefined)}
            aria-sort={sorted ? (sort.descending ? 'descending' : 'ascending') : undefined}
            onClick={sortKey ? () => onSortClick(sortKey) : undefined}
          >
            {column.label}
            {sorted && <span className="sort-arrow">{sort.descending ? '▾' : '▴'}</span>}
          </div>
        );
      })}
    </div>
  );
}
