// Entry of the collector's utility process. The server (HTTP, WebSocket, SQLite writes) runs
// here so that heavy ingest never blocks the Electron main process or the window.
import { startServer, type RunningServer } from '../server/index.ts';
import { outsideAsar } from './asarPaths.ts';
import type { CollectorCommand, CollectorEvent } from './collectorMessages.ts';

interface ParentPort {
  on(event: 'message', listener: (event: { data: CollectorCommand }) => void): void;
  postMessage(message: CollectorEvent): void;
}

// Electron adds `parentPort` to `process` in utility processes only.
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parentPort) throw new Error('collectorProcess must be started with Electron utilityProcess.fork()');

let server: RunningServer | null = null;

parentPort.on('message', ({ data }) => {
  if (data.type === 'start') void start(data);
  if (data.type === 'stop') void stop();
});

async function start(command: Extract<CollectorCommand, { type: 'start' }>): Promise<void> {
  try {
    server = await startServer({
      port: command.port,
      host: command.host,
      dbPath: command.dbPath,
      uiDir: command.uiDir,
      allowedOrigins: command.allowedOrigins,
      // Built beside this file by electron.vite.config.ts (the source path does not exist here);
      // unpacked from app.asar in a packaged app (electron-builder.yml, asarUnpack).
      decoderThreadEntry: outsideAsar(new URL('./decoderThread.js', import.meta.url)),
      searchThreadEntry: outsideAsar(new URL('./searchThread.js', import.meta.url)),
      log: (line) => console.log(line),
    });
    parentPort!.postMessage({ type: 'ready', url: server.url, port: server.port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'UNKNOWN';
    parentPort!.postMessage({ type: 'start-failed', port: command.port, code, message: String(error) });
  }
}

async function stop(): Promise<void> {
  await server?.close();
  server = null;
  // The parent port keeps a utility process alive; the main process waits for this exit.
  process.exit(0);
}
