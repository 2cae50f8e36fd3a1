// Client-side sort of the loaded sessions (the collector pages them by latest activity only), as
// the trace list sorts its rows: stable, so equal keys keep the collector's order.
import type { SessionSummary } from '../../../shared/types.ts';
import { type ColumnSort, type ColumnValues, nextColumnSort, sortRows } from '../lib/sortRows.ts';

export const SESSION_SORT_KEYS = [
  'session',
  'turns',
  'last',
  'duration',
  'tokens',
  'cost',
  'errors',
  'user',
] as const;

export type SessionSortKey = (typeof SESSION_SORT_KEYS)[number];

/** The sort as the URL writes it: the column's key, with a leading '-' when descending. */
export function sessionSortToParam(order: SessionSortOrder): string {
  return `${order.descending ? '-' : ''}${order.key}`;
}

/** A sort read back from the URL, or null when the text names no column. */
export function sessionSortFromParam(text: string | null): SessionSortOrder | null {
  if (!text) return null;
  const descending = text.startsWith('-');
  const key = descending ? text.slice(1) : text;
  return (SESSION_SORT_KEYS as readonly string[]).includes(key)
    ? { key: key as SessionSortKey, descending }
    : null;
}

export type SessionSortOrder = ColumnSort<SessionSortKey>;

const SORT_VALUE: ColumnValues<SessionSummary, SessionSortKey> = {
  session: (s) => s.sessionId.toLowerCase(),
  turns: (s) => s.turns,
  last: (s) => s.lastActivity,
  duration: (s) => s.durationMs ?? -1,
  tokens: (s) => s.tokens,
  cost: (s) => s.costUsd,
  errors: (s) => s.errors,
  // Sessions without a user sort after every named one, whichever the direction.
  user: (s) => s.userId?.toLowerCase() ?? '\uffff',
};

export function sortSessions(
  rows: readonly SessionSummary[],
  order: SessionSortOrder | null,
): readonly SessionSummary[] {
  return sortRows(rows, order, SORT_VALUE);
}

/** Header clicks cycle (nextColumnSort): text columns first sort ascending, figures descending. */
export function nextSessionSort(
  current: SessionSortOrder | null,
  key: SessionSortKey,
): SessionSortOrder | null {
  return nextColumnSort(current, key, key !== 'session' && key !== 'user');
}
