// The trace list with 100,000 traces (issue 5: "virtualised so 100,000 traces scroll smoothly"),
// in the real UI: built renderer served by a real collector on a temp database, Debian's
// Chromium via playwright-core. The traces are written through the store's batch API.
// Measures:
// - time to the first painted list (navigation start → first row in the DOM → next frame)
// - scrolling through every page to the end, as fast as paging allows (200 fetches of 500 rows):
//   page fetch time, fetch answer → rows in the list (merge + render), frames where the scroll
//   had to wait at the end of what was loaded
// - scrolling loaded rows (0 → row 20,000 in rAF steps, then mouse-wheel steps): frame intervals,
//   script time per frame (Chromium's own counters over CDP), long tasks, DOM rows
// - the End key and a scrollbar drag to the bottom on a fresh list: what the user sees.
// Headless Chromium rasterises in software, so frame intervals are floor-bound by painting.
import { existsSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import { startServer } from '../src/server/index.ts';
import { launchBrowser } from '../test/helpers/browser.ts';
import { listTraceName, writeListTraces } from './fixtures/listTraces.ts';
import { benchDir, median, nowMs, percentile, report, type Figure } from './lib.ts';

// Frame intervals come quantised to the display's 60 Hz refresh (16.7 ms): the goal is that 95% of
// frames come within two refreshes. Measured two-refresh intervals read 33.3–33.4 ms, so the
// ceiling sits just above two refreshes, not at a round 33.
const TWO_FRAMES_MS = 33.8; // 2 × 16.67 ms, plus measurement slack

const TRACES = Number(process.env.BENCH_LIST_TRACES ?? 100_000);
const ROW = 24; // px, TraceTable's ROW_HEIGHT
/** Rows per frame while scrolling loaded rows: a fast fling, every frame shows all-new rows. */
const FLING_ROWS = 40;
/** Rows per frame while racing through unloaded pages: as fast as the scrollbar thumb can go. */
const RACE_ROWS = 250;
const LOADED_TARGET = Math.min(20_000, TRACES);

type Probe = {
  longTasks: { start: number; duration: number }[];
  firstRow: number | null;
  spacer: { t: number; height: number }[];
};

/** From the first script on the page: long tasks, when the first row arrived, spacer growth. */
const PAGE_PROBES = () => {
  const w = window as unknown as { __probe: Probe };
  const probe: Probe = { longTasks: [], firstRow: null, spacer: [] };
  w.__probe = probe;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) probe.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  let spacerSeen: Element | null = null;
  const spacerObserver = new MutationObserver(() => {
    const h = (spacerSeen as HTMLElement | null)?.offsetHeight ?? 0;
    probe.spacer.push({ t: performance.now(), height: h });
  });
  const watch = new MutationObserver(() => {
    if (probe.firstRow === null && document.querySelector('[data-trace-id]')) {
      // The row is in the DOM; the frame after next has painted it.
      requestAnimationFrame(() => requestAnimationFrame(() => (probe.firstRow = performance.now())));
    }
    const spacer = document.querySelector('#trace-list-body .virtual-list-spacer');
    if (spacer && spacer !== spacerSeen) {
      spacerSeen = spacer;
      spacerObserver.observe(spacer, { attributes: true, attributeFilter: ['style'] });
    }
  });
  document.addEventListener('DOMContentLoaded', () =>
    watch.observe(document.body, { childList: true, subtree: true }),
  );
};

type Type = typeof PAGE_PROBES; // keeps the probe's types next to it
void (null as unknown as Type);

interface ScrollRun {
  intervals: number[];
  domRowsMax: number;
  /** Frames where the wanted position was past the end of the loaded rows. */
  waitingFrames: number;
  reachedRow: number;
  ms: number;
}

/** Scrolls the list by `rowsPerFrame` each animation frame until row `toRow` is the last in view (or time runs out). */
function rafScroll(page: Page, rowsPerFrame: number, toRow: number, maxMs: number): Promise<ScrollRun> {
  return page.evaluate(
    ([step, target, limit, rowPx]) =>
      new Promise<ScrollRun>((resolve) => {
        const el = document.querySelector('#trace-list-body') as HTMLElement;
        const stamps: number[] = [];
        let domRowsMax = 0;
        let waitingFrames = 0;
        let wanted = el.scrollTop;
        const start = performance.now();
        const frame = (t: number) => {
          stamps.push(t);
          domRowsMax = Math.max(domRowsMax, el.querySelectorAll('[data-trace-id]').length);
          const max = el.scrollHeight - el.clientHeight;
          if (wanted > max + 1) waitingFrames++;
          else wanted = Math.min(wanted + step * rowPx, target * rowPx - el.clientHeight);
          el.scrollTop = wanted;
          const row = Math.floor((el.scrollTop + el.clientHeight) / rowPx);
          if (row >= target || t - start > limit) {
            resolve({
              intervals: stamps.slice(1).map((s, i) => s - stamps[i]!),
              domRowsMax,
              waitingFrames,
              reachedRow: row,
              ms: t - start,
            });
          } else requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
    [rowsPerFrame, toRow, maxMs, ROW] as const,
  );
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = (await cdp.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[];
  };
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

const longTasksSince = (page: Page, since: number) =>
  page.evaluate(
    (s) =>
      (window as unknown as { __probe: Probe }).__probe.longTasks
        .filter((l) => l.start >= s)
        .map((l) => l.duration),
    since,
  );
/** The status bar's "N traces" (or "N+ traces" while older pages remain). */
const STATUS_COUNT = () =>
  [...document.querySelectorAll('.status-bar > span')]
    .map((n) => n.textContent ?? '')
    .find((x) => / traces$/.test(x)) ?? '';
const max = (xs: number[]) => (xs.length ? Math.max(...xs) : 0);
const fig = (label: string, value: number, unit: string, goal?: Figure['goal'], note?: string): Figure => ({
  label,
  value,
  unit,
  ...(goal ? { goal } : {}),
  ...(note ? { note } : {}),
});

export default async function traceListBench(): Promise<void> {
  if (!existsSync('out/renderer/index.html'))
    throw new Error('Build the UI first (npm run build): the bench drives out/renderer.');
  const dir = benchDir('tracelist');
  const server = await startServer({ port: 0, dbPath: dir.file('spyglass.db'), uiDir: 'out/renderer' });
  const browser = await launchBrowser();
  try {
    let t = nowMs();
    writeListTraces(server.store, TRACES);
    const writeMs = nowMs() - t;

    const context = await browser.newContext({
      viewport: { width: 1600, height: 900 },
      deviceScaleFactor: 1,
      colorScheme: 'dark',
    });
    const page = await context.newPage();
    await page.addInitScript(PAGE_PROBES);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');

    // 1. First painted list.
    await page.goto(`${server.url}/`);
    await page.waitForFunction(
      () => (window as unknown as { __probe: Probe }).__probe.firstRow !== null,
      null,
      { timeout: 30_000, polling: 20 },
    );
    const firstPaint = await page.evaluate(() => (window as unknown as { __probe: Probe }).__probe.firstRow!);
    const firstName = await page.locator('[data-trace-id] .cell-name-text').first().textContent();
    if (firstName !== listTraceName(TRACES - 1))
      throw new Error(`newest trace should be first, got ${firstName}`);

    // 2. Race through every page to the end.
    let since = await page.evaluate(() => performance.now());
    const race = await rafScroll(page, RACE_ROWS, TRACES, 45_000);
    const raceLong = await longTasksSince(page, since);
    const paging = await page.evaluate((s) => {
      const probe = (window as unknown as { __probe: Probe }).__probe;
      const fetches = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
        (r) => r.name.includes('/api/traces?') && r.name.includes('cursor=') && r.startTime >= s,
      );
      // Each answer's rows reach the list when the spacer next grows after it arrived.
      const merges = fetches.map((f) => {
        const grown = probe.spacer.find((g) => g.t >= f.responseEnd);
        return grown ? grown.t - f.responseEnd : NaN;
      });
      return {
        count: fetches.length,
        fetchMs: fetches.map((f) => f.responseEnd - f.startTime),
        mergeMs: merges.filter(Number.isFinite),
      };
    }, since);
    await page.waitForTimeout(200); // the last scroll's render
    const lastName = await page.locator('[data-trace-id] .cell-name-text').last().textContent();
    const statusAtEnd = await page.evaluate(STATUS_COUNT);

    // 3. Scroll loaded rows: back to the top, then a fling to row 20,000, then mouse-wheel steps.
    await page.evaluate(() => (document.querySelector('#trace-list-body')!.scrollTop = 0));
    await page.waitForTimeout(300);
    since = await page.evaluate(() => performance.now());
    let before = await metrics(cdp);
    const fling = await rafScroll(page, FLING_ROWS, LOADED_TARGET, 40_000);
    let after = await metrics(cdp);
    const flingScriptMs = ((after.ScriptDuration! - before.ScriptDuration!) * 1000) / fling.intervals.length;
    const flingTaskMs = ((after.TaskDuration! - before.TaskDuration!) * 1000) / fling.intervals.length;
    const flingLong = await longTasksSince(page, since);

    const box = (await page.locator('#trace-list-body').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    since = await page.evaluate(() => {
      const w = window as unknown as { __wheel: { on: boolean; stamps: number[]; rows: number } };
      w.__wheel = { on: true, stamps: [], rows: 0 };
      const loop = (t: number) => {
        if (!w.__wheel.on) return;
        w.__wheel.stamps.push(t);
        w.__wheel.rows = Math.max(
          w.__wheel.rows,
          document.querySelectorAll('#trace-list-body [data-trace-id]').length,
        );
        requestAnimationFrame(loop);
      };
      requestAnimationFrame(loop);
      return performance.now();
    });
    before = await metrics(cdp);
    for (let i = 0; i < 120; i++) await page.mouse.wheel(0, 240);
    await page.waitForTimeout(200);
    after = await metrics(cdp);
    const wheel = await page.evaluate(() => {
      const w = (window as unknown as { __wheel: { on: boolean; stamps: number[]; rows: number } }).__wheel;
      w.on = false;
      return { intervals: w.stamps.slice(1).map((s, i) => s - w.stamps[i]!), rows: w.rows };
    });
    const wheelScriptMs =
      ((after.ScriptDuration! - before.ScriptDuration!) * 1000) / Math.max(1, wheel.intervals.length);
    const wheelLong = await longTasksSince(page, since);

    // 4. A fresh list: End, then the scrollbar dragged to the bottom. What does the user see?
    await page.goto(`${server.url}/`);
    await page.locator('[data-trace-id]').first().waitFor();
    const body = page.locator('#trace-list-body');
    const seen = async () =>
      page.evaluate(() => {
        const el = document.querySelector('#trace-list-body') as HTMLElement;
        const names = [...el.querySelectorAll('[data-trace-id] .cell-name-text')].map((n) => n.textContent);
        const loading = el.querySelector('.trace-list-more')?.textContent ?? null;
        return {
          loaded: el.querySelectorAll('[data-trace-id]').length && Math.round(el.scrollHeight / 24),
          status:
            [...document.querySelectorAll('.status-bar > span')]
              .map((n) => n.textContent ?? '')
              .find((x) => / traces$/.test(x)) ?? '',
          selected:
            document.querySelector('[data-trace-id][aria-selected="true"] .cell-name-text')?.textContent ??
            null,
          bottom: names.at(-1) ?? null,
          loading,
        };
      });
    await body.focus();
    t = nowMs();
    await page.keyboard.press('End');
    const afterEnd = await seen();
    await page.waitForTimeout(1000);
    const afterEnd1s = await seen();
    await body.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page.waitForTimeout(50);
    const afterDrag = await seen();
    await page.waitForTimeout(1000);
    const afterDrag1s = await seen();
    await context.close();

    const loadedLong = [...flingLong, ...wheelLong];
    report(
      `Trace list: ${TRACES.toLocaleString('en-US')} traces (headless Chromium, software raster, 1600×900)`,
      [
        fig('write the traces through the store (setup)', writeMs / 1000, 's'),
        fig('navigation → first painted list', firstPaint, 'ms', { max: 1000 }),
        fig(
          `scroll through every page to row ${race.reachedRow.toLocaleString('en-US')}`,
          race.ms / 1000,
          's',
          undefined,
          `${RACE_ROWS} rows/frame, ${race.waitingFrames} of ${race.intervals.length + 1} frames waited for a page`,
        ),
        fig('  pages fetched (500 rows each)', paging.count, ''),
        fig(
          '  page fetch (request → last byte), median',
          median(paging.fetchMs),
          'ms',
          undefined,
          `p95 ${percentile(paging.fetchMs, 95).toFixed(1)} ms`,
        ),
        fig(
          '  answer → rows in the list (merge + render), median',
          median(paging.mergeMs),
          'ms',
          undefined,
          `p95 ${percentile(paging.mergeMs, 95).toFixed(1)} ms, max ${max(paging.mergeMs).toFixed(1)} ms`,
        ),
        fig('  frame interval while paging, p95', percentile(race.intervals, 95), 'ms'),
        fig(
          '  longest long task while paging',
          max(raceLong),
          'ms',
          undefined,
          `${raceLong.length} long tasks`,
        ),
        fig('  DOM rows at most', race.domRowsMax, '', { max: 100 }),
        fig(
          `fling over loaded rows 0 → ${LOADED_TARGET.toLocaleString('en-US')}, frame interval p50`,
          median(fling.intervals),
          'ms',
          undefined,
          `${FLING_ROWS} rows/frame, ${fling.intervals.length} frames`,
        ),
        fig('  frame interval p95', percentile(fling.intervals, 95), 'ms', { max: TWO_FRAMES_MS }),
        fig(
          '  script time per frame (CDP ScriptDuration / frames)',
          flingScriptMs,
          'ms',
          undefined,
          `all main-thread tasks ${flingTaskMs.toFixed(1)} ms/frame`,
        ),
        fig('  DOM rows at most', fling.domRowsMax, '', { max: 100 }),
        fig(
          'mouse wheel over loaded rows (120 × 240 px), frame interval p95',
          percentile(wheel.intervals, 95),
          'ms',
          { max: TWO_FRAMES_MS },
          `p50 ${median(wheel.intervals).toFixed(1)} ms`,
        ),
        fig('  script time per frame', wheelScriptMs, 'ms'),
        fig('  DOM rows at most', wheel.rows, '', { max: 100 }),
        fig(
          'longest long task while scrolling loaded rows',
          max(loadedLong),
          'ms',
          { max: 100 },
          `${loadedLong.length} long tasks`,
        ),
      ],
    );
    const describe = (s: Awaited<ReturnType<typeof seen>>) =>
      `~${s.loaded} rows in the list, selected ${s.selected ?? 'none'}, bottom row ${s.bottom}${s.loading ? `, "${s.loading}"` : ''}; status bar "${s.status}"`;
    console.log(
      `\n   At the end of the race: bottom row ${lastName} (oldest is ${listTraceName(0)}); status bar "${statusAtEnd}"`,
    );
    console.log(`   End on a fresh list, at once:          ${describe(afterEnd)}`);
    console.log(`   … 1 s later:                           ${describe(afterEnd1s)}`);
    console.log(`   scrollbar dragged to the bottom:        ${describe(afterDrag)}`);
    console.log(`   … 1 s later:                           ${describe(afterDrag1s)}`);
  } finally {
    await browser.close();
    await server.close();
    dir.remove();
  }
}

if (import.meta.main) await traceListBench();
