// Desktop-only services for the renderer: the native open and save dialogs.
import { BrowserWindow, dialog, ipcMain } from 'electron';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { type CollectorPortInfo, IPC, type OpenedFile } from '../preload/api.ts';
import type { ApiKeyStore } from './apiKeyStore.ts';
import { checkPort } from './collectorPort.ts';
import { guardedRegistrar } from './ipcSender.ts';
import { DEFAULT_PORT, readSettings, writeSettings } from './settings.ts';

const TRACE_FILE_FILTERS = [
  { name: 'Trace files', extensions: ['json', 'spyglass', 'pb', 'bin', 'otlp'] },
  { name: 'All files', extensions: ['*'] },
];

export async function readTraceFile(path: string): Promise<OpenedFile> {
  const bytes = await readFile(path);
  const isText = ['.json', '.spyglass'].includes(extname(path).toLowerCase());
  return {
    path,
    name: basename(path),
    contents: bytes.toString(isText ? 'utf8' : 'base64'),
    encoding: isText ? 'utf8' : 'base64',
  };
}

/** Every handler answers only the UI's top frame on `uiOrigin` (checklist item 17). */
export function registerIpc(
  apiKeys: ApiKeyStore,
  uiOrigin: string,
  ports: { userDataDir: string; portInUse: number },
): void {
  const ipc = guardedRegistrar(ipcMain, uiOrigin);
  const portInfo = (): CollectorPortInfo => ({
    inUse: ports.portInUse,
    saved: readSettings(ports.userDataDir).port,
    defaultPort: DEFAULT_PORT,
  });
  ipc.handle(IPC.collectorPort, () => portInfo());
  // Saved for the next start: the running collector keeps its port (agents are connected to it).
  ipc.handle(IPC.saveCollectorPort, (_event, value: unknown) => {
    const checked = checkPort(value);
    if ('problem' in checked) throw new TypeError(checked.problem);
    writeSettings(ports.userDataDir, { port: checked.port });
    return portInfo();
  });
  ipc.handle(IPC.apiKeyStatus, () => apiKeys.status());
  ipc.handle(IPC.setApiKey, (_event, key: unknown, allowPlainText: unknown) => {
    if (typeof key !== 'string') throw new TypeError('setApiKey expects a string');
    return apiKeys.set(key, { allowPlainText: allowPlainText === true });
  });
  ipc.handle(IPC.clearApiKey, () => apiKeys.clear());

  ipc.handle(IPC.openTraceFile, async (event) => {
    const owner = BrowserWindow.fromWebContents(event.sender);
    const options = { properties: ['openFile' as const], filters: TRACE_FILE_FILTERS };
    const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
    const path = result.filePaths[0];
    return result.canceled || !path ? null : readTraceFile(path);
  });

  ipc.handle(IPC.saveFile, async (event, suggestedName: unknown, contents: unknown) => {
    if (typeof suggestedName !== 'string' || typeof contents !== 'string') {
      throw new TypeError('saveFile expects (suggestedName: string, contents: string)');
    }
    const owner = BrowserWindow.fromWebContents(event.sender);
    const options = { defaultPath: suggestedName, filters: TRACE_FILE_FILTERS };
    const result = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
    if (result.canceled || !result.filePath) return null;
    await writeFile(result.filePath, contents);
    return result.filePath;
  });
}
