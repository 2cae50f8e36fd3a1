// DevTools-style keyboard zoom and pan: W/S zoom in/out, A/D pan left/right, smoothly for as
// long as the key is held (one animation loop, speed independent of key repeat rate).
import type { TimelineZoom } from './useTimelineZoom.ts';

const ZOOM_PER_SECOND = 6;
const PAN_FRACTION_PER_SECOND = 0.9;

export interface KeyPanZoom {
  /** True when the key is one of ours (the caller then prevents its default). */
  down(key: string): boolean;
  up(key: string): void;
  stop(): void;
}

export function createKeyPanZoom(
  zoom: () => TimelineZoom,
  anchor: () => number,
  timelineWidth: () => number,
): KeyPanZoom {
  const held = new Set<string>();
  let frame = 0;
  let last = 0;

  const tick = (stamp: number) => {
    const dt = Math.min(0.05, (stamp - (last || stamp)) / 1000);
    last = stamp;
    const z = zoom();
    if (held.has('w')) z.zoomBy(ZOOM_PER_SECOND ** dt, anchor());
    if (held.has('s')) z.zoomBy(ZOOM_PER_SECOND ** -dt, anchor());
    const pan = timelineWidth() * PAN_FRACTION_PER_SECOND * dt;
    if (held.has('a')) z.panByPx(pan);
    if (held.has('d')) z.panByPx(-pan);
    frame = held.size > 0 ? requestAnimationFrame(tick) : 0;
  };

  return {
    down(rawKey) {
      const key = rawKey.toLowerCase();
      if (key !== 'w' && key !== 'a' && key !== 's' && key !== 'd') return false;
      held.add(key);
      if (frame === 0) {
        last = 0;
        frame = requestAnimationFrame(tick);
      }
      return true;
    },
    up(rawKey) {
      held.delete(rawKey.toLowerCase());
    },
    stop() {
      held.clear();
      if (frame !== 0) cancelAnimationFrame(frame);
      frame = 0;
    },
  };
}
