// d3-zoom on the tree graph's canvas: drag pans (and a touch pinch zooms). The wheel is read by
// the view (treeGraphInput) through the same rules as the waterfall's (lib/wheelNavigation.ts):
// it zooms at the pointer (`zoomAt`) or pans (`panBy`) as the Settings' wheel mode says. The
// transform lives on the canvas element (d3's __zoom), never in React state; each change asks
// for a redraw.
import { type RefObject, useCallback, useEffect, useMemo, useRef } from 'react';
import { select, zoom as d3zoom, zoomIdentity, zoomTransform } from 'd3';
import type { ZoomBehavior, ZoomTransform } from 'd3';
import { zoomAround } from '../../lib/wheelNavigation.ts';

const SCALE_EXTENT: [number, number] = [0.02, 2.5];

export interface GraphZoom {
  current(): ZoomTransform;
  apply(t: ZoomTransform, animate: boolean): void;
  /** Zoom by `factor` keeping the point (px, py) of the canvas where it is. */
  zoomAt(factor: number, px: number, py: number): void;
  /** Move the view by (dx, dy) CSS px: positive shows what is right of and below it. */
  panBy(dx: number, dy: number): void;
}

export function useGraphZoom(
  canvasRef: RefObject<HTMLCanvasElement | null>,
  onChange: () => void,
): GraphZoom {
  const behaviour = useRef<ZoomBehavior<HTMLCanvasElement, unknown> | null>(null);
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const z = d3zoom<HTMLCanvasElement, unknown>()
      .scaleExtent(SCALE_EXTENT)
      .clickDistance(4)
      // d3's default filter, less the wheel: the view reads that itself.
      .filter(
        (event: MouseEvent | WheelEvent | TouchEvent) =>
          event.type !== 'wheel' && !event.ctrlKey && !(event as MouseEvent).button,
      )
      .on('zoom', onChange);
    behaviour.current = z;
    select(canvas).call(z).on('dblclick.zoom', null);
    return () => {
      select(canvas).on('.zoom', null);
      behaviour.current = null;
    };
  }, [canvasRef, onChange]);

  const current = useCallback(
    () => (canvasRef.current ? zoomTransform(canvasRef.current) : zoomIdentity),
    [canvasRef],
  );
  const apply = useCallback(
    (t: ZoomTransform, animate: boolean) => {
      const canvas = canvasRef.current;
      if (!canvas || !behaviour.current) return;
      if (animate) select(canvas).transition().duration(250).call(behaviour.current.transform, t);
      else select(canvas).call(behaviour.current.transform, t);
    },
    [canvasRef],
  );
  const zoomAt = useCallback(
    (factor: number, px: number, py: number) => {
      const t = current();
      const [minK, maxK] = SCALE_EXTENT;
      const x = zoomAround(t.k, t.x, factor, px, minK, maxK);
      const y = zoomAround(t.k, t.y, factor, py, minK, maxK);
      apply(zoomIdentity.translate(x.offset, y.offset).scale(x.k), false);
    },
    [current, apply],
  );
  const panBy = useCallback(
    (dx: number, dy: number) => {
      const t = current();
      apply(zoomIdentity.translate(t.x - dx, t.y - dy).scale(t.k), false);
    },
    [current, apply],
  );
  return useMemo(() => ({ current, apply, zoomAt, panBy }), [current, apply, zoomAt, panBy]);
}
