// Electron security checklist item 17: every IPC handler checks who is asking. A message is
// answered only when it comes from the top frame of a page on the UI's own origin; a frame that
// navigated elsewhere, a subframe or a destroyed frame (senderFrame null) gets an error instead.
// Electron's ipcMain is reached through the small interface below, so the rule runs in plain Node.

export interface SenderFrame {
  url: string;
  /** null for a top-level frame. */
  parent: unknown;
}

export interface InvokeEvent {
  senderFrame: SenderFrame | null;
}

export interface InvokeRegistrar<E extends InvokeEvent> {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => unknown): void;
}

export function isTrustedSender(frame: SenderFrame | null, allowedOrigin: string): boolean {
  if (!frame || frame.parent !== null) return false;
  try {
    return new URL(frame.url).origin === allowedOrigin;
  } catch {
    return false;
  }
}

/** `ipc.handle`, with the sender checked before the listener runs. */
export function guardedRegistrar<E extends InvokeEvent>(
  ipc: InvokeRegistrar<E>,
  allowedOrigin: string,
): InvokeRegistrar<E> {
  return {
    handle(channel, listener) {
      ipc.handle(channel, (event, ...args) => {
        if (!isTrustedSender(event.senderFrame, allowedOrigin)) {
          throw new Error(
            `Refused ${channel}: the sender is not the Spyglass UI (${event.senderFrame?.url ?? 'no frame'}).`,
          );
        }
        return listener(event, ...args);
      });
    },
  };
}
