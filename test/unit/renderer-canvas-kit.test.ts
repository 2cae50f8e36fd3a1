import { describe, expect, it } from 'vitest';
import {
  EDGE_MARGIN,
  POINTER_GAP_X,
  POINTER_GAP_Y,
  tooltipPlacement,
} from '../../src/renderer/src/components/canvas/tooltipPlacement.ts';
import {
  firstHit,
  insideRect,
  localPoint,
  withinSpan,
} from '../../src/renderer/src/components/canvas/hitTest.ts';

const view = { boundsW: 800, boundsH: 600 };
const card = { boxW: 200, boxH: 100 };

describe('tooltipPlacement', () => {
  it('puts the card below and right of the pointer when it fits', () => {
    expect(tooltipPlacement({ ...view, ...card, pointerX: 100, pointerY: 100 })).toEqual({
      left: 100 + POINTER_GAP_X,
      top: 100 + POINTER_GAP_Y,
    });
  });

  it('flips to the left and above near the right and bottom edges', () => {
    const { left, top } = tooltipPlacement({ ...view, ...card, pointerX: 700, pointerY: 550 });
    expect(left).toBe(700 - POINTER_GAP_X - card.boxW);
    expect(top).toBe(550 - POINTER_GAP_Y - card.boxH);
  });

  it('flips only when the card would cross the edge, not at a fixed share of the width', () => {
    // 560 + 14 + 200 = 774 still fits in 800 - 4.
    expect(tooltipPlacement({ ...view, ...card, pointerX: 560, pointerY: 10 }).left).toBe(
      560 + POINTER_GAP_X,
    );
    expect(tooltipPlacement({ ...view, ...card, pointerX: 600, pointerY: 10 }).left).toBe(
      600 - POINTER_GAP_X - card.boxW,
    );
  });

  it('keeps a margin from the edge: a card that would touch it flips', () => {
    // 584 + 14 + 200 = 798: inside the view, but within the 4 px margin.
    expect(tooltipPlacement({ ...view, ...card, pointerX: 584, pointerY: 10 }).left).toBe(
      584 - POINTER_GAP_X - card.boxW,
    );
    expect(tooltipPlacement({ ...view, ...card, pointerX: 582, pointerY: 10 }).left).toBe(
      582 + POINTER_GAP_X,
    );
  });

  it('keeps a card that fits on neither side inside the view', () => {
    const narrow = { boundsW: 300, boundsH: 150 };
    const { left, top } = tooltipPlacement({ ...narrow, ...card, pointerX: 150, pointerY: 75 });
    expect(left).toBeGreaterThanOrEqual(EDGE_MARGIN);
    expect(left + card.boxW).toBeLessThanOrEqual(narrow.boundsW - EDGE_MARGIN);
    expect(top).toBeGreaterThanOrEqual(EDGE_MARGIN);
    expect(top + card.boxH).toBeLessThanOrEqual(narrow.boundsH - EDGE_MARGIN);
  });

  it('shows the start of a card larger than the view', () => {
    const tiny = { boundsW: 120, boundsH: 60 };
    expect(tooltipPlacement({ ...tiny, ...card, pointerX: 60, pointerY: 30 })).toEqual({
      left: EDGE_MARGIN,
      top: EDGE_MARGIN,
    });
  });

  it('never leaves the view wherever the pointer is', () => {
    for (let x = 0; x <= view.boundsW; x += 37) {
      for (let y = 0; y <= view.boundsH; y += 41) {
        const { left, top } = tooltipPlacement({ ...view, ...card, pointerX: x, pointerY: y });
        expect(left).toBeGreaterThanOrEqual(EDGE_MARGIN);
        expect(left + card.boxW).toBeLessThanOrEqual(view.boundsW - EDGE_MARGIN);
        expect(top).toBeGreaterThanOrEqual(EDGE_MARGIN);
        expect(top + card.boxH).toBeLessThanOrEqual(view.boundsH - EDGE_MARGIN);
      }
    }
  });
});

describe('hit testing', () => {
  it('withinSpan includes both ends and grows by the slop', () => {
    expect(withinSpan(10, 10, 20)).toBe(true);
    expect(withinSpan(20, 10, 20)).toBe(true);
    expect(withinSpan(9, 10, 20)).toBe(false);
    expect(withinSpan(7, 10, 20, 3)).toBe(true);
    expect(withinSpan(23.5, 10, 20, 3)).toBe(false);
  });

  it('insideRect checks both axes', () => {
    const r = { x: 10, y: 20, width: 30, height: 10 };
    expect(insideRect(25, 25, r)).toBe(true);
    expect(insideRect(25, 31, r)).toBe(false);
    expect(insideRect(41, 25, r)).toBe(false);
    expect(insideRect(41, 31, r, 1)).toBe(true);
  });

  it('firstHit finds the first mark under the point and skips marks without a rect', () => {
    const marks = [
      { x: 0, y: 0, width: 10, height: 10 },
      null,
      { x: 5, y: 5, width: 10, height: 10 },
      { x: 50, y: 50, width: 10, height: 10 },
    ];
    const rectOf = (m: (typeof marks)[number]) => m;
    expect(firstHit(marks, rectOf, 7, 7)).toBe(0);
    expect(firstHit(marks, rectOf, 12, 12)).toBe(2);
    expect(firstHit(marks, rectOf, 55, 55)).toBe(3);
    expect(firstHit(marks, rectOf, 30, 30)).toBe(-1);
    expect(firstHit(marks, rectOf, 61.5, 55, 2)).toBe(3);
  });

  it('localPoint is relative to the box', () => {
    expect(localPoint({ clientX: 130, clientY: 75 }, { left: 100, top: 50 })).toEqual({ x: 30, y: 25 });
  });
});
