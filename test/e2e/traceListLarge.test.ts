// The trace list with 20,000 traces (written through the store's batch API): scrolled deep, the
// DOM stays small, rows come newest first across page boundaries with none missing or doubled
// (checked against the API's own order), and the status bar counts them all once loaded.
// Behaviour only; bench/traceList.bench.ts measures the speed with 100,000.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { launchBrowser, openApp, statusBarTraceCount } from '../helpers/browser.ts';
import { listTraceName, writeListTraces } from '../../bench/fixtures/listTraces.ts';

if (!existsSync('out/renderer/index.html'))
  throw new Error('The UI is not built: run `npm run build` before the browser tests.');

const COUNT = 20_000;
const ROW = 24; // TraceTable's row height
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ uiDir: 'out/renderer' });
  writeListTraces(server.store, COUNT);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Every trace id in the API's newest-first order, paged by cursor as the UI pages. */
async function apiOrder(): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const answer = (await (
      await fetch(
        `${server.url}/api/traces?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      )
    ).json()) as {
      traces: { traceId: string }[];
      nextCursor: string | null;
    };
    ids.push(...answer.traces.map((t) => t.traceId));
    cursor = answer.nextCursor;
  } while (cursor);
  return ids;
}

describe('trace list with 20,000 traces', () => {
  // Pages through 20,000 rows in a browser: ~48 s alone at load 14, so past the 60 s default.
  it('scrolls to the end with a bounded DOM, every row once, in the API order, and counts them all', async () => {
    const expected = await apiOrder();
    expect(expected.length).toBe(COUNT);
    // A tall window: fewer steps to the end, and still a bounded number of rows.
    const app = await openApp(browser, server, { viewport: { width: 1280, height: 1400 } });
    const { page } = app;
    const body = page.locator('#trace-list-body');
    await expect
      .poll(() => page.locator('[data-trace-id] .cell-name-text').first().textContent())
      .toBe(listTraceName(COUNT - 1));

    // Scroll down a screen at a time (rows overlap between steps, so none can be skipped unseen),
    // recording each row's index (from its position) and id.
    const seen = new Map<number, string>();
    let domRowsMax = 0;
    for (let step = 0; step < 5_000; step++) {
      const view = await body.evaluate(async (el, rowPx) => {
        // React renders a scroll a frame or so later: wait until the rows cover the viewport.
        const rendered = () =>
          [...el.querySelectorAll<HTMLElement>('[data-trace-id], .trace-list-more')].map((r) =>
            Math.round(r.offsetTop / rowPx),
          );
        const firstInView = Math.floor(el.scrollTop / rowPx);
        const lastInView = Math.ceil((el.scrollTop + el.clientHeight) / rowPx) - 1;
        while (!(Math.min(...rendered()) <= firstInView && Math.max(...rendered()) >= lastInView)) {
          await new Promise((resolve) => requestAnimationFrame(resolve));
        }
        const rows = [...el.querySelectorAll<HTMLElement>('[data-trace-id]')].map((r) => ({
          index: Math.round(r.offsetTop / rowPx),
          id: r.dataset.traceId!,
        }));
        const atEnd = el.scrollTop + el.clientHeight >= el.scrollHeight - 1;
        const more = el.querySelector('.trace-list-more') !== null;
        el.scrollTop += el.clientHeight - 2 * rowPx;
        return { rows, atEnd, more };
      }, ROW);
      domRowsMax = Math.max(domRowsMax, view.rows.length);
      for (const row of view.rows) {
        const before = seen.get(row.index);
        if (before !== undefined) expect(before).toBe(row.id); // a row index never changes hands
        seen.set(row.index, row.id);
      }
      if (view.atEnd && !view.more) break;
      if (view.atEnd) await page.waitForTimeout(50); // the next page is on its way
    }
    expect(domRowsMax).toBeLessThan(100);
    expect(seen.size).toBe(COUNT);
    const shown = [...seen.entries()].sort((a, b) => a[0] - b[0]).map(([, id]) => id);
    expect(new Set(shown).size).toBe(COUNT);
    expect(shown).toEqual(expected);
    await expect
      .poll(() => page.locator('[data-trace-id] .cell-name-text').last().textContent())
      .toBe(listTraceName(0));
    await expect
      .poll(() =>
        page.evaluate(() =>
          [...document.querySelectorAll('.status-bar > span')]
            .map((n) => n.textContent)
            .find((t) => / traces$/.test(t ?? '')),
        ),
      )
      .toBe(`${COUNT.toLocaleString('en-US')} traces`);
    expect(app.errors).toEqual([]);
    await app.close();
  }, 180_000);

  // Also pages through the list in a browser; the same allowance.
  it('End and a scrollbar drag to the bottom land on a "loading older traces" row that pages on', async () => {
    const app = await openApp(browser, server);
    const { page } = app;
    const body = page.locator('#trace-list-body');
    await page.locator('[data-trace-id]').first().waitFor();
    const statusCount = () => statusBarTraceCount(page);
    // The collector's exact total, not the rows loaded so far.
    await expect.poll(statusCount).toBe(`${COUNT.toLocaleString('en-US')} traces`);

    // End selects the last loaded trace, which brings the next page in behind it.
    await body.focus();
    await page.keyboard.press('End');
    await expect
      .poll(() => page.locator('[data-trace-id][aria-selected="true"] .cell-name-text').textContent())
      .toBe(listTraceName(COUNT - 200));
    await expect.poll(statusCount).toBe('20,000 traces');

    // Dragged to the bottom, the user sees the loading row, then older traces arrive below.
    // The next page is held until the row has been seen, so the check does not race the fetch.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/api\/traces\?.*cursor=/, async (route) => {
      await held;
      await route.continue();
    });
    await body.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect.poll(() => page.locator('.trace-list-more').textContent()).toBe('Loading older traces…');
    expect(await page.locator('[data-trace-id] .cell-name-text').last().textContent()).toBe(
      listTraceName(COUNT - 700),
    );
    release();
    await expect.poll(statusCount).toBe('20,000 traces');
    await page.unroute(/\/api\/traces\?.*cursor=/);
    const rows = await page.locator('[data-trace-id] .cell-name-text').allTextContents();
    expect(rows.length).toBeLessThan(100);
    expect(app.errors).toEqual([]);
    await app.close();
  }, 180_000);
});
