// Sandboxed preload: it may only require 'electron' (bundled to one CJS file by electron-vite).
// It exposes a small typed API and nothing else: no ipcRenderer, no Node.
import { contextBridge, ipcRenderer } from 'electron';
import { ARG_PREFIX, IPC, type SpyglassDesktopApi } from './api.ts';

function argValue(prefix: string): string {
  const arg = process.argv.find((a) => a.startsWith(prefix));
  return arg ? arg.slice(prefix.length) : '';
}

const api: SpyglassDesktopApi = {
  collectorUrl: argValue(ARG_PREFIX.collectorUrl),
  version: argValue(ARG_PREFIX.version),
  platform: process.platform,
  openTraceFile: () => ipcRenderer.invoke(IPC.openTraceFile),
  saveFile: (suggestedName, contents) => ipcRenderer.invoke(IPC.saveFile, suggestedName, contents),
  getApiKeyStatus: () => ipcRenderer.invoke(IPC.apiKeyStatus),
  setApiKey: (key, allowPlainText) => ipcRenderer.invoke(IPC.setApiKey, key, allowPlainText === true),
  clearApiKey: () => ipcRenderer.invoke(IPC.clearApiKey),
  getCollectorPort: () => ipcRenderer.invoke(IPC.collectorPort),
  saveCollectorPort: (port) => ipcRenderer.invoke(IPC.saveCollectorPort, port),
};

contextBridge.exposeInMainWorld('spyglass', api);
