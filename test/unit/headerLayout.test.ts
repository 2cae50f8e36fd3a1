// The trace header's layout: one line while the facts fit beside the name and buttons, first
// to the millisecond then to the second; then the facts on a line of their own, in the same
// order; then without their labels.
import { describe, expect, it } from 'vitest';
import { chooseHeaderLayout } from '../../src/renderer/src/app/useHeaderLayout.ts';

const facts = { long: 500, short: 470, terse: 380 };

describe('chooseHeaderLayout', () => {
  it('keeps one line, to the millisecond, while everything fits', () => {
    expect(chooseHeaderLayout({ width: 1000, firstLine: 500, facts, factsLine: 974 })).toEqual({
      stacked: false,
      shortTime: false,
      terse: false,
    });
  });

  it('gives the milliseconds up before a second line', () => {
    expect(chooseHeaderLayout({ width: 980, firstLine: 500, facts, factsLine: 954 })).toEqual({
      stacked: false,
      shortTime: true,
      terse: false,
    });
  });

  it('stacks to the millisecond when the facts fit their own line', () => {
    expect(chooseHeaderLayout({ width: 700, firstLine: 400, facts, factsLine: 674 })).toEqual({
      stacked: true,
      shortTime: false,
      terse: false,
    });
  });

  it('stacks to the second, from the edge, when only that fits (1024 px, list and inspector open)', () => {
    expect(chooseHeaderLayout({ width: 498, firstLine: 400, facts, factsLine: 472 })).toEqual({
      stacked: true,
      shortTime: true,
      terse: false,
    });
  });

  it('gives the labels up last (a big run at 1024 px), even if the terse facts still wrap', () => {
    expect(chooseHeaderLayout({ width: 460, firstLine: 400, facts, factsLine: 434 })).toEqual({
      stacked: true,
      shortTime: true,
      terse: true,
    });
    expect(chooseHeaderLayout({ width: 300, firstLine: 200, facts, factsLine: 274 }).terse).toBe(true);
  });

  it('allows half a pixel of rounding', () => {
    expect(chooseHeaderLayout({ width: 999.6, firstLine: 500, facts, factsLine: 0 }).stacked).toBe(false);
  });
});
