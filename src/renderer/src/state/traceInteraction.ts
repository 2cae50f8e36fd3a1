// Per-trace interaction state: what is collapsed, what the span search says, which span was
// last selected. It lives as long as the session (not persisted) and survives switching traces,
// so coming back to a trace finds it as it was left.
import { createStore, type Store } from './createStore.ts';

export interface TraceInteraction {
  collapsed: ReadonlySet<string>;
  search: string;
  lastSpanId: string | null;
}

const stores = new Map<string, Store<TraceInteraction>>();

export function interactionStore(traceId: string): Store<TraceInteraction> {
  let store = stores.get(traceId);
  if (!store) {
    store = createStore<TraceInteraction>({ collapsed: new Set(), search: '', lastSpanId: null });
    stores.set(traceId, store);
  }
  return store;
}

export function toggleCollapsed(traceId: string, spanId: string): void {
  interactionStore(traceId).set((prev) => {
    const collapsed = new Set(prev.collapsed);
    if (!collapsed.delete(spanId)) collapsed.add(spanId);
    return { ...prev, collapsed };
  });
}

export function setCollapsed(traceId: string, spanId: string, value: boolean): void {
  interactionStore(traceId).set((prev) => {
    if (prev.collapsed.has(spanId) === value) return prev;
    const collapsed = new Set(prev.collapsed);
    if (value) collapsed.add(spanId);
    else collapsed.delete(spanId);
    return { ...prev, collapsed };
  });
}

/** Expand every ancestor of a span so it is visible (after selecting it from another view). */
export function expandAll(traceId: string, spanIds: readonly string[]): void {
  interactionStore(traceId).set((prev) => {
    if (!spanIds.some((id) => prev.collapsed.has(id))) return prev;
    const collapsed = new Set(prev.collapsed);
    for (const id of spanIds) collapsed.delete(id);
    return { ...prev, collapsed };
  });
}

export function setSpanSearch(traceId: string, search: string): void {
  interactionStore(traceId).set((prev) => (prev.search === search ? prev : { ...prev, search }));
}

export function rememberSelection(traceId: string, spanId: string | null): void {
  interactionStore(traceId).set((prev) =>
    prev.lastSpanId === spanId ? prev : { ...prev, lastSpanId: spanId },
  );
}
