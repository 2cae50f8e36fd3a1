// Issue 16: while the disk under the database is full, the UI says so in a banner naming the
// folder, and the banner goes away by itself once a write succeeds again. The full disk is real
// to SQLite (PRAGMA max_page_count at the file's size makes the next write fail with SQLITE_FULL).
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, screenshot } from '../helpers/browser.ts';
import {
  ingestRequest,
  postIngest,
  spanIdOf,
  startTestServer,
  traceIdOf,
  wire,
  type TestServer,
} from '../helpers/server.ts';

if (!existsSync('out/renderer/index.html'))
  throw new Error('The UI is not built: run `npm run build` before the browser tests.');

const T0 = 1_767_225_600_000;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ uiDir: 'out/renderer' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const traceWithPayload = (n: number) =>
  ingestRequest([
    wire.traceStart(traceIdOf(n), T0 + n, { name: `agent run ${n}` }),
    wire.spanStart(traceIdOf(n), spanIdOf(n), null, T0 + n, { name: 'plan', input: 'x'.repeat(300_000) }),
    wire.spanEnd(traceIdOf(n), spanIdOf(n), T0 + n + 1200),
    wire.traceEnd(traceIdOf(n), T0 + n + 1500),
  ]);

describe('storage banner', () => {
  it('appears while the disk is full and clears when writing works again', async () => {
    expect((await postIngest(server.url, traceWithPayload(1))).status).toBe(200);
    const app = await openApp(browser, server, { theme: 'dark', viewport: { width: 1440, height: 900 } });
    const { page } = app;
    await expect.poll(() => page.locator('.feed-state').textContent(), { timeout: 20_000 }).toContain('Live');
    const banner = page.locator('.storage-banner');
    expect(await banner.count()).toBe(0);

    const db = server.store.db;
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    expect((await postIngest(server.url, traceWithPayload(2))).status).toBe(507);
    await expect.poll(() => banner.count(), { timeout: 20_000 }).toBe(1);
    expect(await banner.textContent()).toContain('disk full at');
    expect(await banner.getAttribute('role')).toBe('alert');
    await screenshot(page, 'storage-banner-1440-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await screenshot(page, 'storage-banner-1440-light');
    await page.setViewportSize({ width: 1024, height: 700 });
    await screenshot(page, 'storage-banner-1024-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'storage-banner-1024-dark');

    // A page opened while the disk is full learns it from the feed right after the hello.
    const late = await openApp(browser, server, { theme: 'dark' });
    await expect.poll(() => late.page.locator('.storage-banner').count(), { timeout: 20_000 }).toBe(1);
    await late.close();

    db.pragma('max_page_count = 1073741823');
    expect((await postIngest(server.url, traceWithPayload(2))).status).toBe(200);
    await expect.poll(() => banner.count(), { timeout: 20_000 }).toBe(0);
    expect(app.errors).toEqual([]);
    await app.close();
  }, 120_000);
});
