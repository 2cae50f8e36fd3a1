// The trace list: filters and full-text search kept in the URL (and restored on reload),
// client-side sorting, and a long list that stays virtualised while pages load by cursor.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { WireEvent } from '../../sdk/src/protocol.ts';
import { startTestServer, traceIdOf, spanIdOf, wire, type TestServer } from '../helpers/server.ts';
import { launchBrowser, openApp } from '../helpers/browser.ts';
import { agentRun, send } from './sampleTraces.ts';

if (!existsSync('out/renderer/index.html'))
  throw new Error('The UI is not built: run `npm run build` before the browser tests.');

let server: TestServer;
let browser: Browser;
const BULK = 1500;
const t0 = Date.now() - 3_600_000;

beforeAll(async () => {
  server = await startTestServer({ uiDir: 'out/renderer' });
  browser = await launchBrowser();
  // Many small traces (older), then a few distinctive ones (newer).
  for (let start = 0; start < BULK; start += 500) {
    const events: WireEvent[] = [];
    for (let n = start; n < start + 500; n++) {
      events.push(
        wire.traceStart(traceIdOf(10_000 + n), t0 + n * 100, {
          name: `bulk-${String(n).padStart(4, '0')}`,
          tags: ['bulk'],
        }),
      );
      events.push(wire.traceEnd(traceIdOf(10_000 + n), t0 + n * 100 + (n % 7) * 10, { status: 'success' }));
    }
    await send(server.url, events);
  }
  const late = Date.now() - 60_000;
  await send(server.url, agentRun(1, late, { name: 'refund-agent', tags: ['billing'] }).events);
  await send(server.url, agentRun(2, late + 1000, { name: 'weather-agent', tags: ['demo'] }).events);
  await send(server.url, [
    wire.traceStart(traceIdOf(3), late + 2000, { name: 'broken-agent', tags: ['demo'] }),
    wire.spanStart(traceIdOf(3), spanIdOf(3), null, late + 2001, {
      name: 'step',
      type: 'tool',
      input: { note: 'zanzibar-unique-word' },
    }),
    wire.spanEnd(traceIdOf(3), spanIdOf(3), late + 2100, { status: 'error', error: { message: 'boom' } }),
    wire.traceEnd(traceIdOf(3), late + 2110, { status: 'error' }),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const names = (page: Page) => page.locator('[data-trace-id] .cell-name-text').allTextContents();
const params = (page: Page) => new URL(page.url()).searchParams;

describe('trace list', () => {
  it('filters by status, tag and full-text search, keeps them in the URL and restores them on reload', async () => {
    const app = await openApp(browser, server);
    const { page } = app;
    await expect
      .poll(() => names(page).then((n) => n.slice(0, 3)))
      .toEqual(['broken-agent', 'weather-agent', 'refund-agent']);

    await page.getByLabel('Status').selectOption('error');
    await expect.poll(() => names(page)).toEqual(['broken-agent']);
    expect(params(page).get('status')).toBe('error');
    await page.getByLabel('Status').selectOption('');

    await page.getByLabel('Tag').fill('demo');
    await expect.poll(() => names(page)).toEqual(['broken-agent', 'weather-agent']);
    expect(params(page).get('tag')).toBe('demo');
    await page.getByLabel('Tag').fill('');
    await expect.poll(() => params(page).get('tag')).toBeNull();

    // Full-text search reaches into payloads.
    await page.locator('#trace-search').fill('zanzibar-unique-word');
    await expect.poll(() => names(page)).toEqual(['broken-agent']);
    expect(params(page).get('q')).toBe('zanzibar-unique-word');
    await page.reload();
    await expect.poll(() => names(page)).toEqual(['broken-agent']);
    expect(await page.locator('#trace-search').inputValue()).toBe('zanzibar-unique-word');

    // "/" focuses the list search when no trace is open; Esc clears it.
    await page.locator('#trace-list-body').focus();
    await page.keyboard.press('/');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('trace-search');
    await page.keyboard.press('Escape');
    await expect.poll(() => params(page).get('q')).toBeNull();
    await expect.poll(() => names(page).then((n) => n.length)).toBeGreaterThan(3);

    // A filter that matches nothing says so and offers a way out.
    await page.getByLabel('Tag').fill('no-such-tag');
    await expect.poll(() => page.getByText('No traces match these filters.').count()).toBe(1);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => names(page).then((n) => n[0])).toBe('broken-agent');
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('keeps only visible rows in the DOM and loads older pages by cursor while scrolling', async () => {
    const app = await openApp(browser, server);
    const { page } = app;
    const rows = page.locator('[data-trace-id]');
    await expect.poll(() => rows.count()).toBeGreaterThan(10);
    expect(await rows.count()).toBeLessThan(80);
    const body = page.locator('#trace-list-body');
    // Scroll to the end repeatedly: each time a page of older traces arrives.
    for (let i = 0; i < 20; i++) {
      await body.evaluate((el) => (el.scrollTop = el.scrollHeight));
      const last = await rows.last().textContent();
      if (last?.includes('bulk-0000')) break;
      await page.waitForTimeout(100);
    }
    await expect.poll(() => rows.last().textContent()).toContain('bulk-0000');
    expect(await rows.count()).toBeLessThan(80);
    await expect
      .poll(() => page.locator('.status-bar').textContent())
      .toContain(`${(BULK + 3).toLocaleString('en-US')} traces`);
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('sorts the loaded rows by a column and says so; a third click returns to newest first', async () => {
    const app = await openApp(browser, server);
    const { page } = app;
    await expect.poll(() => names(page).then((n) => n[0])).toBe('broken-agent');
    const spansHeader = page.getByRole('columnheader', { name: 'Spans' });
    await spansHeader.click();
    await expect.poll(() => page.locator('.notice').textContent()).toContain('by span count');
    // The agent runs have 6 spans, the most of any trace.
    await expect
      .poll(() => names(page).then((n) => n.slice(0, 2).sort()))
      .toEqual(['refund-agent', 'weather-agent']);
    await spansHeader.click();
    await spansHeader.click();
    await expect.poll(() => page.locator('.notice').count()).toBe(0);
    await expect.poll(() => names(page).then((n) => n[0])).toBe('broken-agent');
    expect(app.errors).toEqual([]);
    await app.close();
  });
});
