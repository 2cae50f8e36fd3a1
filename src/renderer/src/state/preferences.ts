// Persisted preferences: theme, pane sizes, the active trace tab, panels shown. They outlive
// every trace and every reload, so they live in localStorage, checked field by field on load
// (an older build may have written something else under the same key).
import { createStore } from './createStore.ts';
import { TRACE_TABS, type TraceTab } from './urlState.ts';

export type ThemeChoice = 'system' | 'dark' | 'light';

/**
 * What the wheel does over a timeline. 'scroll' is Chrome DevTools' modern navigation: the wheel
 * (or two fingers on a trackpad) scrolls rows and pans, Ctrl/⌘+wheel or a pinch zooms at the
 * pointer. 'zoom' is the classic mode: the wheel zooms, Shift+wheel scrolls rows.
 */
export type { WheelMode } from '../lib/wheelNavigation.ts';
import type { WheelMode } from '../lib/wheelNavigation.ts';

export interface PaneSizes {
  traceList: number;
  outline: number;
  inspector: number;
  /** The waterfall's span name column as dragged; 0 = a share of the pane's width. */
  waterfallLabels: number;
}

export interface Preferences {
  theme: ThemeChoice;
  panes: PaneSizes;
  activeTab: TraceTab;
  /** Per tab: the waterfall's label column already is the span tree, so there it starts hidden. */
  outlineVisible: Record<TraceTab, boolean>;
  traceListVisible: boolean;
  wheelMode: WheelMode;
}

export const DEFAULT_PREFERENCES: Preferences = {
  theme: 'system',
  // Sized so that at 1280 px the view in the middle keeps about 400 px.
  panes: { traceList: 280, outline: 260, inspector: 360, waterfallLabels: 0 },
  activeTab: 'waterfall',
  outlineVisible: { waterfall: false, flame: true, tree: true, transcript: true },
  traceListVisible: true,
  wheelMode: 'scroll',
};

const STORAGE_KEY = 'spyglass.preferences.v1';

function positive(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

// Earlier builds kept one boolean for every tab: an explicit "hidden" is kept for all tabs, while
// "shown" (the old default) gives way to the per-tab defaults.
function parseOutlineVisible(value: unknown): Record<TraceTab, boolean> {
  const d = DEFAULT_PREFERENCES.outlineVisible;
  if (value === false) return { waterfall: false, flame: false, tree: false, transcript: false };
  if (typeof value !== 'object' || value === null) return d;
  const raw = value as Record<string, unknown>;
  const result = { ...d };
  for (const tab of TRACE_TABS) if (typeof raw[tab] === 'boolean') result[tab] = raw[tab];
  return result;
}

export function parsePreferences(text: string | null): Preferences {
  if (!text) return DEFAULT_PREFERENCES;
  let raw: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null) return DEFAULT_PREFERENCES;
    raw = parsed as Record<string, unknown>;
  } catch {
    return DEFAULT_PREFERENCES;
  }
  const panes = (typeof raw.panes === 'object' && raw.panes !== null ? raw.panes : {}) as Record<
    string,
    unknown
  >;
  const d = DEFAULT_PREFERENCES;
  return {
    theme: raw.theme === 'dark' || raw.theme === 'light' || raw.theme === 'system' ? raw.theme : d.theme,
    panes: {
      traceList: positive(panes.traceList, d.panes.traceList),
      outline: positive(panes.outline, d.panes.outline),
      inspector: positive(panes.inspector, d.panes.inspector),
      waterfallLabels: positive(panes.waterfallLabels, d.panes.waterfallLabels),
    },
    activeTab: (TRACE_TABS as readonly unknown[]).includes(raw.activeTab)
      ? (raw.activeTab as TraceTab)
      : d.activeTab,
    outlineVisible: parseOutlineVisible(raw.outlineVisible),
    traceListVisible: typeof raw.traceListVisible === 'boolean' ? raw.traceListVisible : d.traceListVisible,
    wheelMode: raw.wheelMode === 'zoom' || raw.wheelMode === 'scroll' ? raw.wheelMode : d.wheelMode,
  };
}

function load(): Preferences {
  try {
    return parsePreferences(globalThis.localStorage?.getItem(STORAGE_KEY) ?? null);
  } catch {
    return DEFAULT_PREFERENCES; // Storage can be disabled; preferences then last one session.
  }
}

export const preferencesStore = createStore<Preferences>(load());

preferencesStore.subscribe(() => {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(preferencesStore.get()));
  } catch {
    // Quota or disabled storage: keep working with in-memory preferences.
  }
});

export function setPreference<K extends keyof Preferences>(key: K, value: Preferences[K]): void {
  preferencesStore.set((prev) => (prev[key] === value ? prev : { ...prev, [key]: value }));
}

export function setPaneSize(pane: keyof PaneSizes, px: number): void {
  preferencesStore.set((prev) => ({ ...prev, panes: { ...prev.panes, [pane]: Math.round(px) } }));
}

export function toggleOutline(tab: TraceTab): void {
  preferencesStore.set((prev) => ({
    ...prev,
    outlineVisible: { ...prev.outlineVisible, [tab]: !prev.outlineVisible[tab] },
  }));
}
