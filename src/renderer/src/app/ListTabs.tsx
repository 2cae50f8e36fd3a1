// The list pane's two lists, as tabs: Traces and Sessions. Arrow keys move between them (the
// ARIA tabs pattern); the choice lives in the URL, so a reload restores it.
import type { KeyboardEvent } from 'react';
import { showList } from '../state/listMode.ts';
import type { ListMode } from '../state/urlState.ts';

const TABS: { mode: ListMode; label: string }[] = [
  { mode: 'traces', label: 'Traces' },
  { mode: 'sessions', label: 'Sessions' },
];

export function ListTabs({ mode }: { mode: ListMode }) {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    const next = TABS[(TABS.findIndex((tab) => tab.mode === mode) + 1) % TABS.length]!;
    showList(next.mode);
    requestAnimationFrame(() => document.getElementById(`list-tab-${next.mode}`)?.focus());
  };
  return (
    <div className="tabs list-tabs" role="tablist" aria-label="List" onKeyDown={onKeyDown}>
      {TABS.map((tab) => (
        <button
          key={tab.mode}
          id={`list-tab-${tab.mode}`}
          type="button"
          role="tab"
          aria-selected={tab.mode === mode}
          tabIndex={tab.mode === mode ? 0 : -1}
          className={`tab${tab.mode === mode ? ' active' : ''}`}
          onClick={() => showList(tab.mode)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
