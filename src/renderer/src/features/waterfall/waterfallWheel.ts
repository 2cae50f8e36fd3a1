// How the waterfall reads the wheel, pure. d3-zoom takes the zooming wheel events (see
// `zoomTakes`); the rest scroll rows or pan time (`wheelMove`), as in Chrome DevTools'
// modern navigation, or the classic "wheel zooms" mode from Settings.
import { ROW_HEIGHT } from './waterfallGeometry.ts';

import type { WheelMode } from '../../state/preferences.ts';

type WheelLike = Pick<WheelEvent, 'deltaX' | 'deltaY' | 'deltaMode' | 'shiftKey' | 'ctrlKey' | 'metaKey'>;
type PointerLike = { type: string; offsetX: number; offsetY: number; button?: number };

/** Which pointer events d3-zoom may take; the rest are the view's own. */
export function zoomTakes(
  event: PointerLike & Partial<WheelLike>,
  labelWidth: number,
  rulerHeight: number,
  mode: WheelMode,
): boolean {
  if (event.type === 'wheel') {
    if (event.offsetX < labelWidth) return false;
    // Ctrl/⌘+wheel (and a trackpad pinch, which arrives as a ctrlKey wheel) always zooms.
    if (event.ctrlKey || event.metaKey) return true;
    if (mode === 'scroll') return false;
    return !event.shiftKey && Math.abs(event.deltaX ?? 0) <= Math.abs(event.deltaY ?? 0);
  }
  if (event.type === 'mousedown') {
    // A press on the ruler selects a time range (scrubs the playhead during playback).
    if (event.offsetY < rulerHeight) return false;
    return event.button === 0 && event.offsetX >= labelWidth;
  }
  return event.type.startsWith('touch');
}

/** Rows to scroll and pixels to pan (positive pans the window later in time), in CSS px. */
export interface WheelMove {
  scrollPx: number;
  panPx: number;
}

/**
 * The wheel events d3-zoom does not take: over the labels the wheel scrolls rows; in 'scroll'
 * mode it scrolls rows and pans time (a trackpad sends both at once), Shift turning the wheel
 * sideways; in 'zoom' mode Shift+wheel scrolls rows and a sideways swipe pans.
 */
export function wheelMove(
  e: WheelLike,
  overLabels: boolean,
  mode: WheelMode,
  pageHeightPx: number,
): WheelMove {
  const unit = e.deltaMode === 1 ? ROW_HEIGHT : e.deltaMode === 2 ? pageHeightPx : 1;
  const none = { scrollPx: 0, panPx: 0 };
  if (e.ctrlKey || e.metaKey) return none; // d3-zoom zooms over the timeline; nothing over the labels.
  if (overLabels) return { scrollPx: (e.deltaY || e.deltaX) * unit, panPx: 0 };
  if (mode === 'scroll') {
    const dx = e.shiftKey ? e.deltaX || e.deltaY : e.deltaX;
    const dy = e.shiftKey ? 0 : e.deltaY;
    return { scrollPx: dy * unit, panPx: dx * unit };
  }
  if (e.shiftKey) return { scrollPx: (e.deltaY || e.deltaX) * unit, panPx: 0 };
  if (Math.abs(e.deltaX) > Math.abs(e.deltaY)) return { scrollPx: 0, panPx: e.deltaX * unit };
  return none;
}
