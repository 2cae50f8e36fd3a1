// A value computed in slices (lib/slicedTask) from an input, for views whose derived data takes
// too long at 100,000 spans to compute during a render. The first slice runs before the browser
// paints, so a small input shows its result in the same frame, as a plain useMemo would; a large
// one keeps the previous result on screen (marked pending) until the new one is ready.
//
// A new input either cancels the computation for the old one at its next pause (the default:
// dragging or switching never queues stale work), or, with `cancelStale: false`, lets it finish
// and then computes the newest input: for inputs that change every frame (the overview during
// playback, or while live spans stream into a large trace), where cancelling would never let a
// result through. Such a view can also ask to rest between computations (`restFactor`): after one
// that took t ms over several slices, the next waits restFactor × t, so a scan of a million rows
// redone for every change cannot take more than its share of the main thread.
import { useLayoutEffect, useRef, useState } from 'react';
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
export function useSliced<I, T>(
  input: I,
  compute: (input: I) => Sliceable<T>,
  options: { cancelStale?: boolean; restFactor?: number } = {},
): Sliced<I, T> {
  const cancelStale = options.cancelStale ?? true;
  const restFactor = cancelStale ? 0 : (options.restFactor ?? 0);
  const [done, setDone] = useState<Sliced<I, T>['done']>(null);
  const latest = useRef(input);
  latest.current = input;
  const busy = useRef(false);
  const alive = useRef(new AbortController());
  useLayoutEffect(() => {
    const unmounted = new AbortController();
    alive.current = unmounted;
    return () => unmounted.abort();
  }, []);
  useLayoutEffect(() => {
    // Not cancelling: the computation under way picks the newest input up when it ends.
    if (!cancelStale && busy.current) return;
    const controller = new AbortController();
    const signal = cancelStale ? controller.signal : alive.current.signal;
    const run = (from: I) => {
      const task = compute(from);
      const first = runSlice(task);
      if (first) {
        setDone({ input: from, value: first.value });
        return;
      }
      busy.current = true;
      const started = performance.now();
      runSliced(task, { signal }).then(
        (value) => {
          if (signal.aborted) {
            busy.current = false;
            return;
          }
          setDone({ input: from, value });
          const next = () => {
            busy.current = false;
            if (!cancelStale && !signal.aborted && latest.current !== from) run(latest.current);
          };
          if (restFactor > 0) setTimeout(next, restFactor * (performance.now() - started));
          else next();
        },
        (error: unknown) => {
          busy.current = false;
          if (signal.aborted) return;
          setDone(() => {
            throw error;
          });
        },
      );
    };
    run(input);
    return cancelStale ? () => controller.abort() : undefined;
  }, [input, compute, cancelStale, restFactor]);
  return { done, pending: done === null || done.input !== input };
}
