// An open session read as one chat thread: its turns in order, each the user's message and the
// agent's answer, each opening its trace. New turns of a live session appear at the end
// (state/sessionsStore.ts refreshes it from the live feed).
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useStore } from '../../state/createStore.ts';
import { selectTrace } from '../../state/selection.ts';
import { loadMoreTurns, openSession, openSessionStore } from '../../state/sessionsStore.ts';
import { focusOutline } from '../../components/focusOutline.ts';
import { formatCost, formatCount, formatCounted, formatDuration, formatTokens } from '../../lib/format.ts';
import { formatClockTime } from '../../lib/formatClockTime.ts';
import { SESSION_THREAD_ID, focusSessionList, takePendingThreadFocus } from './focusSessions.ts';
import { SessionTurnCard } from './SessionTurnCard.tsx';

/** Focus the thread's turn at `index` (clamped), scrolled into view. */
function focusTurn(thread: HTMLElement | null, index: number): void {
  const cards = thread?.querySelectorAll<HTMLElement>('.session-turn');
  const card = cards?.[Math.max(0, Math.min(cards.length - 1, index))];
  card?.focus();
  card?.scrollIntoView({ block: 'nearest' });
}

export function SessionView({ sessionId }: { sessionId: string }) {
  const state = useStore(openSessionStore);
  const thread = useRef<HTMLOListElement>(null);
  const [current, setCurrent] = useState(0);

  // Re-read on every mount (coming back from a turn's trace, say): turns may have arrived meanwhile,
  // and the ones already shown stay while the answer comes.
  useEffect(() => openSession(sessionId, { force: true }), [sessionId]);
  const shown = state.sessionId === sessionId;
  const turns = shown ? state.turns : [];
  const session = shown ? state.session : null;

  useEffect(() => {
    if (turns.length > 0 && takePendingThreadFocus())
      thread.current?.querySelector<HTMLElement>('.session-turn')?.focus();
  }, [turns.length]);

  const open = useCallback((traceId: string) => {
    selectTrace(traceId);
    focusOutline();
  }, []);

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLLIElement>, index: number) => {
      const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 5, PageUp: -5, j: 1, k: -1 }[event.key];
      if (step !== undefined) focusTurn(thread.current, index + step);
      else if (event.key === 'Home') focusTurn(thread.current, 0);
      else if (event.key === 'End') focusTurn(thread.current, turns.length - 1);
      else if (event.key === 'Enter' || event.key === 'ArrowRight') open(turns[index]!.traceId);
      else if (event.key === 'ArrowLeft' || event.key === 'Escape') focusSessionList();
      else return;
      event.preventDefault();
      event.stopPropagation();
    },
    [turns, open],
  );

  if (shown && state.missing) {
    return (
      <section className="session-view workspace-message" aria-label="Session">
        <div>No trace has the session id “{sessionId}”.</div>
      </section>
    );
  }
  return (
    <section className="session-view" aria-label={`Session ${sessionId}`}>
      <header className="session-header">
        <h2 className="session-title" title={sessionId}>
          {sessionId}
        </h2>
        {session && (
          <div className="session-stats">
            {session.userId && <span title="User">{session.userId}</span>}
            <span>{formatCounted(session.turns, 'turn')}</span>
            <span title="From the first turn’s start to the last turn’s end">
              {formatDuration(session.durationMs)}
            </span>
            <span title="Tokens">{formatTokens(session.tokens)} tokens</span>
            <span title="Cost">{formatCost(session.costUsd)}</span>
            <span className={session.errors ? 'session-errors' : undefined}>
              {session.errors ? `${formatCount(session.errors)} failed` : 'no errors'}
            </span>
            <span title="Last activity">{formatClockTime(session.lastActivity)}</span>
          </div>
        )}
      </header>
      {shown && state.error && (
        <div className="notice notice-error" role="alert">
          Could not load this session: {state.error}{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => openSession(sessionId, { force: true })}
          >
            Retry
          </button>
        </div>
      )}
      <div className="session-scroll">
        <ol className="session-thread" id={SESSION_THREAD_ID} ref={thread} aria-label="Turns">
          {turns.map((turn, index) => (
            <SessionTurnCard
              key={turn.traceId}
              turn={turn}
              number={index + 1}
              current={index === Math.min(current, turns.length - 1)}
              onOpen={open}
              onKeyDown={onKeyDown}
              onFocus={setCurrent}
            />
          ))}
        </ol>
        {state.loading && turns.length === 0 && <div className="list-empty">Loading the conversation…</div>}
        {shown && state.nextCursor && (
          <button type="button" className="session-more" onClick={loadMoreTurns} disabled={state.loading}>
            {state.loading ? 'Loading…' : 'Load later turns'}
          </button>
        )}
      </div>
    </section>
  );
}
