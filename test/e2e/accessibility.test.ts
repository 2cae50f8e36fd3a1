// The waterfall's rows on screen have a DOM/ARIA mirror: a treegrid with names, types,
// durations and status, virtual like the canvas and in step with it, so screen readers, the
// browser's find-in-page and text-based tests see span names.
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hugeTrace } from '../../bench/fixtures/hugeTrace.ts';
import { ingestTrace } from '../../bench/fixtures/ingest.ts';
import { launchBrowser, openApp, screenshot } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

if (!existsSync('out/renderer/index.html'))
  throw new Error('The UI is not built: run `npm run build` before the browser tests.');

let server: TestServer;
let browser: Browser;
const big = hugeTrace(2000, Date.now() - 3_600_000, 21);

beforeAll(async () => {
  server = await startTestServer({ uiDir: 'out/renderer' });
  browser = await launchBrowser();
  await ingestTrace(server.url, big);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The mirror holds exactly the rows the canvas drew last (both read in one go). */
const inStep = async (page: Page) => {
  const [mirror, canvas] = [await mirrorIds(page), await visibleIds(page)];
  return canvas.length > 0 && JSON.stringify(mirror) === JSON.stringify(canvas);
};
const visibleIds = (page: Page) =>
  page.evaluate(() => (window.__spyglassDebug?.waterfall?.visibleSpanIds as string[] | undefined) ?? []);
const mirrorIds = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('[role="treegrid"][aria-label="Spans"] [role="row"]')].map(
      (row) => row.getAttribute('data-span-id')!,
    ),
  );

describe('waterfall accessibility mirror', () => {
  it('mirrors the rows on screen as a treegrid, in step with scrolling and selection', async () => {
    for (const [theme, width] of [
      ['dark', 1440],
      ['light', 1024],
    ] as const) {
      const app = await openApp(browser, server, {
        theme,
        path: `/?trace=${big.traceId}&view=waterfall`,
        viewport: { width, height: width === 1440 ? 900 : 768 },
      });
      const { page } = app;
      const grid = page.getByRole('treegrid', { name: 'Spans' });
      await expect
        .poll(() => grid.getAttribute('aria-rowcount'), { timeout: 30_000 })
        .toBe(String(big.spans.length));
      await expect.poll(() => inStep(page), { timeout: 20_000 }).toBe(true);
      const rows = await mirrorIds(page);
      expect(rows.length).toBeGreaterThan(10);
      expect(rows.length).toBeLessThan(60);

      // The root row: its name, type, duration and status, its level and expansion.
      const root = big.spans[0]!;
      const rootRow = grid.getByRole('row').first();
      expect(await rootRow.getAttribute('data-span-id')).toBe(root.spanId);
      const cells = await rootRow.getByRole('gridcell').allTextContents();
      expect(cells[0]).toBe('research-agent');
      expect(cells[1]).toBe('Agent');
      expect(cells[2]).toMatch(/\d/);
      expect(cells[3]).toMatch(/Succeeded|Failed/);
      expect(await rootRow.getAttribute('aria-level')).toBe('1');
      expect(await rootRow.getAttribute('aria-expanded')).toBe('true');

      // Text-based queries and the browser's find see span names that exist only as pixels.
      expect(await page.getByRole('row', { name: /step 3\b/ }).count()).toBeGreaterThan(0);
      expect(
        await page.evaluate(() => (window as unknown as { find(s: string): boolean }).find('step 3')),
      ).toBe(true);

      // Scrolling the canvas moves the mirror with it.
      const box = (await page.locator('[data-testid="waterfall-canvas"]').boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2);
      await page.mouse.wheel(0, 3000);
      await expect
        .poll(() => page.evaluate(() => window.__spyglassDebug?.waterfall?.firstRow), { timeout: 20_000 })
        .toBeGreaterThan(50);
      await expect.poll(() => inStep(page), { timeout: 20_000 }).toBe(true);
      // A mirrored row sits over its canvas row.
      const id = (await mirrorIds(page))[5]!;
      const rowBox = (await page.locator(`.waterfall-mirror-row[data-span-id="${id}"]`).boundingBox())!;
      const bar = await page.evaluate(
        (spanId) =>
          (window.__spyglassDebug!.waterfall!.barRect as (id: string) => { y: number } | null)(spanId),
        id,
      );
      expect(Math.abs(rowBox.y + 4 - bar!.y)).toBeLessThan(2);

      // Selection is mirrored.
      await page.mouse.click(box.x + 60, rowBox.y + rowBox.height / 2);
      await expect
        .poll(
          () => page.locator(`.waterfall-mirror-row[data-span-id="${id}"]`).getAttribute('aria-selected'),
          { timeout: 20_000 },
        )
        .toBe('true');
      await screenshot(page, `waterfall-mirror-${theme}-${width}`);
      expect(app.errors).toEqual([]);
      await app.close();
    }
  }, 180_000);
});
