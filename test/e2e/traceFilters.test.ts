// The trace list's filters find what a user types: model and tag match substrings, with a
// dropdown of the known values and their counts, and the status bar gives the exact total.
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireEvent } from '../../sdk/src/protocol.ts';
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
const T0 = Date.now() - 3_600_000;
const MODELS = ['claude-3-5-sonnet-20241022', 'gpt-4o-mini-2024-07-18'];
const TAGS = ['prod-eu', 'staging', 'prod-us'];

beforeAll(async () => {
  server = await startTestServer({ uiDir: 'out/renderer' });
  browser = await launchBrowser();
  const events: WireEvent[] = [];
  for (let i = 0; i < 12; i++) {
    const t = traceIdOf(500 + i);
    events.push(
      wire.traceStart(t, T0 + i * 1000, { name: `run ${i}`, tags: [TAGS[i % 3]!] }),
      wire.spanStart(t, spanIdOf(1), null, T0 + i * 1000, { type: 'llm', model: MODELS[i % 2]! }),
      wire.spanEnd(t, spanIdOf(1), T0 + i * 1000 + 10),
      wire.traceEnd(t, T0 + i * 1000 + 20),
    );
  }
  expect((await postIngest(server.url, ingestRequest(events))).status).toBe(200);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const statusCount = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('.status-bar > span')]
      .map((n) => n.textContent)
      .find((t) => / traces?$/.test(t ?? '')),
  );
const options = (page: Page, id: string) =>
  page
    .locator(`datalist#${id} option`)
    .evaluateAll((nodes) =>
      nodes.map((n) => `${(n as HTMLOptionElement).value} · ${(n as HTMLOptionElement).label}`),
    );

describe('trace list filters', () => {
  it('finds traces by part of a model or tag name, suggests known values with counts, and counts them all', async () => {
    for (const [theme, width] of [
      ['dark', 1440],
      ['light', 1024],
    ] as const) {
      const app = await openApp(browser, server, {
        theme,
        viewport: { width, height: width === 1440 ? 900 : 768 },
      });
      const { page } = app;
      await expect.poll(() => page.locator('[data-trace-id]').count(), { timeout: 20_000 }).toBe(12);
      expect(await statusCount(page)).toBe('12 traces');
      const model = page.getByRole('combobox', { name: 'Model' });
      await model.click();
      await model.fill('claude');
      await expect.poll(() => page.locator('[data-trace-id]').count(), { timeout: 20_000 }).toBe(6);
      await expect.poll(() => statusCount(page), { timeout: 20_000 }).toBe('6 traces');
      await expect
        .poll(() => options(page, 'model-values'), { timeout: 20_000 })
        .toEqual([`${MODELS[0]} · 6 traces`]);
      const tag = page.getByRole('combobox', { name: 'Tag' });
      await tag.click();
      await tag.fill('PROD');
      await expect
        .poll(() => options(page, 'tag-values'), { timeout: 20_000 })
        .toEqual(['prod-eu · 4 traces', 'prod-us · 4 traces']);
      await expect.poll(() => page.locator('[data-trace-id]').count(), { timeout: 20_000 }).toBe(4);
      await expect.poll(() => statusCount(page), { timeout: 20_000 }).toBe('4 traces');
      await screenshot(page, `trace-filters-${theme}-${width}`);
      expect(app.errors).toEqual([]);
      await app.close();
    }
  }, 120_000);
});
