// Costs in table columns line up on the decimal point ("$12.40" over "$0.35" over "$0.0012"), in
// the trace list and in the span outline, so a glance down the column compares magnitudes.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, screenshot, showOutline } from '../helpers/browser.ts';
import {
  ingestRequest,
  postIngest,
  spanIdOf,
  startTestServer,
  type TestServer,
  traceIdOf,
  wire,
} from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
const COSTS = [12.4, 0.35, 0.0012];
const T0 = Date.now() - 60_000;
const MIXED = traceIdOf(0xc0);

beforeAll(async () => {
  server = await startTestServer({ uiDir: 'out/renderer' });
  const events = COSTS.flatMap((costUsd, i) => [
    wire.traceStart(traceIdOf(i + 1), T0 + i * 1000, { name: `run-${i}` }),
    wire.spanStart(traceIdOf(i + 1), spanIdOf(1), null, T0 + i * 1000, { type: 'llm' }),
    wire.spanEnd(traceIdOf(i + 1), spanIdOf(1), T0 + i * 1000 + 300, { costUsd }),
    wire.traceEnd(traceIdOf(i + 1), T0 + i * 1000 + 300),
  ]);
  // One trace whose spans cost the same three amounts, for the outline.
  events.push(wire.traceStart(MIXED, T0 + 5000, { name: 'mixed' }));
  events.push(wire.spanStart(MIXED, spanIdOf(10), null, T0 + 5000, { type: 'agent', name: 'root' }));
  COSTS.forEach((costUsd, i) => {
    events.push(wire.spanStart(MIXED, spanIdOf(11 + i), spanIdOf(10), T0 + 5000 + i * 10, { type: 'llm' }));
    events.push(wire.spanEnd(MIXED, spanIdOf(11 + i), T0 + 5000 + i * 10 + 5, { costUsd }));
  });
  events.push(wire.spanEnd(MIXED, spanIdOf(10), T0 + 5100));
  events.push(wire.traceEnd(MIXED, T0 + 5100));
  const sent = await postIngest(server.url, ingestRequest(events));
  expect(sent.status).toBe(200);
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Where each cost's decimal point sits (the left edge of its fraction), by cost text. */
const pointPositions = (page: Page, selector: string) =>
  page
    .locator(selector)
    .evaluateAll((nodes) =>
      nodes
        .filter((node) => node.getBoundingClientRect().width > 0)
        .map((node) => [node.parentElement!.textContent, Math.round(node.getBoundingClientRect().left)]),
    );

describe('cost columns', () => {
  it('line up on the decimal point in the trace list and the outline', async () => {
    for (const theme of ['dark', 'light'] as const) {
      const app = await openApp(browser, server, { theme, viewport: { width: 1440, height: 900 } });
      const { page } = app;
      try {
        const list = () => pointPositions(page, '[data-trace-id] .aligned-cost-fraction');
        await expect.poll(async () => (await list()).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
        const rows = await list();
        expect(rows.map(([text]) => text)).toEqual(expect.arrayContaining(['$12.40', '$0.35', '$0.0012']));
        expect(new Set(rows.map(([, x]) => x)).size, JSON.stringify(rows)).toBe(1);
        await screenshot(page, `cost-alignment-list-${theme}`);

        await page.goto(`${server.url}/?trace=${MIXED}&view=transcript`);
        await showOutline(page);
        // The outline drops its cost column when narrow: widen it by its handle, as a user would.
        const handle = (await page.getByRole('separator', { name: 'Resize outline' }).boundingBox())!;
        await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
        await page.mouse.down();
        await page.mouse.move(handle.x + 250, handle.y + handle.height / 2, { steps: 5 });
        await page.mouse.up();
        const outline = () => pointPositions(page, '.outline-col-cost .aligned-cost-fraction');
        await expect.poll(async () => (await outline()).length, { timeout: 20_000 }).toBe(3);
        const spans = await outline();
        expect(new Set(spans.map(([, x]) => x)).size, JSON.stringify(spans)).toBe(1);
        await screenshot(page, `cost-alignment-outline-${theme}`);
        expect(app.errors).toEqual([]);
      } finally {
        await app.close();
      }
    }
  });
});
