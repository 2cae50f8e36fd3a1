// The sessions list's columns, dropped lowest priority first when the pane is narrow (as the
// trace list's are), so a narrow list still shows the session, its turns and when it was active.
import type { ReactNode } from 'react';
import type { RunStatus, SessionSummary } from '../../../../shared/types.ts';
import { StatusIcon } from '../../components/StatusIcon.tsx';
import { AlignedCost } from '../../components/AlignedCost.tsx';
import { formatCount, formatDuration, formatTokens } from '../../lib/format.ts';
import { formatClockTime } from '../../lib/formatClockTime.ts';
import type { SessionSortKey } from '../../model/sessionSort.ts';

export interface SessionColumn {
  key: string;
  label: string;
  /** px; the session column takes this as a minimum and grows. */
  width: number;
  priority: number;
  align?: 'right';
  title?: string;
  /** Sorts by this column when its header is clicked; absent for the status dot. */
  sortKey?: SessionSortKey;
  cell: (session: SessionSummary) => ReactNode;
}

/** A session is running while any turn runs, failed when any turn failed. */
export function sessionStatus(session: SessionSummary): RunStatus {
  if (session.runningTurns > 0) return 'running';
  return session.errors > 0 ? 'error' : 'success';
}

export const SESSION_COLUMNS: SessionColumn[] = [
  {
    key: 'status',
    label: '',
    width: 22,
    priority: 0,
    title: 'Status',
    cell: (s) => <StatusIcon status={sessionStatus(s)} />,
  },
  {
    key: 'session',
    sortKey: 'session',
    label: 'Session',
    width: 96,
    priority: 0,
    cell: (s) => (
      <>
        <span className="cell-name-text session-id">{s.sessionId}</span>
        {s.firstTraceName && <span className="session-agent">{s.firstTraceName}</span>}
      </>
    ),
  },
  {
    key: 'turns',
    sortKey: 'turns',
    label: 'Turns',
    width: 46,
    priority: 1,
    align: 'right',
    cell: (s) => formatCount(s.turns),
  },
  {
    key: 'last',
    sortKey: 'last',
    label: 'Last active',
    width: 84,
    priority: 1,
    cell: (s) => (
      <span title={new Date(s.lastActivity).toLocaleString()}>{formatClockTime(s.lastActivity)}</span>
    ),
  },
  {
    key: 'duration',
    sortKey: 'duration',
    label: 'Duration',
    width: 70,
    priority: 2,
    align: 'right',
    title: 'From the first turn’s start to the last turn’s end',
    cell: (s) => formatDuration(s.durationMs),
  },
  {
    key: 'tokens',
    sortKey: 'tokens',
    label: 'Tokens',
    width: 60,
    priority: 3,
    align: 'right',
    cell: (s) => (s.tokens ? formatTokens(s.tokens) : ''),
  },
  {
    key: 'cost',
    sortKey: 'cost',
    label: 'Cost',
    // "$123" and a fraction box of 7ch (components/AlignedCost.tsx), inside the cell's padding.
    width: 92,
    priority: 4,
    align: 'right',
    cell: (s) => (s.costUsd ? <AlignedCost usd={s.costUsd} /> : ''),
  },
  {
    key: 'errors',
    sortKey: 'errors',
    label: 'Errors',
    width: 56,
    priority: 3,
    align: 'right',
    title: 'Turns that failed',
    cell: (s) => (s.errors ? <span className="session-errors">{formatCount(s.errors)}</span> : ''),
  },
  { key: 'user', sortKey: 'user', label: 'User', width: 110, priority: 6, cell: (s) => s.userId ?? '' },
];

export function sessionColumnsForWidth(widthPx: number): SessionColumn[] {
  const chosen = new Set<SessionColumn>();
  let used = 0;
  for (const column of [...SESSION_COLUMNS].sort((a, b) => a.priority - b.priority)) {
    if (column.priority > 0 && used + column.width > widthPx) break;
    chosen.add(column);
    used += column.width;
  }
  return SESSION_COLUMNS.filter((column) => chosen.has(column));
}

export function sessionGridTemplate(columns: readonly SessionColumn[]): string {
  return columns.map((c) => (c.key === 'session' ? `minmax(${c.width}px, 1fr)` : `${c.width}px`)).join(' ');
}
