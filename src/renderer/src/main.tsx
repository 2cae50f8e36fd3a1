import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { resolveTheme } from './app/useTheme.ts';
import { preferencesStore } from './state/preferences.ts';
import './app/theme.css';

// Apply the theme before the first paint, so a light-mode user never sees a dark flash.
document.documentElement.dataset.theme = resolveTheme(
  preferencesStore.get().theme,
  typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)').matches : true,
);

const root = document.getElementById('root');
if (!root) throw new Error('index.html lost its #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
