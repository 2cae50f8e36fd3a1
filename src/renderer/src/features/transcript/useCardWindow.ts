// The transcript's virtual list: which cards are in the DOM, where each sits, and where the list
// is scrolled. Cards have variable heights, known only once they render; until then an estimate
// stands in (lib/heightIndex.ts keeps the sums). Heights come from one ResizeObserver, which
// reports after the browser's own layout, so no card's size is ever read in the middle of a
// commit.
//
// Hand-written rather than @tanstack/react-virtual (used before), for a measured reason: opening
// the transcript of a 100,000-span trace (60,000 cards), its bookkeeping was about a third of the
// longest task (a measurement object per card rebuilt from the first changed card on, and a
// scrollHeight read, a forced layout, on every update). Here a height change costs one pass over
// a Float64Array and nothing reads the DOM's geometry.
//
// Two ways the list keeps the reader's place while cards change height:
// - pinned: a followed card (the selection) stays where it was put, 'start' at the top or 'auto'
//   anywhere in view, until the reader scrolls by hand (unpin);
// - otherwise, a card above the top edge that grows or shrinks moves the scroll offset by as
//   much, so what is on screen does not jump.
import {
  type RefObject,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
} from 'react';
import { flushSync } from 'react-dom';
import { observeSize } from '../../components/canvas/observeSize.ts';
import { HeightIndex } from '../../lib/heightIndex.ts';
import { type PinAlign, pinnedOffset } from './pinnedCard.ts';

export interface CardWindowOptions {
  count: number;
  /** A card's identity: a measured height stays with it when the list changes. Stable per list. */
  keyOf: (index: number) => string;
  /** The card to show and keep in place (-1: none): at the top the first time, then in view. */
  follow: number;
  /** A first guess at a card's height, px. */
  estimate: number;
  /** Cards rendered beyond each edge of the view. */
  overscan: number;
  scroller: RefObject<HTMLElement | null>;
}

export interface CardWindow {
  /** The cards to render, first to last (none when last < first). */
  first: number;
  last: number;
  /** A card's top in the list, px. */
  startOf: (index: number) => number;
  /** The list's height, px. */
  total: number;
  /** Ref for each card's slot, which carries data-index and data-key. */
  measure: (element: HTMLElement | null) => (() => void) | undefined;
  /** The reader took over: stop holding the followed card in place. */
  unpin: () => void;
  /** The scroller's onScroll. */
  onScroll: () => void;
}

interface Pin {
  index: number;
  align: PinAlign;
}

export function useCardWindow({
  count,
  keyOf,
  follow,
  estimate,
  overscan,
  scroller,
}: CardWindowOptions): CardWindow {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  // Heights measured so far, by card: a live trace's new list keeps them.
  const measured = useRef(new Map<string, number>());
  const heights = useMemo(() => {
    const index = new HeightIndex(count, estimate);
    if (measured.current.size > 0)
      for (let i = 0; i < count; i++) {
        const height = measured.current.get(keyOf(i));
        if (height !== undefined) index.set(i, height);
      }
    return index;
  }, [count, keyOf, estimate]);
  const heightsNow = useRef(heights);
  heightsNow.current = heights;

  // The scroll offset and viewport height last seen; a px adjustment owed to cards above the top.
  const view = useRef({ offset: 0, height: 0 });
  const owed = useRef(0);

  // The followed card: pinned when it changes (derived from props, so no extra commit).
  const [pin, setPin] = useState<Pin | null>(null);
  const [followed, setFollowed] = useState<number | null>(null);
  if (follow >= 0 && follow !== followed) {
    setFollowed(follow);
    setPin({ index: follow, align: followed === null ? 'start' : 'auto' });
  }
  const pinNow = useRef(pin);
  pinNow.current = pin;
  const unpin = useCallback(() => setPin(null), []);

  // Before its size is reported, a few cards too many rather than a blank view.
  const viewHeight = viewHeightOf(view.current);
  const offset =
    pin && pin.index < count
      ? pinnedOffset(pin, heights, view.current.offset, viewHeight)
      : Math.max(0, view.current.offset + owed.current);
  const range = visibleRange(heights, offset, viewHeight, overscan);
  const shown = useRef(range);
  shown.current = range;

  // Scroll to the offset this render was laid out for (a pin, or what cards above the top owed).
  useLayoutEffect(() => {
    owed.current = 0;
    const element = scroller.current;
    if (!element || Math.abs(offset - view.current.offset) < 0.5) return;
    element.scrollTop = offset;
    view.current.offset = element.scrollTop;
  });

  const observer = useMemo(
    () =>
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver((entries) => {
            const index = heightsNow.current;
            const top = index.indexAt(view.current.offset);
            let changed = false;
            for (const entry of entries) {
              const element = entry.target as HTMLElement;
              const card = Number(element.dataset.index);
              const height = Math.round(entry.borderBoxSize?.[0]?.blockSize ?? 0);
              // A card of an older list, or one hidden with its tab: nothing to learn.
              if (!(card < index.count) || height <= 0) continue;
              measured.current.set(element.dataset.key ?? '', height);
              const change = index.set(card, height);
              if (change === 0) continue;
              changed = true;
              if (card < top && !pinNow.current) owed.current += change;
            }
            // Laid out again before this frame paints: no frame shows cards overlapping or apart.
            if (changed) flushSync(rerender);
          }),
    [],
  );
  useEffect(() => () => observer?.disconnect(), [observer]);
  const measure = useCallback(
    (element: HTMLElement | null) => {
      if (!element || !observer) return undefined;
      observer.observe(element);
      return () => observer.unobserve(element);
    },
    [observer],
  );

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    return observeSize(element, (_width, height) => {
      if (height === view.current.height) return;
      view.current.height = height;
      rerender();
    });
  }, [scroller]);

  const onScroll = useCallback(() => {
    const element = scroller.current;
    // Nothing new when it is the offset this list just wrote.
    if (!element || element.scrollTop === view.current.offset) return;
    view.current.offset = element.scrollTop;
    const next = visibleRange(heightsNow.current, view.current.offset, viewHeightOf(view.current), overscan);
    // Re-rendered only when other cards come into range (or a pin must be held).
    if (pinNow.current || next.first !== shown.current.first || next.last !== shown.current.last) rerender();
  }, [scroller, overscan]);

  return {
    first: range.first,
    last: range.last,
    startOf: (index) => heights.start(index),
    total: heights.total(),
    measure,
    unpin,
    onScroll,
  };
}

/** Before the first report of its size the viewport is taken as the window's height. */
function viewHeightOf(view: { height: number }): number {
  return view.height || globalThis.innerHeight || 800;
}

function visibleRange(
  heights: HeightIndex,
  offset: number,
  viewHeight: number,
  overscan: number,
): { first: number; last: number } {
  if (heights.count === 0) return { first: 0, last: -1 };
  return {
    first: Math.max(0, heights.indexAt(offset) - overscan),
    last: Math.min(heights.count - 1, heights.indexAt(offset + viewHeight) + overscan),
  };
}
