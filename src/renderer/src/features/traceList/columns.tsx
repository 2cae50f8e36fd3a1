// The trace list's columns. Each has a fixed width and a priority: when the pane is narrow the
// lowest-priority columns are dropped instead of squeezing every column unreadable.
import type { ReactNode } from 'react';
import { REPLAY_TAG } from '../../../../shared/replay.ts';
import type { TraceSummary } from '../../../../shared/types.ts';
import { StatusIcon } from '../../components/StatusIcon.tsx';
import { AlignedCost } from '../../components/AlignedCost.tsx';
import { formatCount, formatDuration, formatTokens } from '../../lib/format.ts';
import type { SortKey } from '../../state/traceListModel.ts';
import { formatClockTime } from '../../lib/formatClockTime.ts';

export interface Column {
  key: string;
  label: string;
  /** px; the name column takes this as a minimum and grows. */
  width: number;
  priority: number;
  align?: 'right';
  sortKey?: SortKey;
  title?: string;
  cell: (trace: TraceSummary, now: number) => ReactNode;
}

export function liveDurationMs(trace: TraceSummary, now: number): number | null {
  if (trace.status === 'running' && trace.startTime !== null) return Math.max(0, now - trace.startTime);
  return trace.durationMs;
}

export const COLUMNS: Column[] = [
  {
    key: 'status',
    label: '',
    width: 22,
    priority: 0,
    sortKey: 'status',
    title: 'Status',
    cell: (t) => <StatusIcon status={t.status} />,
  },
  {
    key: 'name',
    label: 'Name',
    // A minimum that leaves room for the start time in a narrow list (~210 px at 1024 with a
    // trace open): repeated runs of one agent are told apart by when they started.
    width: 88,
    priority: 0,
    sortKey: 'name',
    cell: (t) => (
      <>
        {t.tags.includes(REPLAY_TAG) && (
          // Re-runs land at the top of the list: the mark tells them from the runs of the agent.
          <span className="rerun-badge" role="img" aria-label="Re-run" title="A re-run of one LLM call">
            ↻
          </span>
        )}
        <span className="cell-name-text">{t.name || '(unnamed trace)'}</span>
        {t.errorCount > 0 && (
          <span
            className="error-count"
            title={`${t.errorCount} failed ${t.errorCount === 1 ? 'span' : 'spans'}`}
          >
            {t.errorCount}
          </span>
        )}
      </>
    ),
  },
  {
    key: 'duration',
    label: 'Duration',
    width: 70,
    priority: 2,
    align: 'right',
    sortKey: 'duration',
    cell: (t, now) => formatDuration(liveDurationMs(t, now)),
  },
  {
    key: 'start',
    label: 'Started',
    // Wide enough for an older trace's "Nov 30, 14:05"; the tooltip has the full date.
    width: 92,
    priority: 1,
    sortKey: 'start',
    cell: (t) => (
      <span title={t.startTime === null ? undefined : new Date(t.startTime).toLocaleString()}>
        {formatClockTime(t.startTime)}
      </span>
    ),
  },
  {
    key: 'tokens',
    label: 'Tokens',
    width: 60,
    priority: 3,
    align: 'right',
    sortKey: 'tokens',
    cell: (t) => (t.totalTokens ? formatTokens(t.totalTokens) : ''),
  },
  {
    key: 'cost',
    label: 'Cost',
    // "$123" and a fraction box of 7ch (components/AlignedCost.tsx), inside the cell's padding.
    width: 92,
    priority: 4,
    align: 'right',
    sortKey: 'cost',
    cell: (t) => (t.costUsd ? <AlignedCost usd={t.costUsd} /> : ''),
  },
  {
    key: 'spans',
    label: 'Spans',
    width: 54,
    priority: 5,
    align: 'right',
    sortKey: 'spans',
    cell: (t) => formatCount(t.spanCount),
  },
  { key: 'models', label: 'Model', width: 130, priority: 6, cell: (t) => t.models.join(', ') },
  {
    key: 'tags',
    label: 'Tags',
    width: 150,
    priority: 7,
    cell: (t) =>
      t.tags.map((tag) => (
        <span key={tag} className="tag-chip">
          {tag}
        </span>
      )),
  },
];

/** The columns that fit in `widthPx`, in display order. */
export function columnsForWidth(widthPx: number): Column[] {
  const chosen = new Set<Column>();
  let used = 0;
  for (const column of [...COLUMNS].sort((a, b) => a.priority - b.priority)) {
    if (column.priority > 0 && used + column.width > widthPx) break;
    chosen.add(column);
    used += column.width;
  }
  return COLUMNS.filter((column) => chosen.has(column));
}

export function gridTemplate(columns: readonly Column[]): string {
  return columns.map((c) => (c.key === 'name' ? `minmax(${c.width}px, 1fr)` : `${c.width}px`)).join(' ');
}
