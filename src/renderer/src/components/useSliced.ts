// A value computed in slices (lib/slicedTask) from an input, for views whose derived data takes
// too long at 100,000 spans to compute during a render. The first slice runs before the browser
// paints, so a small input shows its result in the same frame, as a plain useMemo would; a large
// one keeps the previous result on screen (marked pending) until the new one is ready. A new
// input cancels the computation for the old one at its next pause, so dragging or switching
// never queues stale work.
import { useLayoutEffect, useState } from 'react';
import { runSlice, runSliced, type Sliceable } from '../lib/slicedTask.ts';

export interface Sliced<I, T> {
  /** The latest finished result and the input it was computed from (null before the first). */
  done: { input: I; value: T } | null;
  /** A computation for the current input is still running. */
  pending: boolean;
}

/**
 * `input` must keep its identity while nothing changes (memoise it); `compute` should be a
 * module-level function. Errors surface to the nearest error boundary, as a render error would.
 */
export function useSliced<I, T>(input: I, compute: (input: I) => Sliceable<T>): Sliced<I, T> {
  const [done, setDone] = useState<Sliced<I, T>['done']>(null);
  useLayoutEffect(() => {
    const task = compute(input);
    // A state update in a layout effect is rendered before the paint: no empty frame.
    const first = runSlice(task);
    if (first) {
      setDone({ input, value: first.value });
      return;
    }
    const controller = new AbortController();
    runSliced(task, { signal: controller.signal }).then(
      (value) => {
        if (!controller.signal.aborted) setDone({ input, value });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setDone(() => {
          throw error;
        });
      },
    );
    return () => controller.abort();
  }, [input, compute]);
  return { done, pending: done === null || done.input !== input };
}
