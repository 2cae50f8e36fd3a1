// One row of the trace table. Memoised: while the list scrolls, rows already in view keep their
// props (a row's `top` and stripe depend only on its index), so React re-renders only the rows
// that scroll in, not every row on every scroll event.
import { memo, type MouseEvent } from 'react';
import type { TraceSummary } from '../../../../shared/types.ts';
import type { Column } from './columns.tsx';

export interface TraceRowProps {
  trace: TraceSummary;
  index: number;
  top: number;
  height: number;
  selected: boolean;
  picked: boolean;
  columns: readonly Column[];
  template: string;
  /** Only read by running traces' duration cells; constant while nothing runs. */
  now: number;
  onClick: (trace: TraceSummary, event: MouseEvent) => void;
  onContextMenu: (trace: TraceSummary, event: MouseEvent) => void;
  onDoubleClick: () => void;
}

export const TraceRow = memo(function TraceRow(props: TraceRowProps) {
  const { trace, index, top, height, selected, picked, columns, template, now } = props;
  return (
    <div
      role="row"
      aria-selected={selected}
      data-trace-id={trace.traceId}
      className={`trace-row status-row-${trace.status}${selected ? ' selected' : ''}${picked ? ' picked' : ''}${index % 2 ? ' odd' : ''}`}
      style={{ top, height, gridTemplateColumns: template }}
      onClick={(event) => props.onClick(trace, event)}
      onContextMenu={(event) => props.onContextMenu(trace, event)}
      onDoubleClick={props.onDoubleClick}
    >
      {columns.map((column) => (
        <div
          key={column.key}
          className={`cell cell-${column.key}${column.align === 'right' ? ' cell-right' : ''}`}
        >
          {column.cell(trace, now)}
        </div>
      ))}
    </div>
  );
});
