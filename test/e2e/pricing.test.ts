// The price table in the app: the status bar names it, clicking it opens Settings, where a price
// file can be loaded (the status bar and new costs follow), a file that is no price table is
// refused with the collector's reason, and the bundled table comes back with one click.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.ts';
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

const HOUSE_PRICES = JSON.stringify({
  'house-model': { litellm_provider: 'openai', input_cost_per_token: 1e-6, output_cost_per_token: 2e-6 },
  'house-model-mini': { litellm_provider: 'openai', input_cost_per_token: 1e-7, output_cost_per_token: 2e-7 },
});

describe('model prices in the app', () => {
  for (const theme of ['dark', 'light'] as const) {
    it(`loads a price file from Settings and goes back to the bundled table (${theme})`, async () => {
      const app = await openApp(browser, server, { theme });
      const { page } = app;
      try {
        const status = page.locator('.status-bar').getByRole('button', { name: /^Prices:/ });
        await expect
          .poll(() => status.textContent())
          .toMatch(/^Prices: npm @pydantic\/genai-prices@[\d.]+, \d{4}-\d{2}-\d{2}$/);
        await status.click();
        const dialog = page.getByRole('dialog', { name: 'Settings' });
        const section = dialog.getByRole('region', { name: 'Model prices' });
        await expect.poll(() => section.textContent()).toMatch(/shipped with Spyglass/);
        expect(await section.getByRole('button', { name: 'Use bundled table' }).isDisabled()).toBe(true);

        await section.locator('input[type=file]').setInputFiles({
          name: 'team-prices.json',
          mimeType: 'application/json',
          buffer: Buffer.from(HOUSE_PRICES),
        });
        await expect
          .poll(() => section.textContent())
          .toMatch(/file team-prices\.json \(LiteLLM format\).*2 models · loaded from a file/);
        await expect
          .poll(() => status.textContent())
          .toMatch(/^Prices: file team-prices\.json \(LiteLLM format\), \d{4}-\d{2}-\d{2}$/);
        await screenshot(page, `settings-prices-${theme}`);

        // Not a price table: refused with the reason, the loaded table stays.
        await section.locator('input[type=file]').setInputFiles({
          name: 'notes.json',
          mimeType: 'application/json',
          buffer: Buffer.from('{"notes": "none"'),
        });
        const alert = section.getByRole('alert');
        await expect.poll(() => alert.textContent()).toMatch(/price file notes\.json is not valid JSON/);
        expect(await status.textContent()).toMatch(/team-prices\.json/);

        await section.getByRole('button', { name: 'Use bundled table' }).click();
        await expect.poll(() => status.textContent()).toMatch(/^Prices: npm @pydantic\/genai-prices/);
        expect(await section.getByRole('alert').count()).toBe(0);
        await page.keyboard.press('Escape');
        expect(await dialog.count()).toBe(0);
        // Only the refused upload's 422 may be in the console.
        expect(app.errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
      } finally {
        await app.close();
      }
    });
  }
});
