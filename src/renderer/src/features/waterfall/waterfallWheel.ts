// How the waterfall reads the wheel, pure. d3-zoom takes the zooming wheel events (see
// `zoomTakes`); the rest scroll rows or pan time (`wheelMove`). Which wheel zooms and how far
// the rest move is shared with the tree graph (lib/wheelNavigation.ts); the waterfall adds its
// label column (the wheel only scrolls there) and the ruler (presses on it are the view's).
import { ROW_HEIGHT } from './waterfallGeometry.ts';
import { type WheelLike, type WheelMode, wheelPan, wheelZooms } from '../../lib/wheelNavigation.ts';

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
    return wheelZooms(event, mode);
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
 * The wheel events d3-zoom does not take: over the labels the wheel scrolls rows; over the
 * timeline, vertical movement scrolls rows and horizontal movement pans time (wheelPan).
 */
export function wheelMove(
  e: WheelLike,
  overLabels: boolean,
  mode: WheelMode,
  pageHeightPx: number,
): WheelMove {
  if (e.ctrlKey || e.metaKey) return { scrollPx: 0, panPx: 0 }; // d3-zoom zooms over the timeline; nothing over the labels.
  if (overLabels) {
    const unit = e.deltaMode === 1 ? ROW_HEIGHT : e.deltaMode === 2 ? pageHeightPx : 1;
    return { scrollPx: (e.deltaY || e.deltaX) * unit, panPx: 0 };
  }
  const { dx, dy } = wheelPan(e, mode, ROW_HEIGHT, pageHeightPx);
  return { scrollPx: dy, panPx: dx };
}
