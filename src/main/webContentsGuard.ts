// Electron security checklist items 13 and 14 for every webContents the app ever creates (the
// main window, and anything else: a devtools-opened page, a future child window), installed from
// app.on('web-contents-created') by security.ts: no navigation away from the UI's origin, no new
// windows (web links go to the user's browser), no <webview>. The Electron objects are reached
// through the small interfaces below, so the rules run in plain Node tests.

export interface GuardedEvent {
  preventDefault(): void;
}

export interface GuardedContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: GuardedEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: GuardedEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** Whether `url` belongs to the UI's own origin; anything unparsable does not. */
export function isSameOrigin(url: string, allowedOrigin: string): boolean {
  try {
    return new URL(url).origin === allowedOrigin;
  } catch {
    return false;
  }
}

export function guardWebContents(
  contents: GuardedContents,
  allowedOrigin: string,
  openExternal: (url: string) => void,
): void {
  const stayOnOrigin = (event: GuardedEvent, url: string) => {
    if (!isSameOrigin(url, allowedOrigin)) event.preventDefault();
  };
  contents.on('will-navigate', stayOnOrigin);
  contents.on('will-redirect', stayOnOrigin);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // Links in payloads are untrusted: only web links, and only in the user's browser.
    if (/^https?:\/\//i.test(url)) openExternal(url);
    return { action: 'deny' };
  });
}
