// Opening a trace: the skeleton answer (~12 MB of JSON at 100,000 spans) is fetched and parsed in
// a worker (src/renderer/src/api/skeleton.worker.ts), so the page's main thread never reads the
// body, and the waterfall shows the same spans as the answer. If the worker cannot start, the page
// fetches it itself as before. Real collector, built UI, Chromium.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { launchBrowser, openApp } from '../helpers/browser.ts';
import { hugeTrace } from '../../bench/fixtures/hugeTrace.ts';
import { ingestTrace } from '../../bench/fixtures/ingest.ts';
import { COLUMN_PART_SPANS } from '../../src/server/store/traceColumns.ts';

if (!existsSync('out/renderer/index.html'))
  throw new Error('The UI is not built: run `npm run build` before the browser tests.');

let server: TestServer;
let browser: Browser;
// More spans than one part of the answer holds: the page receives and decodes two parts.
const big = hugeTrace(COLUMN_PART_SPANS + 600, Date.now() - 3_600_000, 17);

beforeAll(async () => {
  server = await startTestServer({ uiDir: 'out/renderer' });
  browser = await launchBrowser();
  await ingestTrace(server.url, big);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const skeletonRequestsOnPage = (page: Page) =>
  page.evaluate(
    (id) =>
      performance
        .getEntriesByType('resource')
        .map((entry) => entry.name)
        .filter((name) => name.includes(`/api/traces/${id}?format=columns`)),
    big.traceId,
  );

/** Clicks the trace in the list and waits until its waterfall has a row per span. */
async function openBigTrace(page: Page): Promise<void> {
  const row = page.locator(`[data-trace-id="${big.traceId}"]`);
  await row.waitFor({ timeout: 15_000 });
  await row.click();
  await expect
    .poll(
      () =>
        page.evaluate(
          () => (window.__spyglassDebug?.waterfall as Record<string, unknown> | undefined)?.rowCount ?? null,
        ),
      { timeout: 30_000 },
    )
    .toBe(big.spans.length);
}

describe('opening a trace', () => {
  it('fetches and parses the skeleton in a worker: the page never requests the body, and shows every span', async () => {
    const app = await openApp(browser, server, {
      path: '/?view=waterfall',
      viewport: { width: 1440, height: 860 },
    });
    const skeletonWorkers = () =>
      app.page.workers().filter((worker) => /skeleton\.worker/.test(worker.url()));
    // Started ahead, as the app loads: the click does not wait for its script.
    await expect.poll(() => skeletonWorkers().length).toBe(1);
    const ahead = skeletonWorkers()[0];
    await openBigTrace(app.page);
    // That one answered and ended; the next trace's worker is already started.
    await expect.poll(() => skeletonWorkers().length).toBe(1);
    expect(skeletonWorkers()[0]).not.toBe(ahead);
    expect(await skeletonRequestsOnPage(app.page)).toEqual([]);
    // The spans the waterfall holds are the answer's: every span id, names as sent.
    const shown = await app.page.evaluate(
      () => (window.__spyglassDebug?.waterfall as Record<string, unknown> | undefined)?.visibleSpanIds,
    );
    const byId = new Map(big.spans.map((span) => [span.spanId, span]));
    expect((shown as string[]).length).toBeGreaterThan(0);
    for (const id of shown as string[]) expect(byId.has(id)).toBe(true);
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('falls back to fetching on the page when the worker script cannot be loaded', async () => {
    // From the start: the worker is started ahead, as the app loads.
    const app = await openApp(browser, server, {
      path: '/?view=waterfall',
      viewport: { width: 1440, height: 860 },
      beforeLoad: (context) => context.route(/skeleton\.worker/, (route) => route.abort()),
    });
    await openBigTrace(app.page);
    expect(await skeletonRequestsOnPage(app.page)).toHaveLength(1);
    await app.close();
  });
});
