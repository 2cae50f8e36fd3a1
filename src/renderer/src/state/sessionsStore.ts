// The Sessions tab's server data: the sessions list (paged by cursor, searched by session id)
// and the open session's turns. Both refresh themselves when the live feed reports a trace that
// carries a session id: the collector owns the roll-up, so it is asked again rather than the
// client adding up summaries it only partly holds.
import type { SessionSummary, SessionTurn, TraceSummary } from '../../../shared/types.ts';
import { fetchSession, fetchSessions } from '../api/http.ts';
import type { FeedPosition } from '../../../shared/feedPosition.ts';
import { createStore } from './createStore.ts';
import { FeedCatchUp } from './feedCatchUp.ts';

export interface SessionListState {
  /** The session id search the rows are for. */
  q: string;
  /** The exact user id the rows are for ('' for every user). */
  user: string;
  rows: SessionSummary[];
  nextCursor: string | null;
  total: number | null;
  loading: boolean;
  loaded: boolean;
  error: string | null;
}

export interface OpenSessionState {
  sessionId: string | null;
  session: SessionSummary | null;
  turns: SessionTurn[];
  nextCursor: string | null;
  loading: boolean;
  error: string | null;
  /** The collector has no trace with this session id. */
  missing: boolean;
}

const LIST_PAGE = 200;
/** The collector's largest page of sessions. */
const MAX_LIST_PAGE = 500;
const TURN_PAGE = 100;
/** Live refreshes re-read at most this many turns (the collector's page limit). */
const MAX_TURN_PAGE = 200;
const LIVE_REFRESH_MS = 400;
const LIST_REFRESH_MS = 1_500;

export const sessionListStore = createStore<SessionListState>({
  q: '',
  user: '',
  rows: [],
  nextCursor: null,
  total: null,
  loading: false,
  loaded: false,
  error: null,
});

export const openSessionStore = createStore<OpenSessionState>({
  sessionId: null,
  session: null,
  turns: [],
  nextCursor: null,
  loading: false,
  error: null,
  missing: false,
});

const message = (error: unknown) => String((error as Error).message ?? error);
const isAbort = (error: unknown) => (error as Error | null)?.name === 'AbortError';

let listRequest: AbortController | null = null;
/** The list's and the open session's reads against the live feed (catchUpSessions). */
const listCatchUp = new FeedCatchUp(() => refreshListFromLive());
const sessionCatchUp = new FeedCatchUp(() => refreshSessionFromLive());

/**
 * The first page of sessions whose id contains `q`, of one user when `user` is given (a no-op
 * when loaded already, unless forced). The user stays as it was unless given.
 */
export function loadSessions(
  q: string,
  force = false,
  limit = LIST_PAGE,
  user = sessionListStore.get().user,
): void {
  const current = sessionListStore.get();
  if (!force && current.q === q && current.user === user && (current.loaded || current.loading)) return;
  listRequest?.abort();
  const controller = new AbortController();
  listRequest = controller;
  sessionListStore.set((prev) => ({ ...prev, q, user, loading: true, error: null }));
  listCatchUp.started();
  fetchSessions({ q: q.trim() || undefined, user: user.trim() || undefined, limit }, controller.signal).then(
    (page) => {
      if (listRequest !== controller) return;
      listRequest = null;
      sessionListStore.set((prev) => ({
        ...prev,
        rows: page.sessions,
        nextCursor: page.nextCursor,
        total: page.total ?? null,
        loading: false,
        loaded: true,
      }));
      listCatchUp.answered(page.readAt);
    },
    (error: unknown) => {
      if (listRequest !== controller || isAbort(error)) return;
      listRequest = null;
      listCatchUp.failed();
      sessionListStore.set((prev) => ({ ...prev, loading: false, loaded: true, error: message(error) }));
    },
  );
}

export function loadMoreSessions(): void {
  const state = sessionListStore.get();
  if (state.loading || !state.nextCursor) return;
  const controller = new AbortController();
  listRequest = controller;
  sessionListStore.set((prev) => ({ ...prev, loading: true }));
  fetchSessions(
    {
      q: state.q.trim() || undefined,
      user: state.user.trim() || undefined,
      limit: LIST_PAGE,
      cursor: state.nextCursor,
    },
    controller.signal,
  ).then(
    (page) => {
      if (listRequest !== controller) return;
      listRequest = null;
      sessionListStore.set((prev) => {
        const known = new Set(prev.rows.map((row) => row.sessionId));
        const fresh = page.sessions.filter((row) => !known.has(row.sessionId));
        return { ...prev, rows: [...prev.rows, ...fresh], nextCursor: page.nextCursor, loading: false };
      });
    },
    (error: unknown) => {
      if (listRequest !== controller || isAbort(error)) return;
      listRequest = null;
      sessionListStore.set((prev) => ({ ...prev, loading: false, error: message(error) }));
    },
  );
}

let sessionRequest: AbortController | null = null;

/**
 * Load a session's turns from the first. `limit` lets a live refresh re-read as many turns as
 * are shown, so a turn that finished updates in place and new ones appear at the end.
 */
export function openSession(
  sessionId: string | null,
  options: { force?: boolean; limit?: number } = {},
): void {
  const current = openSessionStore.get();
  if (!options.force && current.sessionId === sessionId && (current.session || current.loading)) return;
  sessionRequest?.abort();
  sessionRequest = null;
  const sameSession = current.sessionId === sessionId;
  openSessionStore.set({
    sessionId,
    session: sameSession ? current.session : null,
    turns: sameSession ? current.turns : [],
    nextCursor: sameSession ? current.nextCursor : null,
    loading: sessionId !== null,
    error: null,
    missing: false,
  });
  if (sessionId === null) return;
  const controller = new AbortController();
  sessionRequest = controller;
  sessionCatchUp.started();
  fetchSession(sessionId, { limit: options.limit ?? TURN_PAGE }, controller.signal).then(
    (answer) => {
      if (sessionRequest !== controller) return;
      sessionRequest = null;
      openSessionStore.set((prev) => ({
        ...prev,
        session: answer.session,
        turns: answer.turns,
        nextCursor: answer.nextCursor,
        loading: false,
      }));
      sessionCatchUp.answered(answer.readAt);
    },
    (error: unknown) => {
      if (sessionRequest !== controller || isAbort(error)) return;
      sessionRequest = null;
      sessionCatchUp.failed();
      const missing = (error as { status?: number }).status === 404;
      openSessionStore.set((prev) => ({
        ...prev,
        loading: false,
        missing,
        error: missing ? null : message(error),
      }));
    },
  );
}

/** The open session's next page of turns. */
export function loadMoreTurns(): void {
  const state = openSessionStore.get();
  if (state.loading || !state.nextCursor || !state.sessionId) return;
  const controller = new AbortController();
  sessionRequest = controller;
  openSessionStore.set((prev) => ({ ...prev, loading: true }));
  fetchSession(state.sessionId, { limit: TURN_PAGE, cursor: state.nextCursor }, controller.signal).then(
    (answer) => {
      if (sessionRequest !== controller) return;
      sessionRequest = null;
      openSessionStore.set((prev) => {
        const known = new Set(prev.turns.map((turn) => turn.traceId));
        const fresh = answer.turns.filter((turn) => !known.has(turn.traceId));
        return { ...prev, turns: [...prev.turns, ...fresh], nextCursor: answer.nextCursor, loading: false };
      });
    },
    (error: unknown) => {
      if (sessionRequest !== controller || isAbort(error)) return;
      sessionRequest = null;
      openSessionStore.set((prev) => ({ ...prev, loading: false, error: message(error) }));
    },
  );
}

// Live: a burst of summaries (an agent mid-turn sends many) makes one refresh, not one per message.
// The open session is re-read soon; the list (a roll-up over every session) at most every 1.5 s.
let sessionTimer: ReturnType<typeof setTimeout> | null = null;
let listTimer: ReturnType<typeof setTimeout> | null = null;

export function receiveLiveSessionTraces(traces: readonly TraceSummary[]): void {
  const openId = openSessionStore.get().sessionId;
  let anySession = false;
  let openTouched = false;
  for (const trace of traces) {
    if (!trace.sessionId) continue;
    anySession = true;
    if (trace.sessionId === openId) openTouched = true;
  }
  if (anySession && listTimer === null) listTimer = setTimeout(refreshListFromLive, LIST_REFRESH_MS);
  if (openTouched && sessionTimer === null)
    sessionTimer = setTimeout(refreshSessionFromLive, LIVE_REFRESH_MS);
}

/**
 * The collector follows the list for this window from `position` on (it connected, or reconnected):
 * a change committed before sent no message, so the list and the open session are read again if
 * their last read may lack one (feedCatchUp.ts), as a live change would have had them.
 */
export function catchUpSessions(position: FeedPosition | null): void {
  listCatchUp.following(position);
  sessionCatchUp.following(position);
}

/** Called by its timer or by a catch-up; either way, a refresh still pending is this one. */
function refreshListFromLive(): void {
  if (listTimer !== null) clearTimeout(listTimer);
  listTimer = null;
  if (!sessionListStore.get().loaded) return;
  // Only what is on screen is asked for again; a list not shown is refetched when it shows.
  const { q, rows } = sessionListStore.get();
  if (!sessionListStore.observed()) sessionListStore.set((prev) => ({ ...prev, loaded: false }));
  // Re-read as many rows as are loaded, so a user scrolled down keeps their place; past the
  // collector's page limit the list waits for the next search instead.
  else if (rows.length <= MAX_LIST_PAGE) loadSessions(q, true, Math.max(LIST_PAGE, rows.length));
}

function refreshSessionFromLive(): void {
  if (sessionTimer !== null) clearTimeout(sessionTimer);
  sessionTimer = null;
  const open = openSessionStore.get();
  // A session view not shown re-reads its session whenever it mounts (SessionView).
  if (open.sessionId === null || !openSessionStore.observed()) return;
  // A session shown in full grows at its end; one shown in part keeps its loaded length.
  const shown = open.nextCursor === null ? open.turns.length + TURN_PAGE : open.turns.length;
  openSession(open.sessionId, { force: true, limit: Math.min(MAX_TURN_PAGE, Math.max(TURN_PAGE, shown)) });
}
