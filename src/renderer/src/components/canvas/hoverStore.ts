// What the pointer is over, outside React state: the canvas updates it on every mouse move and
// only the tooltip (a small component subscribed to it) re-renders.
import type { SpanNode } from '../../model/traceTree.ts';

export interface Hover {
  node: SpanNode;
  /** Pointer position relative to the view's container, CSS px. */
  x: number;
  y: number;
  /** Container size, so the card can flip away from the edges. */
  boundsW: number;
  boundsH: number;
}

export interface HoverStore {
  get(): Hover | null;
  set(hover: Hover | null): void;
  subscribe(listener: () => void): () => void;
}

export function createHoverStore(): HoverStore {
  let current: Hover | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    set(hover) {
      if (
        hover === current ||
        (hover && current && hover.node === current.node && hover.x === current.x && hover.y === current.y)
      )
        return;
      current = hover;
      for (const l of listeners) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
