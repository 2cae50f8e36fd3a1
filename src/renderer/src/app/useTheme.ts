// Applies the theme preference to <html data-theme>: an explicit choice, or the system's
// prefers-color-scheme, followed live when it changes.
import { useEffect, useSyncExternalStore } from 'react';
import { preferencesStore, setPreference, type ThemeChoice } from '../state/preferences.ts';
import { useStore } from '../state/createStore.ts';

const darkQuery = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;

function subscribeSystem(onChange: () => void): () => void {
  darkQuery?.addEventListener('change', onChange);
  return () => darkQuery?.removeEventListener('change', onChange);
}

const systemIsDark = () => darkQuery?.matches ?? true;

export function resolveTheme(choice: ThemeChoice, systemDark: boolean): 'dark' | 'light' {
  if (choice === 'system') return systemDark ? 'dark' : 'light';
  return choice;
}

/** Keep <html data-theme> in step with the preference; returns the theme in effect. */
export function useAppliedTheme(): 'dark' | 'light' {
  const choice = useStore(preferencesStore, (prefs) => prefs.theme);
  const systemDark = useSyncExternalStore(subscribeSystem, systemIsDark, systemIsDark);
  const theme = resolveTheme(choice, systemDark);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return theme;
}

/** Flip between dark and light; an explicit choice from then on. */
export function toggleTheme(current: 'dark' | 'light'): void {
  setPreference('theme', current === 'dark' ? 'light' : 'dark');
}
