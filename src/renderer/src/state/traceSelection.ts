// Traces picked in the list (Ctrl/⌘-click, or the row menu) for "Export selected" and
// "Compare". Separate from the open trace: picking does not open, opening does not pick.
import { createStore } from './createStore.ts';

export const traceSelectionStore = createStore<readonly string[]>([]);

export function toggleTraceSelection(traceId: string): void {
  traceSelectionStore.set((ids) =>
    ids.includes(traceId) ? ids.filter((id) => id !== traceId) : [...ids, traceId],
  );
}

export function clearTraceSelection(): void {
  traceSelectionStore.set([]);
}
