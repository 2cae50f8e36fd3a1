// The width of an element, kept current as it resizes (the list tables choose their columns by it).
import { type RefObject, useLayoutEffect, useState } from 'react';
import { observeSize } from './canvas/observeSize.ts';

export function useElementWidth(ref: RefObject<HTMLElement | null>, initial = 800): number {
  const [width, setWidth] = useState(initial);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.clientWidth);
    return observeSize(element, (observed) => setWidth(observed));
  }, [ref]);
  return width;
}
