// The wheel rules the waterfall and the tree graph share (lib/wheelNavigation.ts).
import { describe, expect, it } from 'vitest';
import {
  wheelPan,
  wheelZoomDelta,
  wheelZooms,
  zoomAround,
} from '../../src/renderer/src/lib/wheelNavigation.ts';

const wheel = (over: Partial<WheelEvent>) => ({
  deltaX: 0,
  deltaY: 0,
  deltaMode: 0,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  ...over,
});

describe('wheel navigation', () => {
  it('zooms with Ctrl/⌘ (and a pinch) in both modes, with the plain vertical wheel only in zoom mode', () => {
    expect(wheelZooms(wheel({ deltaY: 10, ctrlKey: true }), 'scroll')).toBe(true);
    expect(wheelZooms(wheel({ deltaY: 10, metaKey: true }), 'scroll')).toBe(true);
    expect(wheelZooms(wheel({ deltaY: 10 }), 'scroll')).toBe(false);
    expect(wheelZooms(wheel({ deltaY: 10 }), 'zoom')).toBe(true);
    expect(wheelZooms(wheel({ deltaY: 10, shiftKey: true }), 'zoom')).toBe(false);
    expect(wheelZooms(wheel({ deltaX: 20, deltaY: 10 }), 'zoom')).toBe(false);
  });

  it('steps a pinch ten times a plain wheel, but a Ctrl+mouse notch like a plain one', () => {
    expect(wheelZoomDelta(wheel({ deltaY: -100 }))).toBeCloseTo(0.2);
    expect(wheelZoomDelta(wheel({ deltaY: -100, ctrlKey: true }))).toBeCloseTo(0.2);
    expect(wheelZoomDelta(wheel({ deltaY: -5, ctrlKey: true }))).toBeCloseTo(0.1);
    expect(wheelZoomDelta(wheel({ deltaY: 3, deltaMode: 1 }))).toBeCloseTo(-0.15);
  });

  it('pans both ways in scroll mode, Shift turning the wheel sideways', () => {
    expect(wheelPan(wheel({ deltaY: 30, deltaX: 5 }), 'scroll', 20, 500)).toEqual({ dx: 5, dy: 30 });
    expect(wheelPan(wheel({ deltaY: 30, shiftKey: true }), 'scroll', 20, 500)).toEqual({ dx: 30, dy: 0 });
    expect(wheelPan(wheel({ deltaY: 30, ctrlKey: true }), 'scroll', 20, 500)).toEqual({ dx: 0, dy: 0 });
  });

  it('in zoom mode moves down with Shift and sideways with a sideways swipe only', () => {
    expect(wheelPan(wheel({ deltaY: 30, shiftKey: true }), 'zoom', 20, 500)).toEqual({ dx: 0, dy: 30 });
    expect(wheelPan(wheel({ deltaX: 40, deltaY: 3 }), 'zoom', 20, 500)).toEqual({ dx: 40, dy: 0 });
    expect(wheelPan(wheel({ deltaY: 30 }), 'zoom', 20, 500)).toEqual({ dx: 0, dy: 0 });
  });

  it('turns line and page deltas into pixels', () => {
    expect(wheelPan(wheel({ deltaY: 2, deltaMode: 1 }), 'scroll', 20, 500).dy).toBe(40);
    expect(wheelPan(wheel({ deltaY: 1, deltaMode: 2 }), 'scroll', 20, 500).dy).toBe(500);
  });

  it('zooms around the anchor: the point under it stays put, the scale clamped', () => {
    const k = 2;
    const offset = 100;
    const anchor = 340;
    const content = (anchor - offset) / k;
    const next = zoomAround(k, offset, 1.5, anchor, 0.5, 10);
    expect(next.k).toBe(3);
    expect(next.offset + content * next.k).toBeCloseTo(anchor);
    const clamped = zoomAround(k, offset, 100, anchor, 0.5, 10);
    expect(clamped.k).toBe(10);
    expect(clamped.offset + content * clamped.k).toBeCloseTo(anchor);
    expect(zoomAround(k, offset, 0.01, anchor, 0.5, 10).k).toBe(0.5);
  });
});
