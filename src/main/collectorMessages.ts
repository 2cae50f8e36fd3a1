// Messages between the Electron main process and the collector's utility process.
export interface StartCollector {
  type: 'start';
  port: number;
  host: string;
  dbPath: string;
  uiDir: string;
  /** The Vite dev server's origin in `npm run dev`; empty in a packaged or previewed app. */
  allowedOrigins: string[];
}

export type CollectorCommand = StartCollector | { type: 'stop' };

export type CollectorEvent =
  | { type: 'ready'; url: string; port: number }
  | { type: 'start-failed'; port: number; code: string; message: string };
