// The app window, hardened: context isolation, sandbox, no Node in the page, no navigation away
// from the collector's own origin, no new windows (links open in the system browser).
import { BrowserWindow, shell } from 'electron';
import { join } from 'node:path';
import { ARG_PREFIX } from '../preload/api.ts';

export interface WindowOptions {
  /** Origin serving the UI: the collector itself, or the Vite dev server in `npm run dev`. */
  uiUrl: string;
  collectorUrl: string;
  version: string;
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'Spyglass',
    backgroundColor: '#1e1f22',
    autoHideMenuBar: process.platform !== 'darwin',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      additionalArguments: [
        `${ARG_PREFIX.collectorUrl}${options.collectorUrl}`,
        `${ARG_PREFIX.version}${options.version}`,
      ],
    },
  });

  const allowedOrigin = new URL(options.uiUrl).origin;
  window.webContents.on('will-navigate', (event, url) => {
    if (new URL(url).origin !== allowedOrigin) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    // Links in payloads are untrusted: only web links, and only in the user's browser.
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.uiUrl);
  return window;
}
