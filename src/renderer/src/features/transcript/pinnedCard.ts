// Where the transcript's followed card is held while the cards around it load and change height,
// judged from the list's own figures (card offsets, scroll offset, viewport height) without
// reading the DOM: reading the scroller's geometry in the middle of an open forces a layout, and
// while payloads arrive that would happen on every height change. Pure.

/** Where a followed card is held: at the top of the view, or anywhere it shows whole. */
export type PinAlign = 'start' | 'auto';

export interface PinnedCard {
  /** Card's top and bottom in the list, px. */
  start: number;
  end: number;
  align: PinAlign;
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

/**
 * The scroll offset that holds a pinned card in place: the current one when it is in place,
 * else its top at the top ('start', or a card above the view or taller than it) or its bottom
 * at the bottom ('auto', a card below), within what the list can scroll.
 */
export function pinnedOffset(
  pin: { index: number; align: PinAlign },
  list: { start(index: number): number; end(index: number): number; total(): number },
  offset: number,
  height: number,
): number {
  const card = { start: list.start(pin.index), end: list.end(pin.index), align: pin.align };
  const total = list.total();
  if (pinnedCardInPlace(card, { offset, height, total })) return offset;
  const top =
    pin.align === 'start' || card.start < offset || card.end - card.start > height
      ? card.start
      : card.end - height;
  return Math.min(Math.max(0, top), Math.max(0, total - height));
}
