// The trace list's search as a user meets it: a word in most traces' payloads answers its newest
// page without counting every match (store/searchList.ts), and the status bar then says how many
// traces are loaded, with a "+", instead of a total; a word whose matches all fit the first page
// gets an exact total, and loses it (back to "+") once a live trace the UI cannot match arrives.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NormalizedBatch } from '../../src/server/ingest/model.ts';
import { launchBrowser, openApp, statusBarTraceCount } from '../helpers/browser.ts';
import { postJson, startTestServer, type TestServer } from '../helpers/server.ts';

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ uiDir: 'out/renderer' });
  // 20,000 traces, "common" in both spans' input and output of each (160,000 full-text rows over
  // 157 blocks of span ids: more than one reader reads on through), "pangolin" in three, "okapi"
  // in 100 spread over all of them (a page of 200 reads every block, a page of 1 stops early).
  const batch: NormalizedBatch = { traces: [], spans: [], rejected: [] };
  const t0 = (Date.now() - 3_600_000) * 1000;
  for (let i = 0; i < 20_000; i++) {
    const traceId = hex(i + 1, 32);
    batch.traces.push({ traceId, name: 'support-agent' });
    for (const n of [1, 2])
      batch.spans.push({
        traceId,
        spanId: hex(n, 16),
        parentSpanId: n === 1 ? null : hex(1, 16),
        name: n === 1 ? 'agent' : 'chat',
        type: n === 1 ? 'agent' : 'llm',
        startUs: t0 + i * 1_000_000 + n,
        endUs: t0 + i * 1_000_000 + 500_000,
        input: `common question ${i % 8_000 === 7 ? 'pangolin' : ''} ${i % 200 === 3 ? 'okapi' : ''}`,
        output: 'common answer',
      });
  }
  server.store.applyBatches([batch]);
  server.store.indexSearch();
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('trace search in the UI', () => {
  it('says the loaded count for a common word and the exact total for a rare one', async () => {
    const app = await openApp(browser, server);
    const { page } = app;
    try {
      await expect.poll(() => statusBarTraceCount(page), { timeout: 20_000 }).toBe('20,000 traces');
      const search = page.getByLabel('Search traces');
      await search.fill('common');
      await expect.poll(() => statusBarTraceCount(page), { timeout: 20_000 }).toBe('200+ traces');
      await search.fill('pangolin');
      await expect.poll(() => statusBarTraceCount(page), { timeout: 20_000 }).toBe('3 traces');
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('says "N+" rather than an older total once a live trace may match and the count is unknown', async () => {
    const app = await openApp(browser, server);
    const { page } = app;
    try {
      await page.getByLabel('Search traces').fill('okapi');
      await expect.poll(() => statusBarTraceCount(page), { timeout: 20_000 }).toBe('100 traces');
      // A live trace the UI cannot match itself: the list asks for a one-row page, whose search
      // stops early and carries no total.
      const time = Date.now();
      const sent = await postJson(`${server.url}/api/ingest`, {
        protocol: 1,
        events: [
          { kind: 'trace.start', traceId: hex(0xabcdef, 32), name: 'late okapi', time },
          {
            kind: 'span.start',
            traceId: hex(0xabcdef, 32),
            spanId: hex(1, 16),
            parentSpanId: null,
            name: 'agent',
            type: 'agent',
            time,
            input: 'okapi again',
          },
        ],
      });
      expect(sent).toBeTruthy();
      await expect.poll(() => statusBarTraceCount(page), { timeout: 20_000 }).toBe('100+ traces');
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
