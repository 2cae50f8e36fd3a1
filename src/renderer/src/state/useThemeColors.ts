// Theme colours for canvas views, which cannot use CSS variables directly. Read once from the
// computed style of <html> and again whenever its data-theme attribute changes.
import { useSyncExternalStore } from 'react';
import type { SpanType } from '../../../shared/types.ts';

export const THEME_VARIABLES = [
  'bg',
  'bg-panel',
  'bg-elevated',
  'bg-hover',
  'bg-selected',
  'fg',
  'fg-muted',
  'fg-faint',
  'border',
  'accent',
  'error',
  'warning',
  'success',
  'running',
  'font-ui',
  'font-mono',
] as const;

export type ThemeVariable = (typeof THEME_VARIABLES)[number];

export interface ThemeColors {
  /** 'dark' or 'light', as applied to <html data-theme>. */
  theme: string;
  /** Every --name from the list above, by name without the dashes. */
  vars: Record<ThemeVariable, string>;
  /** --type-llm etc., by span type. */
  types: Record<SpanType, string>;
}

const SPAN_TYPE_NAMES: readonly SpanType[] = [
  'llm',
  'tool',
  'retrieval',
  'embedding',
  'agent',
  'chain',
  'reranker',
  'guardrail',
  'evaluator',
  'custom',
];

function read(): ThemeColors {
  const root = document.documentElement;
  const style = getComputedStyle(root);
  const get = (name: string) => style.getPropertyValue(`--${name}`).trim();
  const vars = {} as Record<ThemeVariable, string>;
  for (const name of THEME_VARIABLES) vars[name] = get(name);
  const types = {} as Record<SpanType, string>;
  for (const type of SPAN_TYPE_NAMES) types[type] = get(`type-${type}`);
  return { theme: root.dataset.theme ?? 'dark', vars, types };
}

let cached: ThemeColors | null = null;
let cachedTheme: string | undefined;

function snapshot(): ThemeColors {
  const theme = document.documentElement.dataset.theme;
  if (!cached || cachedTheme !== theme) {
    cached = read();
    cachedTheme = theme;
  }
  return cached;
}

function subscribe(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}

/** The current theme's colours; re-renders the caller when the theme switches. */
export function useThemeColors(): ThemeColors {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
