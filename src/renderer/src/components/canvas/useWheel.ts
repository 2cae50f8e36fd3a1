// A wheel listener on a canvas that may cancel the page's scroll and the browser's Ctrl+wheel
// zoom: React's onWheel is passive, so preventDefault there is ignored.
import { type RefObject, useEffect, useRef } from 'react';

export function useWheel(ref: RefObject<HTMLElement | null>, onWheel: (event: WheelEvent) => void): void {
  const handler = useRef(onWheel);
  handler.current = onWheel;
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const listener = (event: WheelEvent) => handler.current(event);
    element.addEventListener('wheel', listener, { passive: false });
    return () => element.removeEventListener('wheel', listener);
  }, [ref]);
}
