// Whether the pinned card already sits where scrollToIndex would put it, judged from the
// virtualizer's own figures (its measurements, last scroll offset and viewport height) without
// touching the DOM. Asking scrollToIndex each time the list's height changes reads the
// scroller's scrollHeight, which forces a layout in the middle of the open; while payloads
// arrive that happened on every height change, although the virtualizer's own scroll
// adjustments had usually kept the card in place already. Pure.

export interface PinnedCard {
  /** Card's top and bottom in the list, px. */
  start: number;
  end: number;
  align: 'start' | 'auto';
}

export interface Viewport {
  /** The list's scroll offset and visible height, px. */
  offset: number;
  height: number;
  /** The list's full height, px: at the end a card cannot be scrolled to the top. */
  total: number;
}

/** Below a pixel the card is in place (sizes are rounded; offsets may not be). */
const SLACK_PX = 1;

export function pinnedCardInPlace(card: PinnedCard, view: Viewport): boolean {
  if (view.height <= 0) return false;
  if (card.align === 'auto')
    return card.start >= view.offset - SLACK_PX && card.end <= view.offset + view.height + SLACK_PX;
  if (Math.abs(card.start - view.offset) <= SLACK_PX) return true;
  // Near the end of the list the top of the card is as high as the list can scroll it.
  const maxOffset = Math.max(0, view.total - view.height);
  return card.start > view.offset && Math.abs(view.offset - maxOffset) <= SLACK_PX;
}
