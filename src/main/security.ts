// Process-wide hardening that does not depend on any one window (Electron's security checklist):
// no permissions granted to page content, no <webview>, and a strict Content-Security-Policy on
// the UI even if a response arrived without one.
import { app, session, shell } from 'electron';
import { guardWebContents } from './webContentsGuard.ts';

export function contentSecurityPolicy(collectorUrl: string): string {
  const ws = collectorUrl.replace(/^http/, 'ws');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self' ${collectorUrl} ${ws}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * Adds the stored API key to the window's LLM re-run requests, so the renderer never holds it.
 * Only the collector's re-run route gets it; the collector sends it on to the provider and never
 * stores or logs it.
 */
export function attachApiKey(collectorUrl: string, readKey: () => string | null): void {
  session.defaultSession.webRequest.onBeforeSendHeaders(
    { urls: [`${collectorUrl}/api/replay/*`] },
    (details, callback) => {
      const key = readKey();
      const headers = details.requestHeaders;
      if (key && !Object.keys(headers).some((name) => name.toLowerCase() === 'authorization')) {
        headers['Authorization'] = `Bearer ${key}`;
      }
      callback({ requestHeaders: headers });
    },
  );
}

export function hardenSessions(collectorUrl: string, uiOrigin: string, enforceCsp: boolean): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  if (enforceCsp) {
    ses.webRequest.onHeadersReceived({ urls: [`${collectorUrl}/*`] }, (details, callback) => {
      const headers = details.responseHeaders ?? {};
      const hasCsp = Object.keys(headers).some((name) => name.toLowerCase() === 'content-security-policy');
      if (!hasCsp) headers['Content-Security-Policy'] = [contentSecurityPolicy(collectorUrl)];
      callback({ responseHeaders: headers });
    });
  }
  // Every webContents, not only the main window's (checklist items 13 and 14).
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, uiOrigin, (url) => void shell.openExternal(url));
  });
}
