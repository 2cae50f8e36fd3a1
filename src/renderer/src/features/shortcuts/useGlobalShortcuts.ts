// Window-wide keys. Typing in a field never triggers them (except Esc, which leaves the field).
import { useEffect } from 'react';
import { selectTab } from '../../state/selection.ts';
import { preferencesStore, setPreference, toggleOutline } from '../../state/preferences.ts';
import { TRACE_TABS, urlStore } from '../../state/urlState.ts';
import { interactionStore, setSpanSearch } from '../../state/traceInteraction.ts';

export interface ShortcutActions {
  overlayOpen: boolean;
  setOverlayOpen: (open: boolean) => void;
  toggleTheme: () => void;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target.tagName === 'INPUT' ||
    target.tagName === 'TEXTAREA' ||
    target.tagName === 'SELECT'
  );
}

// With a trace open `/` is the span search, wherever the focus is (the `?` overlay says so);
// the trace list's search is one click away, or `/` with no trace open.
function focusSearch(): void {
  const id = urlStore.get().traceId ? 'span-search' : 'trace-search';
  const input = (document.getElementById(id) ??
    document.getElementById('trace-search') ??
    document.getElementById('session-search')) as HTMLInputElement | null;
  input?.focus();
  input?.select();
}

/** Focus the open trace's view (its keyboard target), else the trace list, if nothing has focus. */
export function restoreFocus(): void {
  const active = document.activeElement;
  if (active && active !== document.body) return; // Somewhere already (a dialog, a list).
  const target =
    (urlStore.get().traceId ? document.querySelector<HTMLElement>('.view-pane [tabindex="0"]') : null) ??
    document.getElementById('trace-list-body') ??
    document.getElementById('session-list-body');
  target?.focus({ preventScroll: true });
}

export function useGlobalShortcuts({ overlayOpen, setOverlayOpen, toggleTheme }: ShortcutActions): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === 'Escape') {
        // A field left with Esc blurs to <body>, where no view hears the keys: give the focus
        // back to the open view (or the trace list) once the field has let go of it.
        if (isTyping(event.target)) requestAnimationFrame(restoreFocus);
        if (overlayOpen) {
          setOverlayOpen(false);
          event.preventDefault();
          return;
        }
        // Outside a field, Esc still clears the open trace's span search.
        const traceId = urlStore.get().traceId;
        if (traceId && !isTyping(event.target) && interactionStore(traceId).get().search) {
          setSpanSearch(traceId, '');
          event.preventDefault();
        }
        return;
      }
      if (isTyping(event.target)) return;
      if (event.key === '?') {
        setOverlayOpen(!overlayOpen);
      } else if (overlayOpen) {
        return;
      } else if (event.key === '/') {
        focusSearch();
      } else if (/^[1-4]$/.test(event.key) && urlStore.get().traceId) {
        selectTab(TRACE_TABS[Number(event.key) - 1]!);
      } else if (event.key === 'o' || event.key === 'O') {
        const { view } = urlStore.get();
        toggleOutline(view ?? preferencesStore.get().activeTab);
      } else if (event.key === 'l' || event.key === 'L') {
        if (!preferencesStore.get().traceListVisible) setPreference('traceListVisible', true);
        requestAnimationFrame(() =>
          (
            document.getElementById('trace-list-body') ?? document.getElementById('session-list-body')
          )?.focus(),
        );
      } else if (event.key === '[') {
        setPreference('traceListVisible', !preferencesStore.get().traceListVisible);
      } else if (event.key === 't' || event.key === 'T') {
        toggleTheme();
      } else {
        return;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [overlayOpen, setOverlayOpen, toggleTheme]);
}
