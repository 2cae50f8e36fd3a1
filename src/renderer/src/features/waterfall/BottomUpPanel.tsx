// The bottom-up table under the waterfall: the trace, or the selected time range, aggregated by
// span name or by type (count, total and self time, tokens, cost, errors), sortable by any
// column. Clicking a row highlights its spans in the waterfall; clicking it again clears that.
// The aggregation runs in slices (useSliced): at 100,000 spans it takes longer than a frame, and
// the table keeps showing the previous result, labelled with what it is for, until it is done.
import { type UIEvent, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { SpanTypeBadge } from '../../components/SpanTypeBadge.tsx';
import { useSliced } from '../../components/useSliced.ts';
import { SPAN_TYPE_LABEL } from '../../components/spanTypes.ts';
import { formatCount, formatDuration, formatTokens } from '../../lib/format.ts';
import {
  type BottomUpGroup,
  type BottomUpRow,
  type BottomUpSort,
  bottomUpSliced,
  sortBottomUp,
  type TimeRange,
} from '../../model/bottomUp.ts';
import type { TraceTree } from '../../model/traceTree.ts';
import type { SpanType } from '../../../../shared/types.ts';
import './bottomUp.css';

/** Rows shown at most: a trace with thousands of distinct names is read from the top. */
const MAX_ROWS = 500;
/**
 * Rows put in the DOM at first: a screenful and more. Laying out all 500 rows of a 100k-span
 * trace's table was a long task of its own; the rest are added as the table is scrolled (the
 * space they will take is reserved, so the scrollbar is the whole table's from the start).
 */
const FIRST_ROWS = 60;
/** A row's height until one is measured (td height and padding plus its border). */
const ROW_PX = 24;
/** Costs with a fixed number of decimals, so the column lines up on the point. */
const COST_DIGITS = 4;

const COLUMNS: { sort: BottomUpSort; label: string; numeric: boolean }[] = [
  { sort: 'key', label: 'Name', numeric: false },
  { sort: 'count', label: 'Count', numeric: true },
  { sort: 'totalMs', label: 'Total', numeric: true },
  { sort: 'selfMs', label: 'Self', numeric: true },
  { sort: 'tokens', label: 'Tokens', numeric: true },
  { sort: 'costUsd', label: 'Cost', numeric: true },
  { sort: 'errors', label: 'Errors', numeric: true },
];

export interface BottomUpPanelProps {
  tree: TraceTree;
  range: TimeRange | null;
  nowMs: number;
  /** The group whose spans are highlighted, if any. */
  highlighted: string | null;
  onHighlight: (row: BottomUpRow | null) => void;
}

interface Aggregation {
  tree: TraceTree;
  group: BottomUpGroup;
  range: TimeRange | null;
  nowMs: number;
}

const aggregate = ({ tree, group, range, nowMs }: Aggregation) => bottomUpSliced(tree, group, range, nowMs);

export function BottomUpPanel({ tree, range, nowMs, highlighted, onHighlight }: BottomUpPanelProps) {
  const [group, setGroup] = useState<BottomUpGroup>('name');
  const [sort, setSort] = useState<{ by: BottomUpSort; descending: boolean }>({
    by: 'totalMs',
    descending: true,
  });
  const input = useMemo(() => ({ tree, group, range, nowMs }), [tree, group, range, nowMs]);
  const { done, pending } = useSliced(input, aggregate);
  // What the rows on screen were computed for: the current input, or the previous one while
  // the current one is being aggregated.
  const shownFor = done?.input ?? input;
  const rows = done?.value;
  const sorted = useMemo(() => (rows ? sortBottomUp(rows, sort.by, sort.descending) : []), [rows, sort]);
  const wholeMs = Math.max(
    1e-6,
    shownFor.range
      ? shownFor.range.endMs - shownFor.range.startMs
      : shownFor.tree.endTime - shownFor.tree.startTime,
  );
  const shown = sorted.slice(0, MAX_ROWS);
  // Only grows: rows once laid out stay, so column widths never jump back while scrolling.
  const [rendered, setRendered] = useState(FIRST_ROWS);
  const body = useRef<HTMLTableSectionElement>(null);
  const [rowPx, setRowPx] = useState(ROW_PX);
  // The reserved space uses the rows' real pitch (it depends on the font, the zoom and the
  // collapsed borders): the rows laid out, top of the first to bottom of the last.
  useLayoutEffect(() => {
    const first = body.current?.firstElementChild;
    const last = body.current?.lastElementChild;
    const count = body.current?.childElementCount ?? 0;
    if (!first || !last || count === 0) return;
    const pitch = (last.getBoundingClientRect().bottom - first.getBoundingClientRect().top) / count;
    if (pitch > 0 && Math.abs(pitch - rowPx) > 0.01) setRowPx(pitch);
  });
  const onScroll = (event: UIEvent<HTMLDivElement>) => {
    const { scrollTop, clientHeight } = event.currentTarget;
    const needed = Math.ceil((scrollTop + clientHeight) / rowPx) + FIRST_ROWS;
    if (needed > rendered) setRendered(needed);
  };
  const inDom = shown.slice(0, rendered);

  return (
    <section className="bottom-up" aria-label="Bottom-up" aria-busy={pending}>
      <div className="bottom-up-bar">
        <span className="bottom-up-title">Bottom-up</span>
        <span className="muted">{shownFor.range ? 'selected range' : 'whole trace'}</span>
        {pending && <span className="muted">· aggregating…</span>}
        <span className="spacer" />
        <label className="muted">
          Group by{' '}
          <select
            value={group}
            onChange={(event) => {
              setGroup(event.target.value as BottomUpGroup);
              onHighlight(null);
            }}
          >
            <option value="name">Name</option>
            <option value="type">Type</option>
          </select>
        </label>
      </div>
      <div className="bottom-up-scroll" onScroll={onScroll}>
        <table className="bottom-up-table">
          <thead>
            <tr>
              {COLUMNS.map((column) => {
                const active = sort.by === column.sort;
                return (
                  <th
                    key={column.sort}
                    className={column.numeric ? 'numeric' : undefined}
                    aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
                  >
                    <button
                      type="button"
                      onClick={() =>
                        setSort((prev) => ({
                          by: column.sort,
                          // Numbers start largest first; names A→Z.
                          descending: prev.by === column.sort ? !prev.descending : column.numeric,
                        }))
                      }
                    >
                      {column.sort === 'key' && shownFor.group === 'type' ? 'Type' : column.label}
                      {active ? (sort.descending ? ' ▾' : ' ▴') : ''}
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody ref={body}>
            {inDom.map((row) => (
              <tr
                key={row.key}
                data-key={row.key}
                className={row.key === highlighted ? 'selected' : undefined}
                aria-selected={row.key === highlighted}
                onClick={() => onHighlight(row.key === highlighted ? null : row)}
              >
                <td className="bottom-up-name" title={row.key}>
                  <div>
                    <SpanTypeBadge type={row.type} />
                    <span>{shownFor.group === 'type' ? SPAN_TYPE_LABEL[row.key as SpanType] : row.key}</span>
                  </div>
                </td>
                <td className="numeric">{formatCount(row.count)}</td>
                <td className="numeric">
                  <span
                    className="bottom-up-share"
                    style={{ width: `${Math.min(100, (row.totalMs / wholeMs) * 100)}%` }}
                  />
                  {formatDuration(row.totalMs)}
                </td>
                <td className="numeric">{formatDuration(row.selfMs)}</td>
                <td className="numeric">{row.tokens ? formatTokens(row.tokens) : '—'}</td>
                <td className="numeric">
                  {row.costUsd === 0
                    ? '—'
                    : row.costUsd < 0.00005
                      ? '<$0.0001'
                      : `$${row.costUsd.toFixed(COST_DIGITS)}`}
                </td>
                <td className={row.errors ? 'numeric bottom-up-errors' : 'numeric'}>{row.errors || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {shown.length > inDom.length && (
          <div aria-hidden="true" style={{ height: (shown.length - inDom.length) * rowPx }} />
        )}
        {sorted.length > MAX_ROWS && (
          <div className="muted bottom-up-more">
            {formatCount(sorted.length - MAX_ROWS)} more groups (sort to bring others to the top)
          </div>
        )}
        {rows?.length === 0 && <div className="muted bottom-up-more">No spans in the selected range.</div>}
      </div>
    </section>
  );
}
