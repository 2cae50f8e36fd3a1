// The transcript's pinned card: scrolled back into place only when it has moved, judged from the
// list's own figures, so opening does not read the scroller's layout on every height change.
import { describe, expect, it } from 'vitest';
import { pinnedCardInPlace, pinnedOffset } from '../../src/renderer/src/features/transcript/pinnedCard.ts';
import { HeightIndex } from '../../src/renderer/src/lib/heightIndex.ts';

const view = { offset: 5_000, height: 800, total: 100_000 };

describe('pinnedCardInPlace', () => {
  it('a card pinned at the top is in place while its top is at the scroll offset', () => {
    expect(pinnedCardInPlace({ start: 5_000, end: 5_200, align: 'start' }, view)).toBe(true);
    expect(pinnedCardInPlace({ start: 5_000.6, end: 5_200, align: 'start' }, view)).toBe(true);
  });

  it('a card pinned at the top has moved when cards above it changed height', () => {
    expect(pinnedCardInPlace({ start: 5_140, end: 5_340, align: 'start' }, view)).toBe(false);
    expect(pinnedCardInPlace({ start: 4_900, end: 5_100, align: 'start' }, view)).toBe(false);
  });

  it('near the end of the list, a card below the top is in place when the list is scrolled to its end', () => {
    const end = { offset: 99_200, height: 800, total: 100_000 };
    expect(pinnedCardInPlace({ start: 99_600, end: 99_800, align: 'start' }, end)).toBe(true);
    // Not at the end: the list can still scroll it to the top.
    expect(
      pinnedCardInPlace({ start: 99_600, end: 99_800, align: 'start' }, { ...end, total: 120_000 }),
    ).toBe(false);
  });

  it('a card followed from another view is in place while wholly on screen', () => {
    expect(pinnedCardInPlace({ start: 5_300, end: 5_600, align: 'auto' }, view)).toBe(true);
    expect(pinnedCardInPlace({ start: 5_600, end: 5_900, align: 'auto' }, view)).toBe(false);
    expect(pinnedCardInPlace({ start: 4_800, end: 5_100, align: 'auto' }, view)).toBe(false);
  });

  it('before the scroller has a size nothing is in place', () => {
    expect(
      pinnedCardInPlace({ start: 0, end: 100, align: 'start' }, { offset: 0, height: 0, total: 0 }),
    ).toBe(false);
  });
});

describe('pinnedOffset', () => {
  // 1,000 cards of 100 px: card i spans [100 i, 100 i + 100); a 450 px view.
  const list = new HeightIndex(1_000, 100);

  it('keeps the offset while the card is in place', () => {
    expect(pinnedOffset({ index: 50, align: 'start' }, list, 5_000, 450)).toBe(5_000);
    expect(pinnedOffset({ index: 52, align: 'auto' }, list, 5_000, 450)).toBe(5_000);
  });

  it("puts a 'start' card's top at the top, within what the list can scroll", () => {
    expect(pinnedOffset({ index: 50, align: 'start' }, list, 0, 450)).toBe(5_000);
    expect(pinnedOffset({ index: 999, align: 'start' }, list, 0, 450)).toBe(100_000 - 450);
  });

  it("scrolls an 'auto' card the least way into view", () => {
    // Below the view: its bottom at the bottom. Above: its top at the top.
    expect(pinnedOffset({ index: 60, align: 'auto' }, list, 5_000, 450)).toBe(6_100 - 450);
    expect(pinnedOffset({ index: 40, align: 'auto' }, list, 5_000, 450)).toBe(4_000);
  });

  it('follows the card when cards above it grow', () => {
    const growing = new HeightIndex(1_000, 100);
    growing.set(10, 400);
    expect(pinnedOffset({ index: 50, align: 'start' }, growing, 5_000, 450)).toBe(5_300);
  });

  it('shows a card taller than the view from its top', () => {
    const tall = new HeightIndex(100, 100);
    tall.set(20, 2_000);
    expect(pinnedOffset({ index: 20, align: 'auto' }, tall, 0, 450)).toBe(2_000);
  });
});
