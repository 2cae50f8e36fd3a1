// One requestAnimationFrame loop per canvas view: any number of redraw requests in a frame
// collapse into one draw, and each draw's JavaScript time is recorded for the benchmark.
import { useCallback, useEffect, useRef } from 'react';
import { recordFrame, viewDebug } from './debugHook.ts';

export function useFrameLoop(name: string, draw: () => void): () => void {
  const drawRef = useRef(draw);
  drawRef.current = draw;
  const pending = useRef(0);

  const requestDraw = useCallback(() => {
    if (pending.current !== 0) return;
    pending.current = requestAnimationFrame((stamp) => {
      pending.current = 0;
      const t0 = performance.now();
      drawRef.current();
      recordFrame(viewDebug(name), performance.now() - t0, stamp);
    });
  }, [name]);

  useEffect(
    () => () => {
      if (pending.current !== 0) cancelAnimationFrame(pending.current);
      pending.current = 0;
    },
    [],
  );
  return requestDraw;
}
