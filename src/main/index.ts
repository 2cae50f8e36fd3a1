// Electron main process: a thin shell. It starts the collector in a utility process, opens one
// hardened window on the collector's UI, and offers the few services only a desktop can give.
import { app, type BrowserWindow, dialog, safeStorage } from 'electron';
import { join } from 'node:path';
import { defaultDbPath } from '../cli/dataDir.ts';
import { APP_VERSION } from '../shared/version.ts';
import { ApiKeyStore } from './apiKeyStore.ts';
import { PortInUseError, startCollector, type CollectorHandle } from './collectorHost.ts';
import { traceFilesInArgv } from './importFile.ts';
import { registerIpc } from './ipc.ts';
import { installMenu } from './menu.ts';
import { describePortOwner, findFreePort, findPortOwner } from './portOwner.ts';
import { createFileOpener } from './openFiles.ts';
import { attachApiKey, hardenSessions } from './security.ts';
import { startOnAvailablePort } from './collectorPort.ts';
import { readSettings } from './settings.ts';
import { createMainWindow } from './window.ts';

const HOST = '127.0.0.1';
let collector: CollectorHandle | null = null;
let mainWindow: BrowserWindow | null = null;
const files = createFileOpener();

/** electron-vite sets this in `npm run dev`: the UI then comes from Vite with hot reload. */
const devServerUrl = process.env['ELECTRON_RENDERER_URL'];

async function launchCollector(): Promise<CollectorHandle> {
  const userData = app.getPath('userData');
  const firstPort = Number(process.env['SPYGLASS_PORT']) || readSettings(userData).port;
  // A port picked here because the first was taken is for this run only (see collectorPort.ts).
  return startOnAvailablePort(
    firstPort,
    (port) =>
      startCollector(
        join(import.meta.dirname, 'collector.js'),
        {
          port,
          host: HOST,
          // The same database as `spyglass serve` (README: "Where your traces live").
          dbPath: defaultDbPath(),
          uiDir: join(import.meta.dirname, '../renderer'),
          allowedOrigins: devServerUrl ? [new URL(devServerUrl).origin] : [],
        },
        (code) => {
          dialog.showErrorBox(
            'Spyglass collector stopped',
            `The collector exited unexpectedly (code ${code}).`,
          );
          app.exit(1);
        },
      ),
    (error) => error instanceof PortInUseError,
    askForAnotherPort,
  );
}

/** Tells the user who holds the port and offers a free one; null when the user quits. */
async function askForAnotherPort(port: number): Promise<number | null> {
  const [owner, free] = await Promise.all([findPortOwner(port), findFreePort(port, HOST)]);
  const buttons = [...(free ? [`Use port ${free}`] : []), 'Try again', 'Quit'];
  const { response } = await dialog.showMessageBox({
    type: 'warning',
    title: 'Port in use',
    message: describePortOwner(port, owner),
    detail:
      `Spyglass's collector listens on port ${port} so that agents and OpenTelemetry exporters reach it ` +
      'without configuration. You can use another port for this run and point your agent at it with ' +
      'SPYGLASS_URL or OTEL_EXPORTER_OTLP_ENDPOINT; Settings can make it the port for every start.',
    buttons,
    defaultId: 0,
    cancelId: buttons.length - 1,
  });
  const choice = buttons[response];
  if (choice === 'Quit') return null;
  return choice === 'Try again' ? port : free;
}

async function start(): Promise<void> {
  collector = await launchCollector();
  const uiUrl = devServerUrl ?? `${collector.url}/`;
  const apiKeys = new ApiKeyStore(app.getPath('userData'), {
    isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
    encryptString: (text) => safeStorage.encryptString(text),
    decryptString: (bytes) => safeStorage.decryptString(bytes),
    // Electron documents the storage backend for Linux only.
    ...(process.platform === 'linux'
      ? { getSelectedStorageBackend: () => safeStorage.getSelectedStorageBackend() }
      : {}),
  });
  const uiOrigin = new URL(uiUrl).origin;
  hardenSessions(collector.url, uiOrigin, !devServerUrl);
  attachApiKey(collector.url, () => apiKeys.read());
  registerIpc(apiKeys, uiOrigin, { userDataDir: app.getPath('userData'), portInUse: collector.port });
  installMenu(collector.url, () => void files.pickAndOpen());
  mainWindow = createMainWindow({ uiUrl, collectorUrl: collector.url, version: APP_VERSION });
  files.ready(collector.url, uiUrl, mainWindow);
  files.open(traceFilesInArgv(process.argv));
}

if (!app.requestSingleInstanceLock()) {
  // Another Spyglass already runs: it owns the port and the database. Focus it instead.
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
    files.open(traceFilesInArgv(argv));
  });
  // macOS delivers "Open with" files through this event, possibly before the app is ready.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    files.open([path]);
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox('Spyglass could not start', String(error));
      app.exit(1);
    });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (!collector) return;
    // Let the collector finish its last commit before the app goes.
    event.preventDefault();
    const closing = collector;
    collector = null;
    void closing.stop().finally(() => app.quit());
  });
}
