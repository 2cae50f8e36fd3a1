// Navigating the waterfall as in Chrome DevTools' performance panel: the wheel (or two fingers on
// a trackpad) scrolls rows and pans, Ctrl/⌘+wheel and a pinch (a ctrlKey wheel) zoom at the
// pointer; "Wheel zooms" in Settings brings the classic mode back. And the keyboard keeps
// working after Esc: `/` finds spans, Esc gives the focus back to the view.
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
const big = hugeTrace(2000, Date.now() - 3_600_000, 5);

beforeAll(async () => {
  server = await startTestServer({ uiDir: 'out/renderer' });
  browser = await launchBrowser();
  await ingestTrace(server.url, big);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const debug = <T>(page: Page, key: string) =>
  page.evaluate(
    (k) => (window.__spyglassDebug?.waterfall as Record<string, unknown> | undefined)?.[k] ?? null,
    key,
  ) as Promise<T | null>;
const windowMs = async (page: Page) => (await debug<[number, number]>(page, 'windowMs'))!;

/** A wheel event as a trackpad or mouse sends it, dispatched on the waterfall canvas. */
async function wheel(
  page: Page,
  at: { x: number; y: number },
  delta: { x?: number; y?: number },
  keys: { ctrlKey?: boolean; shiftKey?: boolean; metaKey?: boolean } = {},
) {
  await page.evaluate(
    ({ at, delta, keys }) => {
      const canvas = document.querySelector('[data-testid="waterfall-canvas"]')!;
      canvas.dispatchEvent(
        new WheelEvent('wheel', {
          clientX: at.x,
          clientY: at.y,
          deltaX: delta.x ?? 0,
          deltaY: delta.y ?? 0,
          deltaMode: 0,
          bubbles: true,
          cancelable: true,
          ...keys,
        }),
      );
    },
    { at, delta, keys },
  );
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
}

async function openWaterfall(theme: 'dark' | 'light', width: number) {
  const app = await openApp(browser, server, {
    theme,
    path: `/?trace=${big.traceId}&view=waterfall`,
    viewport: { width, height: width === 1440 ? 900 : 768 },
  });
  await expect.poll(() => debug<number>(app.page, 'rowCount'), { timeout: 30_000 }).toBe(big.spans.length);
  const box = (await app.page.locator('[data-testid="waterfall-canvas"]').boundingBox())!;
  // A point on the timeline, right of the name column.
  const at = { x: box.x + box.width * 0.7, y: box.y + box.height * 0.5 };
  return { ...app, at };
}

describe('waterfall navigation', () => {
  it('wheel scrolls rows and pans; Ctrl+wheel and pinch zoom at the pointer', async () => {
    const { page, at, errors, close } = await openWaterfall('dark', 1440);
    const full = await windowMs(page);
    // The wheel scrolls rows, it does not zoom.
    await wheel(page, at, { y: 400 });
    await expect.poll(() => debug<number>(page, 'firstRow'), { timeout: 20_000 }).toBeGreaterThan(5);
    expect(await windowMs(page)).toEqual(full);

    // Ctrl+wheel (a mouse notch) zooms in around the pointer: the time under it stays put.
    const before = await windowMs(page);
    const box = (await page.locator('[data-testid="waterfall-canvas"]').boundingBox())!;
    const labelWidth = await page.evaluate(() => {
      const handle = document.querySelector<HTMLElement>('.waterfall-column-handle')!;
      return handle.offsetLeft;
    });
    const timeAt = (w: [number, number], px: number) =>
      w[0] + ((px - box.x - labelWidth) / (box.width - labelWidth)) * (w[1] - w[0]);
    const pointerTime = timeAt(before, at.x);
    await wheel(page, at, { y: -100 }, { ctrlKey: true });
    const zoomed = await windowMs(page);
    expect(zoomed[1] - zoomed[0]).toBeLessThan((before[1] - before[0]) * 0.9);
    // A notch zooms by a sensible step, not 4× at once.
    expect(zoomed[1] - zoomed[0]).toBeGreaterThan((before[1] - before[0]) * 0.5);
    expect(Math.abs(timeAt(zoomed, at.x) - pointerTime)).toBeLessThan((before[1] - before[0]) * 0.02);

    // A pinch: small ctrlKey deltas, several of them.
    for (let i = 0; i < 6; i++) await wheel(page, at, { y: -8 }, { ctrlKey: true });
    const pinched = await windowMs(page);
    expect(pinched[1] - pinched[0]).toBeLessThan((zoomed[1] - zoomed[0]) * 0.8);

    // Two fingers sideways pan the time axis; Shift+wheel pans too.
    await wheel(page, at, { x: 200 });
    const panned = await windowMs(page);
    expect(panned[0]).toBeGreaterThan(pinched[0]);
    expect(panned[1] - panned[0]).toBeCloseTo(pinched[1] - pinched[0], 3);
    const rowsBefore = await debug<number>(page, 'firstRow');
    await wheel(page, at, { y: 200 }, { shiftKey: true });
    const shifted = await windowMs(page);
    expect(shifted[0]).toBeGreaterThan(panned[0]);
    expect(await debug<number>(page, 'firstRow')).toBe(rowsBefore);
    await screenshot(page, 'navigation-zoomed-dark-1440');
    expect(errors).toEqual([]);
    await close();
  }, 120_000);

  it('"Wheel zooms" in Settings brings back the classic wheel, remembered', async () => {
    for (const [theme, width] of [
      ['light', 1024],
      ['dark', 1024],
      ['light', 1440],
    ] as const) {
      const { page, at, errors, close } = await openWaterfall(theme, width);
      await page
        .locator('.status-bar')
        .getByRole('button', { name: /^Prices:/ })
        .click();
      const dialog = page.getByRole('dialog', { name: 'Settings' });
      const section = dialog.getByRole('region', { name: 'Navigation' });
      expect(await section.getByRole('radio', { name: /Wheel scrolls/ }).isChecked()).toBe(true);
      await section.getByRole('radio', { name: /Wheel zooms/ }).check();
      await screenshot(page, `settings-navigation-${theme}-${width}`);
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.count(), { timeout: 20_000 }).toBe(0);
      const full = await windowMs(page);
      await wheel(page, at, { y: -100 });
      const zoomed = await windowMs(page);
      expect(zoomed[1] - zoomed[0]).toBeLessThan((full[1] - full[0]) * 0.9);
      expect(await debug<number>(page, 'firstRow')).toBe(0);
      // Shift+wheel scrolls rows in this mode.
      await wheel(page, at, { y: 400 }, { shiftKey: true });
      await expect.poll(() => debug<number>(page, 'firstRow'), { timeout: 20_000 }).toBeGreaterThan(5);
      // Remembered across reloads; put back for the next round.
      await page.reload();
      await expect.poll(() => debug<number>(page, 'rowCount'), { timeout: 30_000 }).toBe(big.spans.length);
      await page
        .locator('.status-bar')
        .getByRole('button', { name: /^Prices:/ })
        .click();
      const radio = dialog.getByRole('radio', { name: /Wheel zooms/ });
      expect(await radio.isChecked()).toBe(true);
      await dialog.getByRole('radio', { name: /Wheel scrolls/ }).check();
      expect(errors).toEqual([]);
      await close();
    }
  }, 180_000);

  it('`/` finds spans with a trace open, and Esc gives the keys back to the view', async () => {
    const { page, errors, close } = await openWaterfall('dark', 1440);
    // Focus sits in the trace list, as after clicking a trace there.
    await page.locator(`[data-trace-id="${big.traceId}"]`).click();
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('span-search');
    await page.keyboard.type('fetch_url');
    await page.keyboard.press('Escape');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('.view-pane') !== null), {
        timeout: 20_000,
      })
      .toBe(true);
    expect(await page.locator('#span-search').inputValue()).toBe('');
    // W zooms in from the keyboard, without a click first.
    const before = await windowMs(page);
    await page.keyboard.down('w');
    await page.waitForTimeout(400);
    await page.keyboard.up('w');
    await expect
      .poll(
        async () => {
          const w = await windowMs(page);
          return w[1] - w[0];
        },
        { timeout: 20_000 },
      )
      .toBeLessThan(before[1] - before[0]);
    // Esc in the trace list's search goes back to a focusable place too.
    await page.locator('#trace-search').click();
    await page.keyboard.type('zzz');
    await page.keyboard.press('Escape');
    await expect
      .poll(() => page.evaluate(() => document.activeElement !== document.body), { timeout: 20_000 })
      .toBe(true);
    expect(errors).toEqual([]);
    await close();
  }, 120_000);
});
