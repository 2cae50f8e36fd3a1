// Opening a trace: the page reads the columnar skeleton answer itself, a part at a time
// (src/renderer/src/api/http.ts), with no worker in between (handing a parsed part over from one
// cost the page as much as parsing it), and the waterfall shows the same spans as the answer.
// Real collector, built UI, Chromium.
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
  it('reads the skeleton on the page, a part at a time, and shows every span', async () => {
    const app = await openApp(browser, server, {
      path: '/?view=waterfall',
      viewport: { width: 1440, height: 860 },
    });
    await openBigTrace(app.page);
    // One request for the whole answer, made by the page; no worker read or copied it.
    expect(await skeletonRequestsOnPage(app.page)).toHaveLength(1);
    expect(app.page.workers()).toEqual([]);
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
});
