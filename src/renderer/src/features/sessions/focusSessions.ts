// Keyboard focus between the sessions list and the open session's thread. Enter on a session
// whose turns are still loading asks for the focus; the thread takes it once its turns are in.
export const SESSION_LIST_ID = 'session-list-body';
export const SESSION_THREAD_ID = 'session-thread';

let pending = false;

/** Focus the thread's current turn (or its first), e.g. Enter on a session row. */
export function focusThread(): void {
  const thread = document.getElementById(SESSION_THREAD_ID);
  const turn =
    thread?.querySelector<HTMLElement>('.session-turn[data-current="true"]') ??
    thread?.querySelector<HTMLElement>('.session-turn');
  pending = !turn;
  turn?.focus();
}

/** Called by the thread once its turns are shown: true when focus was asked for before. */
export function takePendingThreadFocus(): boolean {
  const was = pending;
  pending = false;
  return was;
}

export function focusSessionList(): void {
  document.getElementById(SESSION_LIST_ID)?.focus();
}
