// The span search of an open trace finds text anywhere in a span's payloads, not only in the
// names and the first few hundred characters: the skeleton carries no payload previews, and the
// collector searches whole inputs, outputs and errors (GET /api/traces/:id/search).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp } from '../helpers/browser.ts';
import {
  getJson,
  ingestRequest,
  postIngest,
  spanIdOf,
  startTestServer,
  traceIdOf,
  wire,
  type TestServer,
} from '../helpers/server.ts';

const TRACE = traceIdOf(0x5ea);
const T0 = Date.UTC(2026, 0, 1);
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ uiDir: 'out/renderer' });
  const filler = 'The agent looked at the order history and the shipping table. '.repeat(20);
  const events = [
    wire.traceStart(TRACE, T0, { name: 'refund agent' }),
    wire.spanStart(TRACE, spanIdOf(1), null, T0, { name: 'agent', type: 'agent' }),
    wire.spanStart(TRACE, spanIdOf(2), spanIdOf(1), T0 + 1, {
      name: 'lookup order',
      type: 'tool',
      // The word sits ~1,300 characters in: past any preview.
      input: { note: `${filler} Then it found zanzibarite in the refund log.` },
    }),
    wire.spanEnd(TRACE, spanIdOf(2), T0 + 5, { output: 'ok' }),
    wire.spanStart(TRACE, spanIdOf(3), spanIdOf(1), T0 + 6, { name: 'answer', type: 'llm' }),
    wire.spanEnd(TRACE, spanIdOf(3), T0 + 9, { output: `${filler} zanzibarite again, in the reply.` }),
    wire.spanEnd(TRACE, spanIdOf(1), T0 + 10),
  ];
  const { status } = await postIngest(server.url, ingestRequest(events));
  expect(status).toBe(200);
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('span search', () => {
  it('the collector answers the spans of one trace whose payloads match, and checks its input', async () => {
    const found = await getJson(`${server.url}/api/traces/${TRACE}/search?q=zanzibarite`);
    expect(found.status).toBe(200);
    expect(found.body.spanIds.sort()).toEqual([spanIdOf(2), spanIdOf(3)]);
    expect(found.body.truncated).toBe(false);
    expect((await getJson(`${server.url}/api/traces/${TRACE}/search?q=`)).status).toBe(400);
    const unknown = await getJson(`${server.url}/api/traces/${traceIdOf(0xdead)}/search?q=x`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatch(/No trace with id/);
  });

  it('finds a word deep inside a payload from the trace view, and steps through the matches', async () => {
    const app = await openApp(browser, server, { path: `/?trace=${TRACE}&view=waterfall` });
    try {
      const { page } = app;
      await page.locator('#span-search').fill('zanzibarite');
      const count = page.locator('.span-search .search-count');
      await expect.poll(() => count.textContent(), { timeout: 20_000 }).toBe('– / 2');
      await page.locator('#span-search').press('Enter');
      await expect
        .poll(() => new URL(page.url()).searchParams.get('span'), { timeout: 20_000 })
        .toBe(spanIdOf(2));
      await expect.poll(() => count.textContent(), { timeout: 20_000 }).toBe('1 / 2');
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
