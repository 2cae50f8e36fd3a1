// Trace files handed to the app by the OS (double-click, "Open with", command line, a second
// launch) or picked from the menu: import them into the collector, then show the first trace.
import { app, type BrowserWindow, dialog } from 'electron';
import { importTraceFile } from './importFile.ts';

export interface FileOpener {
  /** Import now if the collector is up, else once it is. */
  open(paths: string[]): void;
  /** Called once the collector and the window exist; flushes files that came early. */
  ready(collectorUrl: string, uiUrl: string, window: BrowserWindow): void;
  /** File > Import Trace…: a native open dialog. */
  pickAndOpen(): Promise<void>;
}

export function createFileOpener(): FileOpener {
  let target: { collectorUrl: string; uiUrl: string; window: BrowserWindow } | null = null;
  const pending: string[] = [];

  async function importAll(paths: string[]): Promise<void> {
    if (!target) return void pending.push(...paths);
    const { collectorUrl, uiUrl, window } = target;
    for (const path of paths) {
      try {
        const result = await importTraceFile(collectorUrl, path);
        const first = result.traceIds[0];
        if (first) {
          const url = new URL(uiUrl);
          url.searchParams.set('trace', first);
          await window.loadURL(url.toString());
        }
        app.addRecentDocument(path);
      } catch (error) {
        dialog.showErrorBox('Import failed', error instanceof Error ? error.message : String(error));
      }
    }
  }

  return {
    open: (paths) => void importAll(paths),
    ready(collectorUrl, uiUrl, window) {
      target = { collectorUrl, uiUrl, window };
      void importAll(pending.splice(0));
    },
    async pickAndOpen() {
      const result = await dialog.showOpenDialog({
        title: 'Import trace file',
        properties: ['openFile', 'multiSelections'],
        filters: [
          {
            name: 'Trace files (Spyglass JSON, OTLP JSON or protobuf)',
            extensions: ['json', 'spyglass', 'pb', 'otlp', 'bin'],
          },
          { name: 'All files', extensions: ['*'] },
        ],
      });
      if (!result.canceled) await importAll(result.filePaths);
    },
  };
}
