// The list pane's Sessions tab: traces that share a session id, one row per conversation
// (turns, last activity, duration, tokens, cost, errors), searched by session id, narrowed to one
// user, sorted by any column.
import { useEffect, useMemo, useState } from 'react';
import { SearchField } from '../../components/SearchField.tsx';
import { useStore } from '../../state/createStore.ts';
import { selectSession } from '../../state/listMode.ts';
import { loadMoreSessions, loadSessions, sessionListStore } from '../../state/sessionsStore.ts';
import { updateUrl, urlStore } from '../../state/urlState.ts';
import { loadTraceList } from '../../state/traceListStore.ts';
import { formatCounted } from '../../lib/format.ts';
import { sortSessions, type SessionSortOrder } from '../../model/sessionSort.ts';
import { SessionTable } from './SessionTable.tsx';
import { UserFilterInput } from './UserFilterInput.tsx';
import { focusThread } from './focusSessions.ts';

export function SessionsPane() {
  const list = useStore(sessionListStore);
  const sessionId = useStore(urlStore, (s) => s.sessionId ?? null);
  const traceOpen = useStore(urlStore, (s) => s.traceId !== null);
  // The search, the user filter and the sort live in the URL (reload, Back and Forward keep
  // them); the fields' drafts follow the URL when history changes it.
  const urlSearch = useStore(urlStore, (s) => s.sessionSearch ?? '');
  const urlUser = useStore(urlStore, (s) => s.sessionUser ?? '');
  const sort = useStore(urlStore, (s) => s.sessionSort ?? null);
  const setSort = (next: SessionSortOrder | null) => updateUrl({ sessionSort: next });
  const [draft, setDraft] = useState(urlSearch);
  const [userDraft, setUserDraft] = useState(urlUser);
  useEffect(() => setDraft(urlSearch), [urlSearch]);
  useEffect(() => setUserDraft(urlUser), [urlUser]);
  const rows = useMemo(() => sortSessions(list.rows, sort), [list.rows, sort]);
  // The users the loaded sessions name, for the User field's suggestions.
  const users = useMemo(
    () => [...new Set(list.rows.flatMap((row) => (row.userId ? [row.userId] : [])))].sort(),
    [list.rows],
  );

  // The status bar counts traces whichever list is shown: a page opened on this tab loads them too.
  useEffect(() => loadTraceList(urlStore.get().filters), []);
  // The search applies after a short pause, so typing does not refetch on every key.
  useEffect(() => {
    const settled = draft === list.q && userDraft === list.user;
    const timer = setTimeout(
      () => {
        loadSessions(draft, false, undefined, userDraft);
        updateUrl({ sessionSearch: draft || undefined, sessionUser: userDraft || undefined });
      },
      settled ? 0 : 250,
    );
    return () => clearTimeout(timer);
  }, [draft, userDraft, list.q, list.user]);

  return (
    <section className="trace-list-pane sessions-pane" aria-label="Sessions">
      <div className="list-filters">
        <SearchField
          id="session-search"
          label="Search sessions"
          placeholder="Filter by session id"
          value={draft}
          onChange={setDraft}
          onEnter={() => loadSessions(draft, true)}
          onCleared={() => loadSessions('')}
        />
        <UserFilterInput value={userDraft} users={users} onChange={setUserDraft} />
      </div>
      {traceOpen && sessionId && (
        <div className="notice">
          A turn of <span className="session-id">{sessionId}</span>.{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              selectSession(sessionId);
              focusThread();
            }}
          >
            Back to the conversation
          </button>
        </div>
      )}
      {list.error && (
        <div className="notice notice-error" role="alert">
          Could not load sessions: {list.error}{' '}
          <button type="button" className="link-button" onClick={() => loadSessions(list.q, true)}>
            Retry
          </button>
        </div>
      )}
      {list.loaded && list.rows.length === 0 && !list.error ? (
        <div className="list-empty">
          {list.q.trim() || list.user.trim() ? (
            <div>
              No session{list.q.trim() && <> id contains “{list.q.trim()}”</>}
              {list.q.trim() && list.user.trim() && ' for'}
              {list.user.trim() && <> of user “{list.user.trim()}”</>}.
            </div>
          ) : (
            <>
              <div>No sessions yet.</div>
              <div className="session-empty-hint">
                Traces that share a session id (the SDK’s <code>sessionId</code>, OpenTelemetry’s{' '}
                <code>session.id</code>, Langfuse and LangSmith sessions) appear here as one conversation.
              </div>
            </>
          )}
        </div>
      ) : (
        <SessionTable
          rows={rows}
          sort={sort}
          onSort={setSort}
          selectedSessionId={sessionId}
          onSelect={selectSession}
          onNeedMore={loadMoreSessions}
          hasMore={list.nextCursor !== null}
        />
      )}
      {list.total !== null && list.rows.length > 0 && (
        <div className="session-count muted" role="status">
          {formatCounted(list.total, 'session')}
        </div>
      )}
    </section>
  );
}
