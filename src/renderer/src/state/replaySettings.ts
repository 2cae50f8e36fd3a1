// Where re-runs are sent: the OpenAI-compatible base URL, remembered across reloads. Only the
// URL is kept here. The API key is never in the renderer's storage: the desktop app keeps it
// encrypted in the main process (safeStorage), the headless server reads it from its environment.
import { createStore } from './createStore.ts';

export interface ReplaySettings {
  /** '' = the server's default (SPYGLASS_OPENAI_BASE_URL, else https://api.openai.com/v1). */
  baseUrl: string;
}

const STORAGE_KEY = 'spyglass.replay.v1';

/** A usable base URL, or the reason it is not one. '' is fine: the server's default. */
export function checkBaseUrl(text: string): string | null {
  const value = text.trim();
  if (value === '') return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'Not a URL: write it like http://127.0.0.1:8787/v1';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'Use an http:// or https:// URL';
  if (url.search || url.hash) return 'The base URL takes no ?query or #fragment';
  return null;
}

function load(): ReplaySettings {
  try {
    const raw: unknown = JSON.parse(globalThis.localStorage?.getItem(STORAGE_KEY) ?? 'null');
    const baseUrl =
      typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).baseUrl : undefined;
    return { baseUrl: typeof baseUrl === 'string' && checkBaseUrl(baseUrl) === null ? baseUrl : '' };
  } catch {
    return { baseUrl: '' };
  }
}

export const replaySettingsStore = createStore<ReplaySettings>(load());

export function setBaseUrl(baseUrl: string): void {
  const value = baseUrl.trim().replace(/\/+$/, '');
  replaySettingsStore.set({ baseUrl: value });
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify({ baseUrl: value }));
  } catch {
    // Storage disabled: the setting lasts this session.
  }
}

/** Whether the settings dialog is open (the status bar's gear, the playground's link). */
export const settingsOpenStore = createStore(false);
export const openSettings = () => settingsOpenStore.set(true);
export const closeSettings = () => settingsOpenStore.set(false);
