// The trace list's Model and Tag filters as a user meets them: part of a model name finds its
// traces, the field suggests the models the collector knows with their trace counts, and the
// status bar says the exact total of matching traces, also when it is counted after the page.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NormalizedBatch } from '../../src/server/ingest/model.ts';
import { launchBrowser, openApp, statusBarTraceCount } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const hex = (n: number) => n.toString(16).padStart(32, '0');
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ uiDir: 'out/renderer' });
  const batch: NormalizedBatch = { traces: [], spans: [], rejected: [] };
  const t0 = (Date.now() - 3_600_000) * 1000;
  for (let i = 0; i < 300; i++) {
    const claude = i % 50 === 0;
    batch.traces.push({ traceId: hex(i + 1), name: claude ? 'planner' : 'support-agent', tags: ['prod'] });
    batch.spans.push({
      traceId: hex(i + 1),
      spanId: '0000000000000001',
      parentSpanId: null,
      name: 'chat',
      type: 'llm',
      model: claude ? 'claude-3-5-sonnet-20241022' : 'gpt-4o-mini-2024-07-18',
      startUs: t0 + i * 1_000_000,
      endUs: t0 + i * 1_000_000 + 800_000,
    });
  }
  server.store.applyBatches([batch]);
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('trace list filters in the UI', () => {
  it('finds traces by part of a model name, suggests known models with counts, and says the total', async () => {
    const app = await openApp(browser, server);
    const { page } = app;
    try {
      await expect.poll(() => statusBarTraceCount(page), { timeout: 20_000 }).toBe('300 traces');
      const model = page.getByLabel('Model', { exact: true });
      await model.fill('claude');
      await expect.poll(() => statusBarTraceCount(page), { timeout: 20_000 }).toBe('6 traces');
      await expect
        .poll(() => page.locator('[data-trace-id] .cell-name-text').allTextContents(), { timeout: 20_000 })
        .toEqual(Array(6).fill('planner'));
      expect(new URL(page.url()).searchParams.get('model')).toBe('claude');
      // The suggestions: what the collector knows that contains the text, with trace counts.
      const listId = await model.getAttribute('list');
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
        .toEqual(['claude-3-5-sonnet-20241022 · 6 traces']);
      await model.fill('');
      await expect.poll(() => statusBarTraceCount(page), { timeout: 20_000 }).toBe('300 traces');
      await page.getByLabel('Tag', { exact: true }).fill('PRO');
      await expect.poll(() => statusBarTraceCount(page), { timeout: 20_000 }).toBe('300 traces');
      // Two filters and more matches than the first page: the page comes without its total, which
      // the list then asks for on its own (GET /api/traces/count).
      await model.fill('gpt');
      await expect.poll(() => statusBarTraceCount(page), { timeout: 20_000 }).toBe('294 traces');
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
