// The app window, hardened: context isolation, sandbox, no Node in the page. Navigation and
// new-window guards apply to every webContents, this one included (security.ts).
import { BrowserWindow } from 'electron';
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

  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.uiUrl);
  return window;
}
