// Small things a DevTools user notices: names with Unicode direction controls are shown with the
// controls spelled out (never reversed on screen), "1 span" in the singular, and the waterfall
// tooltip's status worded as everywhere else ("Succeeded").
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, screenshot } from '../helpers/browser.ts';
import {
  ingestRequest,
  postIngest,
  spanIdOf,
  startTestServer,
  type TestServer,
  traceIdOf,
  wire,
} from '../helpers/server.ts';

if (!existsSync('out/renderer/index.html'))
  throw new Error('The UI is not built: run `npm run build` before the browser tests.');

let server: TestServer;
let browser: Browser;
const T0 = Date.now() - 60_000;
const TRACE = traceIdOf(900);
const SPOOF = 'invoice\u202Egpj.exe';
const ATTRS_TRACE = traceIdOf(901);
const LONG_KEY = 'spyglass.response.system_fingerprint';
const LONG_FRAME = `    at handleToolCall (file:///home/dev/agents/support/src/tools/${'nested/'.repeat(12)}refund.ts:42:17)`;

beforeAll(async () => {
  server = await startTestServer({ uiDir: 'out/renderer' });
  browser = await launchBrowser();
  const answer = await postIngest(
    server.url,
    ingestRequest([
      wire.traceStart(TRACE, T0, { name: `upload ${SPOOF}` }),
      wire.spanStart(TRACE, spanIdOf(1), null, T0, { name: SPOOF, type: 'tool', input: { path: '/tmp/a' } }),
      wire.spanEnd(TRACE, spanIdOf(1), T0 + 328, { output: 'stored', costUsd: 0.000028199999999999998 }),
      wire.traceEnd(TRACE, T0 + 330),
    ]),
  );
  expect(answer.status).toBe(200);
  // 5 top-level attributes that flatten to 21 rows, one key longer than a fixed column would show,
  // and a stack with a frame far wider than the inspector.
  const nested = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, i]));
  const attrs = await postIngest(
    server.url,
    ingestRequest([
      wire.traceStart(ATTRS_TRACE, T0 + 1_000, { name: 'attributes' }),
      wire.spanStart(ATTRS_TRACE, spanIdOf(2), null, T0 + 1_000, {
        name: 'refund_order',
        attributes: { [LONG_KEY]: 'fp_44709d6fcb', 'http.status_code': 500, nested, a: 'x', b: 'y' },
      }),
      wire.spanEnd(ATTRS_TRACE, spanIdOf(2), T0 + 1_100, {
        status: 'error',
        error: {
          type: 'RefundError',
          message: 'refund refused',
          stack: `RefundError: refund refused\n${LONG_FRAME}`,
        },
      }),
      wire.traceEnd(ATTRS_TRACE, T0 + 1_100),
    ]),
  );
  expect(attrs.status).toBe(200);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('polish', () => {
  it('spells out bidi controls in names, says "1 span", and "Succeeded" in the tooltip', async () => {
    for (const theme of ['dark', 'light'] as const) {
      const app = await openApp(browser, server, {
        theme,
        path: `/?trace=${TRACE}&view=waterfall`,
        viewport: { width: 1440, height: 900 },
      });
      const { page } = app;
      const visible = 'invoice⟨RLO⟩gpj.exe';
      await expect
        .poll(() => page.locator('.status-bar').textContent(), { timeout: 20_000 })
        .toContain('1 span in this trace');
      expect(await page.locator('.status-bar').textContent()).not.toContain('1 spans');
      await expect
        .poll(() => page.locator(`[data-trace-id="${TRACE}"]`).textContent(), { timeout: 20_000 })
        .toContain(`upload ${visible}`);
      await expect
        .poll(() => page.getByRole('treegrid', { name: 'Spans' }).textContent(), { timeout: 20_000 })
        .toContain(visible);
      expect(await page.locator('body').textContent()).not.toContain('\u202E');
      // Hover the bar: the tooltip says Succeeded, like the inspector.
      const bar = await page.evaluate(
        (id) =>
          (
            window.__spyglassDebug!.waterfall!.barRect as (
              id: string,
            ) => { x: number; y: number; width: number; height: number } | null
          )(id),
        spanIdOf(1),
      );
      await page.mouse.move(bar!.x + Math.min(10, bar!.width / 2), bar!.y + bar!.height / 2);
      await expect.poll(() => page.locator('body').textContent(), { timeout: 20_000 }).toContain('Succeeded');
      await screenshot(page, `polish-bidi-${theme}-1440`);
      expect(app.errors).toEqual([]);
      await app.close();
    }
  }, 90_000);

  it('the Raw tab shows the span without the internal previews, its cost without float noise', async () => {
    const app = await openApp(browser, server, {
      path: `/?trace=${TRACE}&span=${spanIdOf(1)}&view=waterfall`,
      viewport: { width: 1440, height: 900 },
    });
    const { page } = app;
    await page.locator('.inspector .tab', { hasText: 'Raw' }).click({ timeout: 20_000 });
    const raw = page.locator('.raw-json');
    await expect.poll(() => raw.textContent(), { timeout: 20_000 }).toContain('"costUsd": 0.0000282');
    const text = (await raw.textContent())!;
    expect(text).not.toContain('inputPreview');
    expect(text).not.toContain('outputPreview');
    expect(text).toContain('/tmp/a');
    await screenshot(page, 'polish-raw-dark-1440');
    expect(app.errors).toEqual([]);
    await app.close();
  }, 60_000);

  it('a narrow list with a trace open still shows status and start time (1024 px)', async () => {
    const app = await openApp(browser, server, {
      path: `/?trace=${TRACE}&view=waterfall`,
      viewport: { width: 1024, height: 768 },
    });
    const { page } = app;
    const row = page.locator(`[data-trace-id="${TRACE}"]`);
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
    const headers = await page.getByRole('columnheader').allTextContents();
    expect(headers.map((h) => h.trim())).toEqual(expect.arrayContaining(['Name', 'Started']));
    expect(await row.locator('.status-dot').count()).toBe(1);
    expect(await row.textContent()).toMatch(/\d\d:\d\d:\d\d/);
    await screenshot(page, 'polish-narrow-list-dark-1024');
    expect(app.errors).toEqual([]);
    await app.close();
  }, 60_000);

  it('the inspector shows long attribute keys and stack frames whole, and counts the rows it lists', async () => {
    const app = await openApp(browser, server, {
      path: `/?trace=${ATTRS_TRACE}&span=${spanIdOf(2)}&view=waterfall`,
      viewport: { width: 1440, height: 900 },
    });
    const { page } = app;
    // The stack wraps inside the inspector instead of running off its right edge.
    const stack = page.locator('.inspector .error-stack');
    await expect.poll(() => stack.textContent(), { timeout: 20_000 }).toContain('refund.ts:42:17');
    const stackFits = await stack.evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
    expect(stackFits).toBe(true);
    const tab = page.locator('.inspector .tab', { hasText: 'Attributes' });
    await expect.poll(() => tab.textContent(), { timeout: 20_000 }).toBe('Attributes (21)');
    await tab.click();
    const filter = page.getByLabel('Filter attributes');
    expect(await filter.getAttribute('placeholder')).toBe('Filter 21 attributes');
    // A table to assistive tech: 21 row headers, each key its own name.
    expect(
      await page
        .getByRole('table', { name: 'Attributes' })
        .getByRole('rowheader', { name: LONG_KEY })
        .count(),
    ).toBe(1);
    const keys = page.locator('.inspector [role="rowheader"]');
    await expect.poll(() => keys.count(), { timeout: 20_000 }).toBe(21);
    // Every key is shown whole: nothing cut off by a fixed-width column.
    const cut = await keys.evaluateAll((cells) =>
      cells.filter((cell) => cell.scrollWidth > cell.clientWidth + 1).map((cell) => cell.textContent),
    );
    expect(cut).toEqual([]);
    // The key column grows to the longest key, up to 60% of the table; only past that a key wraps.
    const layout = await page
      .locator('.inspector [role="rowheader"]', { hasText: LONG_KEY })
      .evaluate((cell) => ({
        lines: Math.round(
          cell.getBoundingClientRect().height / Number.parseFloat(getComputedStyle(cell).lineHeight),
        ),
        share:
          cell.getBoundingClientRect().width / cell.closest('[role="table"]')!.getBoundingClientRect().width,
      }));
    expect(layout.lines === 1 || layout.share > 0.59, JSON.stringify(layout)).toBe(true);
    await screenshot(page, 'polish-attributes-dark-1440');
    expect(app.errors).toEqual([]);
    await app.close();
  }, 60_000);
});
