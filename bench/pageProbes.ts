// What the browser benches (render, bigTrace) read in the page: long tasks and rAF intervals from
// the first script on, the waterfall's paint mark, and the timing of opening a trace from the list.
import type { Page } from 'playwright-core';

/** Collects long tasks and samples rAF intervals from the first script on the page (addInitScript). */
export const PAGE_PROBES = (): void => {
  const w = window as unknown as {
    __longTasks: number[];
    __longTaskSpans: [number, number][];
    __raf: { on: boolean; stamps: number[] };
  };
  w.__longTasks = [];
  w.__longTaskSpans = [];
  w.__raf = { on: false, stamps: [] };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      w.__longTasks.push(entry.duration);
      w.__longTaskSpans.push([entry.startTime, entry.duration]);
    }
  }).observe({ type: 'longtask', buffered: true });
  const loop = (t: number) => {
    if (w.__raf.on) w.__raf.stamps.push(t);
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
};

/**
 * Waits for the waterfall's first frame of a trace of `spans` spans (its paint mark), after the
 * last `bench:select` mark when there is one (a trace opened again paints again).
 */
export async function waterfallPainted(page: Page, spans: number, timeoutMs: number): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const select = performance.getEntriesByName('bench:select').at(-1)?.startTime ?? 0;
      return performance
        .getEntriesByName('spyglass:waterfall-painted')
        .some((m) => (m as PerformanceMark).detail?.spans === n && m.startTime >= select);
    },
    spans,
    { timeout: timeoutMs, polling: 50 },
  );
}

export interface Opening {
  /** Click → first painted waterfall. */
  paintMs: number;
  /** Click → first byte and last byte of the skeleton answer. */
  firstByteMs: number;
  receivedMs: number;
  /** Long tasks from the click until a second after the first frame. */
  long: number[];
}

/**
 * Clicks `row` (a trace in the list) and times the opening, PAGE_PROBES installed: until the first
 * frame, then a second more, since work deferred past the first frame counts too.
 */
export async function openFromList(
  page: Page,
  row: ReturnType<Page['locator']>,
  traceId: string,
  spans: number,
  timeoutMs: number,
): Promise<Opening> {
  await page.evaluate(() => performance.mark('bench:select'));
  await row.click();
  await waterfallPainted(page, spans, timeoutMs);
  await page.waitForTimeout(1_000);
  return page.evaluate(
    ([n, id]) => {
      const select = performance.getEntriesByName('bench:select').at(-1)!.startTime;
      const mark = performance
        .getEntriesByName('spyglass:waterfall-painted')
        .find((m) => (m as PerformanceMark).detail?.spans === n && m.startTime >= select)!;
      const long = (window as unknown as { __longTaskSpans: [number, number][] }).__longTaskSpans
        .filter(([start]) => start >= select && start < mark.startTime + 1_000)
        .map(([, duration]) => duration);
      // The answer's resource timing: the page fetches it (api/http.ts).
      const timing = performance
        .getEntriesByType('resource')
        .filter((r) => r.name.includes(`/api/traces/${id}`) && !r.name.includes('/spans/'))
        .at(-1) as PerformanceResourceTiming | undefined;
      return {
        paintMs: mark.startTime - select,
        firstByteMs: timing ? timing.responseStart - select : Number.NaN,
        receivedMs: timing ? timing.responseEnd - select : Number.NaN,
        long,
      };
    },
    [spans, traceId] as const,
  );
}
