// Notes about how something went (an export that failed, an import) appear in one place, a strip
// above the status bar, and never over the waterfall: the view they concern stays readable.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, screenshot } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { agentRun, send } from './sampleTraces.ts';

let server: TestServer;
let browser: Browser;
const run = agentRun(81, Date.now() - 60_000);

beforeAll(async () => {
  server = await startTestServer({ uiDir: 'out/renderer' });
  await send(server.url, run.events);
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const box = async (page: Page, selector: string) => (await page.locator(selector).first().boundingBox())!;
const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('notices', () => {
  it('show in one strip above the status bar, never over the waterfall', async () => {
    for (const [theme, width] of [
      ['dark', 1440],
      ['light', 1024],
    ] as const) {
      const app = await openApp(browser, server, {
        theme,
        viewport: { width, height: width === 1440 ? 900 : 768 },
        path: `/?trace=${run.traceId}&view=waterfall`,
      });
      const { page } = app;
      try {
        await page.locator('[data-testid="waterfall-canvas"]').waitFor();
        // The export fails on the way (the collector is unreachable for it): an error note.
        await page.route('**/export**', (route) => route.abort());
        await page.getByRole('button', { name: 'Export ▾' }).click();
        await page.getByRole('menuitem', { name: 'Spyglass JSON…' }).click();
        const note = page.getByRole('alert').filter({ hasText: 'Cannot reach the Spyglass collector' });
        await expect.poll(() => note.count(), { timeout: 20_000 }).toBe(1);
        expect(await page.locator('.notices .toast').count()).toBe(1);

        const toast = (await note.boundingBox())!;
        const waterfall = await box(page, '.view-pane');
        const statusBar = await box(page, '.status-bar');
        expect(overlaps(toast, waterfall)).toBe(false);
        // Directly above the status bar.
        expect(Math.round(toast.y + toast.height)).toBeLessThanOrEqual(Math.round(statusBar.y));
        await screenshot(page, `notices-${theme}-${width}`);

        await note.getByRole('button', { name: 'Dismiss' }).click();
        await expect.poll(() => page.locator('.notices').isVisible()).toBe(false);
        expect(app.errors.filter((e) => !e.includes('net::ERR_FAILED'))).toEqual([]);
      } finally {
        await app.close();
      }
    }
  });
});
