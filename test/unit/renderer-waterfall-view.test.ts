import { describe, expect, it } from 'vitest';
import { buildTraceTree, visibleRows } from '../../src/renderer/src/model/traceTree.ts';
import {
  MIN_LABEL_WIDTH,
  MIN_TIMELINE_WIDTH,
  labelColumnWidth,
  scrollToReveal,
  spanWindow,
  windowFollowingPlayhead,
  windowLabel,
} from '../../src/renderer/src/features/waterfall/waterfallWindow.ts';
import { wheelMove, zoomTakes } from '../../src/renderer/src/features/waterfall/waterfallWheel.ts';
import { cursorFor, timeAtPx } from '../../src/renderer/src/features/waterfall/waterfallPointer.ts';
import {
  ROW_HEIGHT,
  RULER_HEIGHT,
  SCROLLBAR_WIDTH,
  hitTest,
  makeLayout,
  rowTextRight,
} from '../../src/renderer/src/features/waterfall/waterfallGeometry.ts';
import {
  besideMark,
  firstBesideMark,
  labelRight,
} from '../../src/renderer/src/features/waterfall/timelineLabels.ts';
import { makeSpan } from '../../bench/fixtures/spans.ts';

describe('waterfall window maths', () => {
  it('sizes the name column: a share of a narrow pane, or as dragged within limits', () => {
    expect(labelColumnWidth(1200, 0)).toBe(300);
    expect(labelColumnWidth(600, 0)).toBeCloseTo(216);
    expect(labelColumnWidth(300, 0)).toBe(170);
    expect(labelColumnWidth(1000, 50)).toBe(MIN_LABEL_WIDTH);
    expect(labelColumnWidth(1000, 950)).toBe(1000 - MIN_TIMELINE_WIDTH);
    expect(labelColumnWidth(1000, 400)).toBe(400);
  });

  it('frames a span with 8% room, inside the trace', () => {
    const [from, to] = spanWindow({ startTime: 1100, endTime: 1200 }, 1000, 0, 1000);
    expect(from).toBeCloseTo(92);
    expect(to).toBeCloseTo(208);
    expect(spanWindow({ startTime: 1000, endTime: 2000 }, 1000, 0, 1000)).toEqual([0, 1000]);
    // A running span (no end yet) ends at now.
    expect(spanWindow({ startTime: 1000, endTime: null }, 1000, 1500, 1000)[1]).toBeCloseTo(540);
  });

  it('moves the window only when the playhead has left it, playhead 15% in', () => {
    expect(windowFollowingPlayhead(50, [0, 100], 1000)).toBeNull();
    expect(windowFollowingPlayhead(500, [0, 1000], 1000)).toBeNull();
    expect(windowFollowingPlayhead(300, [0, 100], 1000)).toEqual([285, 385]);
    // Never past the end of the trace.
    expect(windowFollowingPlayhead(990, [0, 100], 1000)).toEqual([900, 1000]);
  });

  it('scrolls just enough to reveal a row', () => {
    const view = 10 * ROW_HEIGHT;
    expect(scrollToReveal(3, 0, view)).toBeNull();
    expect(scrollToReveal(2, 5 * ROW_HEIGHT, view)).toBe(ROW_HEIGHT);
    expect(scrollToReveal(20, 0, view)).toBe(20 * ROW_HEIGHT - view + 2 * ROW_HEIGHT);
  });

  it('reads the window in words', () => {
    expect(windowLabel([0, 0], 1000)).toMatch(/^All /);
    expect(windowLabel([0, 1000], 1000)).toMatch(/^All /);
    expect(windowLabel([100, 200], 1000)).toMatch(/ – .* of /);
  });
});

describe('waterfall wheel', () => {
  const wheel = (over: Partial<WheelEvent> & { offsetX?: number }) => ({
    type: 'wheel',
    offsetX: 500,
    offsetY: 100,
    deltaX: 0,
    deltaY: 0,
    deltaMode: 0,
    shiftKey: false,
    ctrlKey: false,
    metaKey: false,
    ...over,
  });

  it('lets d3-zoom take Ctrl/⌘+wheel over the timeline, and the plain wheel only in zoom mode', () => {
    expect(zoomTakes(wheel({ deltaY: 10, ctrlKey: true }), 300, RULER_HEIGHT, 'scroll')).toBe(true);
    expect(zoomTakes(wheel({ deltaY: 10, metaKey: true }), 300, RULER_HEIGHT, 'scroll')).toBe(true);
    expect(zoomTakes(wheel({ deltaY: 10 }), 300, RULER_HEIGHT, 'scroll')).toBe(false);
    expect(zoomTakes(wheel({ deltaY: 10 }), 300, RULER_HEIGHT, 'zoom')).toBe(true);
    expect(zoomTakes(wheel({ deltaY: 10, shiftKey: true }), 300, RULER_HEIGHT, 'zoom')).toBe(false);
    expect(zoomTakes(wheel({ deltaX: 20, deltaY: 10 }), 300, RULER_HEIGHT, 'zoom')).toBe(false);
    expect(zoomTakes(wheel({ deltaY: 10, ctrlKey: true, offsetX: 100 }), 300, RULER_HEIGHT, 'zoom')).toBe(
      false,
    );
  });

  it('leaves presses on the ruler and the labels to the view', () => {
    const press = (offsetX: number, offsetY: number, button = 0) => ({
      type: 'mousedown',
      offsetX,
      offsetY,
      button,
    });
    expect(zoomTakes(press(500, 100), 300, RULER_HEIGHT, 'scroll')).toBe(true);
    expect(zoomTakes(press(500, 10), 300, RULER_HEIGHT, 'scroll')).toBe(false);
    expect(zoomTakes(press(100, 100), 300, RULER_HEIGHT, 'scroll')).toBe(false);
    expect(zoomTakes(press(500, 100, 2), 300, RULER_HEIGHT, 'scroll')).toBe(false);
  });

  it('scrolls rows and pans time in scroll mode, Shift turning the wheel sideways', () => {
    expect(wheelMove(wheel({ deltaY: 30, deltaX: 5 }), false, 'scroll', 500)).toEqual({
      scrollPx: 30,
      panPx: 5,
    });
    expect(wheelMove(wheel({ deltaY: 30, shiftKey: true }), false, 'scroll', 500)).toEqual({
      scrollPx: 0,
      panPx: 30,
    });
  });

  it('scrolls rows over the labels, and with Shift or not at all in zoom mode', () => {
    expect(wheelMove(wheel({ deltaY: 30 }), true, 'zoom', 500)).toEqual({ scrollPx: 30, panPx: 0 });
    expect(wheelMove(wheel({ deltaY: 30, shiftKey: true }), false, 'zoom', 500)).toEqual({
      scrollPx: 30,
      panPx: 0,
    });
    expect(wheelMove(wheel({ deltaX: 40, deltaY: 3 }), false, 'zoom', 500)).toEqual({
      scrollPx: 0,
      panPx: 40,
    });
    expect(wheelMove(wheel({ deltaY: 30 }), false, 'zoom', 500)).toEqual({ scrollPx: 0, panPx: 0 });
    expect(wheelMove(wheel({ deltaY: 30, ctrlKey: true }), true, 'scroll', 500)).toEqual({
      scrollPx: 0,
      panPx: 0,
    });
  });

  it('turns line and page deltas into pixels', () => {
    expect(wheelMove(wheel({ deltaY: 2, deltaMode: 1 }), true, 'scroll', 500).scrollPx).toBe(2 * ROW_HEIGHT);
    expect(wheelMove(wheel({ deltaY: 1, deltaMode: 2 }), true, 'scroll', 500).scrollPx).toBe(500);
  });
});

describe('waterfall pointer', () => {
  const tree = buildTraceTree([
    makeSpan({ spanId: 'root', startTime: 0, endTime: 100 }),
    makeSpan({ spanId: 'child', parentSpanId: 'root', startTime: 10, endTime: 50 }),
  ]);
  const rows = visibleRows(tree, new Set());
  const layout = makeLayout(800, 400, 200);

  it('hits the ruler, the chevron, the label, the timeline, and nothing below the rows', () => {
    expect(hitTest(layout, rows, 0, 300, 5).kind).toBe('ruler');
    const rootY = RULER_HEIGHT + ROW_HEIGHT / 2;
    expect(hitTest(layout, rows, 0, 8, rootY).kind).toBe('chevron');
    expect(hitTest(layout, rows, 0, 120, rootY).kind).toBe('label');
    const onTimeline = hitTest(layout, rows, 0, 500, rootY + ROW_HEIGHT);
    expect(onTimeline).toMatchObject({ kind: 'timeline', row: 1 });
    expect(hitTest(layout, rows, 0, 500, RULER_HEIGHT + ROW_HEIGHT * 5).kind).toBe('none');
    // Scrolled by a row, the first row on screen is the child.
    expect(hitTest(layout, rows, ROW_HEIGHT, 120, rootY)).toMatchObject({ kind: 'label', row: 1 });
  });

  it('picks the cursor from what is under it', () => {
    const node = rows[0]!;
    expect(cursorFor({ kind: 'ruler' }, false, true)).toBe('ew-resize');
    expect(cursorFor({ kind: 'ruler' }, false, false)).toBe('grab');
    expect(cursorFor({ kind: 'chevron', row: 0, node }, false, false)).toBe('pointer');
    expect(cursorFor({ kind: 'timeline', row: 0, node }, true, false)).toBe('pointer');
    expect(cursorFor({ kind: 'timeline', row: 0, node }, false, false)).toBe('grab');
    expect(cursorFor({ kind: 'label', row: 0, node }, false, false)).toBe('default');
  });

  it('maps a timeline pixel to a time inside the trace', () => {
    const scale = { startMs: 100, pxPerMs: 2 };
    expect(timeAtPx(300, 200, scale, 1000, 1000)).toBe(1000 + 150);
    expect(timeAtPx(0, 200, scale, 1000, 1000)).toBe(1000 + 0);
    expect(timeAtPx(5000, 200, scale, 1000, 1000)).toBe(1000 + 1000);
  });
});

describe('timeline labels', () => {
  it('goes after the mark when it fits, before it when not, and nowhere when neither fits', () => {
    expect(besideMark(100, 200, 50, 6, 0, 400)).toEqual({ x: 206, align: 'left' });
    expect(besideMark(100, 380, 50, 6, 0, 400)).toEqual({ x: 94, align: 'right' });
    expect(besideMark(30, 380, 50, 6, 0, 400)).toBeNull();
    // Exactly at the edge still fits.
    expect(besideMark(100, 344, 50, 6, 0, 400)).toEqual({ x: 350, align: 'left' });
  });

  it("places the first of the labels offered that fits: a bar's name and duration, else its duration", () => {
    const width = (text: string) => text.length * 10;
    // A bar at 130-270 px of 400 has 124 px on either side: not room for 19 characters, nor 14.
    const place = (texts: string[], start = 130) => firstBesideMark(texts, width, start, 270, 6, 0, 400);
    expect(place(['search_docs  4.00ms', '4.00ms'])).toEqual({
      x: 276,
      align: 'left',
      text: '4.00ms',
      width: 60,
    });
    // From 150 px, the 14 characters fit before it.
    expect(place(['search  4.00ms', '4.00ms'], 150)).toEqual({
      x: 144,
      align: 'right',
      text: 'search  4.00ms',
      width: 140,
    });
    expect(place(['a much longer label', 'nor this fits it'])).toBeNull();
  });

  it('reports where the placed label ends', () => {
    expect(labelRight({ x: 206, align: 'left' }, 50)).toBe(256);
    expect(labelRight({ x: 94, align: 'right' }, 50)).toBe(94);
  });

  it('keeps row text left of the scrollbar over the canvas', () => {
    expect(rowTextRight(makeLayout(800, 400, 200))).toBe(800 - SCROLLBAR_WIDTH - 2);
  });
});
