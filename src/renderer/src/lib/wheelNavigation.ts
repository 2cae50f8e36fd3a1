// How the canvas views read the wheel, pure: which wheel events zoom, how far a zooming wheel
// zooms, how far the others move the content, and zooming around a point. As in Chrome
// DevTools' modern navigation ('scroll': the wheel or two fingers scroll and pan, Ctrl/⌘+wheel
// or a pinch zooms) or the classic mode from Settings ('zoom': the wheel zooms at the pointer,
// Shift+wheel scrolls, a sideways swipe pans). The waterfall and the tree graph both use it.

export type WheelMode = 'scroll' | 'zoom';

export type WheelLike = Pick<
  WheelEvent,
  'deltaX' | 'deltaY' | 'deltaMode' | 'shiftKey' | 'ctrlKey' | 'metaKey'
>;

/** True when the wheel event zooms (the rest scroll or pan, see `wheelPan`). */
export function wheelZooms(e: Partial<WheelLike>, mode: WheelMode): boolean {
  // Ctrl/⌘+wheel (and a trackpad pinch, which arrives as a ctrlKey wheel) always zooms.
  if (e.ctrlKey || e.metaKey) return true;
  if (mode === 'scroll') return false;
  return !e.shiftKey && Math.abs(e.deltaX ?? 0) <= Math.abs(e.deltaY ?? 0);
}

/**
 * The zoom step of a zooming wheel event, in powers of two (d3-zoom's wheelDelta): d3's own,
 * except for Ctrl+wheel, which d3 multiplies by 10 because a trackpad pinch arrives as small
 * ctrlKey deltas, but a mouse notch with Ctrl held (~100 px) would then zoom 4× at once. Large
 * deltas are notches, so they keep the plain step.
 */
export function wheelZoomDelta(e: WheelLike): number {
  const unit = e.deltaMode === 1 ? 0.05 : e.deltaMode ? 1 : 0.002;
  const pinch = e.ctrlKey && e.deltaMode === 0 && Math.abs(e.deltaY) < 50;
  return -e.deltaY * unit * (pinch ? 10 : 1);
}

/** How far a wheel event that does not zoom moves the content, in CSS px (positive: later / further down). */
export interface WheelPan {
  dx: number;
  dy: number;
}

/**
 * The movement of a wheel event that does not zoom (none for one that does). 'scroll' mode
 * moves both ways at once (a trackpad sends both), Shift turning the wheel sideways; 'zoom'
 * mode moves down with Shift+wheel and sideways with a sideways swipe. Line and page deltas
 * become pixels by the view's line and page heights.
 */
export function wheelPan(
  e: WheelLike,
  mode: WheelMode,
  lineHeightPx: number,
  pageHeightPx: number,
): WheelPan {
  const unit = e.deltaMode === 1 ? lineHeightPx : e.deltaMode === 2 ? pageHeightPx : 1;
  if (wheelZooms(e, mode)) return { dx: 0, dy: 0 };
  if (mode === 'scroll') {
    const dx = e.shiftKey ? e.deltaX || e.deltaY : e.deltaX;
    const dy = e.shiftKey ? 0 : e.deltaY;
    return { dx: dx * unit, dy: dy * unit };
  }
  if (e.shiftKey) return { dx: 0, dy: (e.deltaY || e.deltaX) * unit };
  return { dx: e.deltaX * unit, dy: 0 };
}

/**
 * Zoom by `factor` around `anchor` on one axis (screen = offset + k · content): the point under
 * the anchor stays put, the scale clamped to [minK, maxK]. Apply it to x and y alike for 2-D.
 */
export function zoomAround(
  k: number,
  offset: number,
  factor: number,
  anchor: number,
  minK: number,
  maxK: number,
): { k: number; offset: number } {
  const next = Math.min(maxK, Math.max(minK, k * factor));
  return { k: next, offset: anchor - ((anchor - offset) * next) / k };
}
