// What the address bar holds, so a view can be restored on reload and shared:
// ?q=...&status=...&model=...&tag=...&attr=KEY%3DVALUE (repeated)&since=...&until=...&trace=ID&span=ID&view=waterfall
// &list=sessions&session=ID&search=TEXT&user=ID&sort=-turns (the Sessions tab of the list pane, the
// open session, the list's session-id search, user filter and column sort)
// parse/serialize are pure; the store below keeps them in step with history.
import type { RunStatus, TraceListQuery } from '../../../shared/types.ts';
import { createStore } from './createStore.ts';
import { type SessionSortOrder, sessionSortFromParam, sessionSortToParam } from '../model/sessionSort.ts';

export const TRACE_TABS = ['waterfall', 'flame', 'tree', 'transcript'] as const;
export type TraceTab = (typeof TRACE_TABS)[number];

export interface ListFilters {
  q: string;
  status: RunStatus | '';
  model: string;
  tag: string;
  /** Span attribute filters as written (shared/attrFilter.ts), each one chip. */
  attr: readonly string[];
  /** Epoch ms, null when open-ended. */
  since: number | null;
  until: number | null;
}

export interface UrlState {
  filters: ListFilters;
  traceId: string | null;
  spanId: string | null;
  /** null: use the persisted preference. */
  view: TraceTab | null;
  /** Two trace ids (baseline, other) shown in the compare view: ?compare=A,B. */
  compare?: [string, string] | null;
  /** Which list the left pane shows: ?list=sessions; absent for the trace list. */
  list?: ListMode;
  /** The open session (its turns as one chat thread): ?session=ID, with list=sessions. */
  sessionId?: string | null;
  /** The sessions list's session-id search (a substring): ?search=TEXT, with list=sessions. */
  sessionSearch?: string;
  /** The sessions list's user filter (an exact user id): ?user=ID, with list=sessions. */
  sessionUser?: string;
  /** The sessions list's column sort: ?sort=KEY (ascending) or ?sort=-KEY, with list=sessions. */
  sessionSort?: SessionSortOrder | null;
}

export type ListMode = 'traces' | 'sessions';

export const EMPTY_FILTERS: ListFilters = {
  q: '',
  status: '',
  model: '',
  tag: '',
  attr: [],
  since: null,
  until: null,
};

const STATUSES: readonly string[] = ['running', 'success', 'error'];

function parseTime(text: string | null): number | null {
  if (!text) return null;
  const asNumber = Number(text);
  if (Number.isFinite(asNumber)) return asNumber;
  const parsed = Date.parse(text);
  return Number.isFinite(parsed) ? parsed : null;
}

export function parseUrlState(search: string): UrlState {
  const params = new URLSearchParams(search);
  const status = params.get('status') ?? '';
  const view = params.get('view');
  return {
    filters: {
      q: params.get('q') ?? '',
      status: STATUSES.includes(status) ? (status as RunStatus) : '',
      model: params.get('model') ?? '',
      tag: params.get('tag') ?? '',
      attr: params.getAll('attr').filter((expression) => expression.trim() !== ''),
      since: parseTime(params.get('since')),
      until: parseTime(params.get('until')),
    },
    traceId: params.get('trace') || null,
    spanId: params.get('span') || null,
    view: (TRACE_TABS as readonly string[]).includes(view ?? '') ? (view as TraceTab) : null,
    // Only present when set, so states without a comparison look as they always did.
    ...parseCompare(params.get('compare')),
    ...parseSessions(params),
  };
}

/** Only present in sessions mode (search, user and sort only when set), so other states look as they always did. */
function parseSessions(
  params: URLSearchParams,
): Pick<UrlState, 'list' | 'sessionId' | 'sessionSearch' | 'sessionUser' | 'sessionSort'> {
  const sessionId = params.get('session') || null;
  if (params.get('list') !== 'sessions' && !sessionId) return {};
  const search = params.get('search') ?? '';
  const user = params.get('user') ?? '';
  const sort = sessionSortFromParam(params.get('sort'));
  return {
    list: 'sessions',
    sessionId,
    ...(search ? { sessionSearch: search } : {}),
    ...(user ? { sessionUser: user } : {}),
    ...(sort ? { sessionSort: sort } : {}),
  };
}

function parseCompare(text: string | null): { compare?: [string, string] } {
  const ids = (text ?? '').split(',').filter(Boolean);
  return ids.length === 2 ? { compare: [ids[0]!, ids[1]!] } : {};
}

export function serializeUrlState(state: UrlState): string {
  const params = new URLSearchParams();
  const { filters } = state;
  if (filters.q) params.set('q', filters.q);
  if (filters.status) params.set('status', filters.status);
  if (filters.model) params.set('model', filters.model);
  if (filters.tag) params.set('tag', filters.tag);
  for (const expression of filters.attr) params.append('attr', expression);
  if (filters.since !== null) params.set('since', String(filters.since));
  if (filters.until !== null) params.set('until', String(filters.until));
  if (state.traceId) params.set('trace', state.traceId);
  if (state.traceId && state.spanId) params.set('span', state.spanId);
  if (state.traceId && state.view) params.set('view', state.view);
  if (state.compare) params.set('compare', state.compare.join(','));
  if (state.list === 'sessions') {
    params.set('list', 'sessions');
    if (state.sessionId) params.set('session', state.sessionId);
    if (state.sessionSearch) params.set('search', state.sessionSearch);
    if (state.sessionUser) params.set('user', state.sessionUser);
    if (state.sessionSort) params.set('sort', sessionSortToParam(state.sessionSort));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The list query the collector understands for these filters. */
export function filtersToQuery(filters: ListFilters): TraceListQuery {
  const query: TraceListQuery = {};
  if (filters.q.trim()) query.q = filters.q.trim();
  if (filters.status) query.status = filters.status;
  if (filters.model.trim()) query.model = filters.model.trim();
  if (filters.tag.trim()) query.tag = filters.tag.trim();
  if (filters.attr.length > 0) query.attr = [...filters.attr];
  if (filters.since !== null) query.since = filters.since;
  if (filters.until !== null) query.until = filters.until;
  return query;
}

export function hasActiveFilters(filters: ListFilters): boolean {
  return serializeUrlState({ filters, traceId: null, spanId: null, view: null }) !== '';
}

export const urlStore = createStore<UrlState>(parseUrlState(globalThis.location?.search ?? ''));

/**
 * Update the URL state. `push` makes a history entry (opening another trace), so Back returns
 * to the previous trace; everything else replaces, so typing a search does not flood history.
 */
export function updateUrl(patch: Partial<UrlState>, mode: 'push' | 'replace' = 'replace'): void {
  urlStore.set((prev) => ({ ...prev, ...patch }));
  const search = serializeUrlState(urlStore.get());
  if (typeof history === 'undefined' || search === location.search) return;
  const url = `${location.pathname}${search}${location.hash}`;
  if (mode === 'push') history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => urlStore.set(parseUrlState(location.search)));
}
