// The size a canvas view draws at: its container's CSS size and the device pixel ratio, kept
// current by a ResizeObserver. The ratio rides along because moving the window to another
// screen changes it without resizing anything, and the backing store must follow.
import { type RefObject, useEffect, useState } from 'react';
import { observeSize } from './observeSize.ts';

export interface ViewSize {
  width: number;
  height: number;
  dpr: number;
}

const currentDpr = () => window.devicePixelRatio || 1;

export function useViewSize(ref: RefObject<HTMLElement | null>): ViewSize {
  const [size, setSize] = useState<ViewSize>({ width: 0, height: 0, dpr: 1 });
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const update = (width: number, height: number) =>
      setSize((s) =>
        s.width === width && s.height === height && s.dpr === currentDpr()
          ? s
          : { width, height, dpr: currentDpr() },
      );
    const stopObserving = observeSize(element, update);
    // A screen with another pixel ratio: matchMedia fires once per change of ratio.
    let query = matchMedia(`(resolution: ${currentDpr()}dppx)`);
    const onRatio = () => {
      query.removeEventListener('change', onRatio);
      query = matchMedia(`(resolution: ${currentDpr()}dppx)`);
      query.addEventListener('change', onRatio);
      update(element.clientWidth, element.clientHeight);
    };
    query.addEventListener('change', onRatio);
    return () => {
      stopObserving();
      query.removeEventListener('change', onRatio);
    };
  }, [ref]);
  return size;
}
