// The one object the preload puts on `window.spyglass` in the desktop app. Declared here, with no
// imports, so the renderer (web tsconfig), the preload and the main process share one definition.
// The UI must work without it: in headless mode (a browser tab) `window.spyglass` is undefined.

export interface OpenedFile {
  path: string;
  name: string;
  /** File contents; text for JSON, base64 for anything else (OTLP protobuf). */
  contents: string;
  encoding: 'utf8' | 'base64';
}

export interface ApiKeyStatus {
  /** A key is stored (encrypted); its value never leaves the main process. */
  stored: boolean;
  /** The OS offers secure storage (keychain, DPAPI, libsecret). */
  encryptionAvailable: boolean;
  /**
   * Linux without a secret store: safeStorage's basic_text backend, i.e. plain text on disk. A key
   * is then saved only with `allowPlainText`.
   */
  plainTextOnly: boolean;
}

export interface SpyglassDesktopApi {
  /** Base URL of the collector this window talks to, e.g. http://127.0.0.1:4318 */
  readonly collectorUrl: string;
  readonly version: string;
  readonly platform: string;
  /** Shows an open dialog for trace files; null when the user cancels. */
  openTraceFile(): Promise<OpenedFile | null>;
  /** Shows a save dialog and writes `contents`; resolves to the saved path, or null when cancelled. */
  saveFile(suggestedName: string, contents: string): Promise<string | null>;
  /** The LLM re-run API key: stored with safeStorage and added to re-run requests by the main process. */
  getApiKeyStatus(): Promise<ApiKeyStatus>;
  /** `allowPlainText`: the user agreed to plain-text storage (needed when `plainTextOnly`). */
  setApiKey(key: string, allowPlainText?: boolean): Promise<ApiKeyStatus>;
  clearApiKey(): Promise<ApiKeyStatus>;
  /** The collector's port in this run and the one saved for every start. */
  getCollectorPort(): Promise<CollectorPortInfo>;
  /** Saves the port tried first at the next start; the running collector keeps its port. */
  saveCollectorPort(port: number): Promise<CollectorPortInfo>;
}

export interface CollectorPortInfo {
  inUse: number;
  saved: number;
  defaultPort: number;
}

/** IPC channel names, one place for main and preload. */
export const IPC = {
  openTraceFile: 'spyglass:open-trace-file',
  saveFile: 'spyglass:save-file',
  apiKeyStatus: 'spyglass:api-key-status',
  setApiKey: 'spyglass:set-api-key',
  clearApiKey: 'spyglass:clear-api-key',
  collectorPort: 'spyglass:collector-port',
  saveCollectorPort: 'spyglass:save-collector-port',
} as const;

/** The preload reads its start-up values from these process arguments (see window.ts). */
export const ARG_PREFIX = {
  collectorUrl: '--spyglass-collector-url=',
  version: '--spyglass-version=',
} as const;

declare global {
  interface Window {
    spyglass?: SpyglassDesktopApi;
  }
}
