// The trace list's attribute filter as a user meets it: type an expression, press Enter, and it
// becomes a removable chip that narrows the list (and stays in the URL across a reload); a bad
// expression is named on the spot; keys the collector has seen are suggested.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attributeTracesRequest } from '../helpers/attributeTraces.ts';
import { launchBrowser, openApp, screenshot, statusBarTraceCount } from '../helpers/browser.ts';
import { postJson, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ uiDir: 'out/renderer' });
  const sent = await postJson(`${server.url}/v1/traces`, attributeTracesRequest(Date.now() - 3_600_000));
  expect(sent.status).toBe(200);
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const chips = (page: Page) => page.locator('.attr-chip-text').allTextContents();

describe('attribute filters in the UI', () => {
  it('adds expressions as chips that narrow the list, names a bad one, and keeps them in the URL', async () => {
    const app = await openApp(browser, server, { viewport: { width: 1440, height: 900 } });
    const { page } = app;
    try {
      await expect.poll(() => statusBarTraceCount(page), { timeout: 20_000 }).toBe('40 traces');
      const input = page.getByLabel('Attribute filter', { exact: true });
      await input.fill('app.tenant = acme');
      await input.press('Enter');
      await expect.poll(() => statusBarTraceCount(page), { timeout: 20_000 }).toBe('4 traces');
      expect(await chips(page)).toEqual(['app.tenant=acme']);
      expect(await input.inputValue()).toBe('');
      await input.fill('gen_ai.request.max_tokens>=3100');
      await input.press('Enter');
      await expect.poll(() => statusBarTraceCount(page), { timeout: 20_000 }).toBe('1 trace');
      expect(new URL(page.url()).searchParams.getAll('attr')).toEqual([
        'app.tenant=acme',
        'gen_ai.request.max_tokens>=3100',
      ]);

      // A comparison with no number: said at once, the list untouched, the draft kept to fix.
      await input.fill('gen_ai.request.temperature>warm');
      await input.press('Enter');
      await expect
        .poll(() => page.getByRole('alert').textContent(), { timeout: 20_000 })
        .toMatch(/needs a number \(got "warm"\)/);
      expect(await input.getAttribute('aria-invalid')).toBe('true');
      expect(await input.inputValue()).toBe('gen_ai.request.temperature>warm');
      expect(await chips(page)).toHaveLength(2);
      await screenshot(page, 'attribute-filters-error-dark-1440');
      await page.setViewportSize({ width: 1024, height: 768 });
      await screenshot(page, 'attribute-filters-error-dark-1024');
      await page.setViewportSize({ width: 1440, height: 900 });
      await input.fill('');

      // A reload restores the chips from the URL.
      await page.reload();
      await expect.poll(() => statusBarTraceCount(page), { timeout: 20_000 }).toBe('1 trace');
      expect(await chips(page)).toEqual(['app.tenant=acme', 'gen_ai.request.max_tokens>=3100']);
      for (const theme of ['dark', 'light'] as const) {
        await page.emulateMedia({ colorScheme: theme });
        await screenshot(page, `attribute-filters-${theme}-1440`);
      }
      await page.setViewportSize({ width: 1024, height: 768 });
      await screenshot(page, 'attribute-filters-light-1024');

      await page
        .getByRole('button', { name: 'Remove attribute filter gen_ai.request.max_tokens>=3100' })
        .click();
      await expect.poll(() => statusBarTraceCount(page), { timeout: 20_000 }).toBe('4 traces');
      await page.getByRole('button', { name: 'Remove attribute filter app.tenant=acme' }).click();
      await expect.poll(() => statusBarTraceCount(page), { timeout: 20_000 }).toBe('40 traces');
      expect(new URL(page.url()).searchParams.has('attr')).toBe(false);
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('counts live traces that may match, and shows them on Refresh', async () => {
    const app = await openApp(browser, server, { path: `/?attr=${encodeURIComponent('app.tenant=acme')}` });
    const { page } = app;
    try {
      await expect.poll(() => statusBarTraceCount(page), { timeout: 20_000 }).toBe('4 traces');
      // The list comes over HTTP and the live feed over its own socket: a trace sent before the
      // collector has the page's subscription is never announced. "Live" is shown once it has.
      await expect
        .poll(() => page.locator('.feed-state').textContent(), { timeout: 20_000 })
        .toContain('Live');
      // A new acme run arrives: its attributes are not in the live summary, so it is counted, not shown.
      const start = BigInt(Date.now()) * 1_000_000n;
      const span = {
        traceId: 'a'.repeat(32),
        spanId: 'b'.repeat(16),
        name: 'agent-live',
        startTimeUnixNano: String(start),
        endTimeUnixNano: String(start + 500_000_000n),
        attributes: [{ key: 'app.tenant', value: { stringValue: 'acme' } }],
      };
      const sent = await postJson(`${server.url}/v1/traces`, {
        resourceSpans: [
          { resource: { attributes: [] }, scopeSpans: [{ scope: { name: 't' }, spans: [span] }] },
        ],
      });
      expect(sent.status).toBe(200);
      const notice = page.locator('.notice-accent');
      await expect
        .poll(() => notice.textContent(), { timeout: 20_000 })
        .toContain('1 new trace may match the attribute filters');
      await notice.getByRole('button', { name: 'Refresh' }).click();
      await expect.poll(() => statusBarTraceCount(page), { timeout: 20_000 }).toBe('5 traces');
      expect(await page.locator(`[data-trace-id="${'a'.repeat(32)}"]`).count()).toBe(1);
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('suggests attribute keys the collector has seen, with trace counts', async () => {
    const app = await openApp(browser, server);
    const { page } = app;
    try {
      const input = page.getByLabel('Attribute filter', { exact: true });
      await input.fill('tenant');
      const listId = await input.getAttribute('list');
      await expect
        .poll(
          () =>
            page
              .locator(`datalist[id="${listId}"] option`)
              .evaluateAll((options) =>
                options.map((o) => `${(o as HTMLOptionElement).value} · ${(o as HTMLOptionElement).label}`),
              ),
          { timeout: 20_000 },
        )
        .toEqual([expect.stringMatching(/^app\.tenant · 4[01] traces$/)]); // 41 once the live test's run is in
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
