// The desktop-only parts of Settings, in the real UI with the preload's API stood in for (the
// window.spyglass object the desktop app's preload provides; Electron itself cannot run here):
// the collector port in use versus the saved one, and the API key on a Linux system without a
// keychain, where the key is saved only after the user agrees to plain-text storage.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, screenshot } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let browser: Browser;
let server: TestServer;
beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startTestServer({ uiDir: 'out/renderer' })]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A stand-in for the preload API: 4318 was taken at start, and safeStorage is basic_text. */
function desktopStandIn() {
  const calls: unknown[][] = [];
  let saved = 4318;
  let stored = false;
  const status = () => ({ stored, encryptionAvailable: true, plainTextOnly: true });
  (window as unknown as { __calls: unknown[][] }).__calls = calls;
  (window as unknown as { spyglass: unknown }).spyglass = {
    collectorUrl: location.origin,
    version: 'test',
    platform: 'linux',
    openTraceFile: async () => null,
    saveFile: async () => null,
    getApiKeyStatus: async () => status(),
    setApiKey: async (key: string, allowPlainText?: boolean) => {
      calls.push(['setApiKey', key, allowPlainText]);
      if (!allowPlainText) throw new Error('plain text refused');
      stored = true;
      return status();
    },
    clearApiKey: async () => {
      stored = false;
      return status();
    },
    getCollectorPort: async () => ({ inUse: 4319, saved, defaultPort: 4318 }),
    saveCollectorPort: async (port: number) => {
      calls.push(['saveCollectorPort', port]);
      saved = port;
      return { inUse: 4319, saved, defaultPort: 4318 };
    },
  };
}

describe('desktop settings', () => {
  it('shows the port in use for this run, saves another, and asks before storing a key as plain text', async () => {
    for (const [theme, width] of [
      ['dark', 1440],
      ['light', 1024],
    ] as const) {
      const app = await openApp(browser, server, {
        theme,
        viewport: { width, height: 900 },
        initScript: desktopStandIn,
      });
      try {
        const { page } = app;
        await page.getByRole('button', { name: 'Settings' }).click({ timeout: 20_000 });
        const settings = page.getByRole('dialog', { name: 'Settings' });
        const port = settings.getByRole('region', { name: 'Collector port' });
        await expect
          .poll(() => port.textContent(), { timeout: 20_000 })
          .toContain('for this run only: port 4318 was taken');
        const key = settings.getByLabel('API key');
        await key.fill('sk-test');
        const saveKey = settings.getByRole('button', { name: 'Save key' });
        expect(await saveKey.isDisabled()).toBe(true);
        expect(await settings.textContent()).toContain('stored as plain text');
        await screenshot(page, `settings-desktop-${theme}-${width}`);

        await settings.getByLabel('Store the key as plain text').check();
        await saveKey.click();
        await expect
          .poll(() => settings.textContent(), { timeout: 20_000 })
          .toContain('A key is stored as plain text');

        await settings.getByLabel('Port for every start').fill('4400');
        await settings.getByRole('button', { name: 'Save for next start' }).click();
        await expect.poll(() => port.textContent(), { timeout: 20_000 }).toContain('point them here');
        expect(await page.evaluate(() => (window as unknown as { __calls: unknown[][] }).__calls)).toEqual([
          ['setApiKey', 'sk-test', true],
          ['saveCollectorPort', 4400],
        ]);
        expect(app.errors).toEqual([]);
      } finally {
        await app.close();
      }
    }
  });
});
