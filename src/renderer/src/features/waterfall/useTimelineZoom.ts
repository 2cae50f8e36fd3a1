// d3-zoom owns the timeline's transform (k, x): wheel and pinch zoom around the cursor, drag
// pans. The transform lives on the canvas element (d3's __zoom), never in React state; each
// change asks for a redraw, and `onSettle` hears the window once a gesture ends.
import { useEffect, useMemo, useRef } from 'react';
import { select, zoom, zoomIdentity, zoomTransform } from 'd3';
import type { ZoomBehavior, D3ZoomEvent } from 'd3';
import type { TimeScale } from '../../lib/timeScale.ts';
import { transformForWindow, windowFromTransform } from '../../lib/timeScale.ts';
import { wheelZoomDelta, zoomAround } from '../../lib/wheelNavigation.ts';

/** The window kept inside the trace: x between right·(1-k) and left·(1-k). */
function keepInTrace(x: number, k: number, left: number, right: number): number {
  return Math.min(left * (1 - k), Math.max(right * (1 - k), x));
}

/** The narrowest window the timeline zooms to: 1 µs across the whole width. */
const MIN_WINDOW_MS = 0.001;

export interface TimelineAxis {
  totalMs: number;
  left: number;
  right: number;
  /** Pointer filter: which events d3-zoom may take (the rest are the view's own). */
  accepts: (event: MouseEvent | WheelEvent | TouchEvent) => boolean;
}

export interface TimelineZoom {
  scale(): TimeScale;
  setWindow(startMs: number, endMs: number, animate?: boolean): void;
  zoomBy(factor: number, anchorPx: number): void;
  panByPx(dx: number): void;
}

export function useTimelineZoom(
  target: { current: HTMLCanvasElement | null },
  axis: TimelineAxis,
  onChange: (event: D3ZoomEvent<HTMLCanvasElement, unknown>) => void,
  onSettle: (window: TimeScale) => void,
): TimelineZoom {
  const axisRef = useRef(axis);
  const handlers = useRef({ onChange, onSettle });
  handlers.current = { onChange, onSettle };
  const behaviour = useRef<ZoomBehavior<HTMLCanvasElement, unknown> | null>(null);

  const api = useMemo<TimelineZoom>(() => {
    const current = () => {
      const a = axisRef.current;
      const t = target.current ? zoomTransform(target.current) : zoomIdentity;
      return windowFromTransform(a.totalMs, a.left, a.right, t.k, t.x);
    };
    const apply = (k: number, x: number, animate: boolean) => {
      const el = target.current;
      const z = behaviour.current;
      if (!el || !z) return;
      const t = zoomIdentity.translate(x, 0).scale(k);
      if (animate) select(el).transition().duration(220).call(z.transform, t);
      else select(el).call(z.transform, t);
    };
    return {
      scale: current,
      setWindow(startMs, endMs, animate = false) {
        const a = axisRef.current;
        const { k, x } = transformForWindow(a.totalMs, a.left, a.right, startMs, endMs);
        apply(k, x, animate);
      },
      zoomBy(factor, anchorPx) {
        const el = target.current;
        if (!el || !behaviour.current) return;
        const t = zoomTransform(el);
        const [minK, maxK] = behaviour.current.scaleExtent();
        const next = zoomAround(t.k, t.x, factor, anchorPx, minK, maxK);
        const a = axisRef.current;
        apply(next.k, keepInTrace(next.offset, next.k, a.left, a.right), false);
      },
      panByPx(dx) {
        const el = target.current;
        if (!el || !behaviour.current) return;
        const t = zoomTransform(el);
        apply(t.k, t.x + dx, false);
      },
    };
  }, [target]);

  useEffect(() => {
    const el = target.current;
    if (!el) return;
    const z = zoom<HTMLCanvasElement, unknown>()
      .scaleExtent([1, Math.max(1, axisRef.current.totalMs / MIN_WINDOW_MS)])
      .clickDistance(4)
      .wheelDelta(wheelZoomDelta)
      .filter((event: MouseEvent | WheelEvent | TouchEvent) => axisRef.current.accepts(event))
      .constrain((t) => {
        const { left, right } = axisRef.current;
        const x = keepInTrace(t.x, t.k, left, right);
        return x === t.x && t.y === 0 ? t : zoomIdentity.translate(x, 0).scale(t.k);
      })
      .on('zoom', (event: D3ZoomEvent<HTMLCanvasElement, unknown>) => handlers.current.onChange(event))
      .on('end', () => handlers.current.onSettle(api.scale()));
    behaviour.current = z;
    select(el).call(z).on('dblclick.zoom', null);
    return () => {
      select(el).on('.zoom', null);
      behaviour.current = null;
    };
  }, [target, api]);

  // A new trace length or timeline width keeps the window the user was looking at.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new length or width moves the window; axisRef keeps the rest of the axis current.
  useEffect(() => {
    const previous = axisRef.current;
    const el = target.current;
    const t = el ? zoomTransform(el) : zoomIdentity;
    const wasFull = t.k <= 1.0001;
    const view = windowFromTransform(previous.totalMs, previous.left, previous.right, t.k, t.x);
    axisRef.current = axis;
    behaviour.current?.scaleExtent([1, Math.max(1, axis.totalMs / MIN_WINDOW_MS)]);
    if (!el || !behaviour.current) return;
    if (wasFull) select(el).call(behaviour.current.transform, zoomIdentity);
    else {
      const start = Math.max(0, view.startMs);
      const end = Math.min(axis.totalMs, view.endMs);
      const next = transformForWindow(
        axis.totalMs,
        axis.left,
        axis.right,
        start,
        Math.max(end, start + MIN_WINDOW_MS),
      );
      select(el).call(behaviour.current.transform, zoomIdentity.translate(next.x, 0).scale(next.k));
    }
  }, [axis.totalMs, axis.left, axis.right, target]);
  axisRef.current = { ...axisRef.current, accepts: axis.accepts };

  return api;
}
