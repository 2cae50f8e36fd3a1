// d3-zoom on the tree graph's canvas: wheel zooms, drag pans. The transform lives on the canvas
// element (d3's __zoom), never in React state; each change asks for a redraw.
import { type RefObject, useCallback, useEffect, useMemo, useRef } from 'react';
import { select, zoom as d3zoom, zoomIdentity, zoomTransform } from 'd3';
import type { ZoomBehavior, ZoomTransform } from 'd3';

export interface GraphZoom {
  current(): ZoomTransform;
  apply(t: ZoomTransform, animate: boolean): void;
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
      .scaleExtent([0.02, 2.5])
      .clickDistance(4)
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
  return useMemo(() => ({ current, apply }), [current, apply]);
}
