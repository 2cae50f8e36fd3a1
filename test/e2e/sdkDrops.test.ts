// Issue #11 (part A): a trace the SDK had to cut says so in its header ("N spans dropped by the
// SDK"), never silently incomplete. The drop report is the SDK's own wire event, sent to a real
// collector; the page is the built UI in headless Chromium, in both themes and both widths.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { postIngest, startTestServer, type TestServer } from '../helpers/server.ts';
import { launchBrowser, openApp, screenshot } from '../helpers/browser.ts';

if (!existsSync('out/renderer/index.html'))
  throw new Error('The UI is not built: run `npm run build` before the browser tests.');

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

const TRACE = 'd1'.repeat(16);
const CLEAN = 'c1'.repeat(16);
const now = Date.now();

it('shows "N spans dropped by the SDK" on a trace the SDK cut, and nothing on a whole one', async () => {
  const events = [
    { kind: 'trace.start', traceId: TRACE, name: 'overflowing-agent', time: now - 5000 },
    {
      kind: 'span.start',
      traceId: TRACE,
      spanId: 'a1'.repeat(8),
      name: 'plan',
      type: 'llm',
      time: now - 4900,
    },
    { kind: 'span.end', traceId: TRACE, spanId: 'a1'.repeat(8), time: now - 4000, status: 'success' },
    { kind: 'trace.drops', traceId: TRACE, time: now - 3000, droppedSpans: 1234, droppedEvents: 56 },
    // A late, smaller report (cumulative counts) never lowers what is stored.
    { kind: 'trace.drops', traceId: TRACE, time: now - 2900, droppedSpans: 10, droppedEvents: 0 },
    { kind: 'trace.end', traceId: TRACE, time: now - 1000, status: 'success' },
    { kind: 'trace.start', traceId: CLEAN, name: 'whole-agent', time: now - 900 },
    { kind: 'trace.end', traceId: CLEAN, time: now - 800, status: 'success' },
  ];
  const answer = await postIngest(server.url, { protocol: 1, events });
  expect(answer.status).toBe(200);
  expect(answer.body.rejected).toBe(0);

  for (const theme of ['dark', 'light'] as const) {
    for (const width of [1440, 1024]) {
      const app = await openApp(browser, server, {
        theme,
        path: `/?trace=${TRACE}`,
        viewport: { width, height: 900 },
      });
      const badge = app.page.locator('.trace-header .sdk-drops');
      await expect
        .poll(() => badge.textContent(), { timeout: 20_000 })
        .toBe('⚠ 1,234 spans dropped by the SDK');
      expect(await badge.getAttribute('title')).toContain('56 other events');
      await screenshot(app.page, `sdk-drops-${theme}-${width}`);
      expect(app.errors).toEqual([]);
      await app.close();
    }
  }

  const clean = await openApp(browser, server, { path: `/?trace=${CLEAN}` });
  await expect
    .poll(() => clean.page.locator('.trace-header .trace-title').textContent(), { timeout: 20_000 })
    .toBe('whole-agent');
  expect(await clean.page.locator('.trace-header .sdk-drops').count()).toBe(0);
  await clean.close();
}, 180_000);
