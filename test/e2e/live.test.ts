// Issue 2: a trace sent over HTTP appears in an open page without a reload, and updates live.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestServer, spanIdOf, traceIdOf, wire, type TestServer } from '../helpers/server.ts';
import {
  holdFeedSubscriptions,
  launchBrowser,
  openApp,
  screenshot,
  showOutline,
} from '../helpers/browser.ts';
import { agentRun, send } from './sampleTraces.ts';

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

/** Trace n, running, with its root span (span n·10+1) running: an agent's first events. */
async function startRun(n: number, name: string): Promise<{ traceId: string; t0: number }> {
  const traceId = traceIdOf(n);
  const t0 = Date.now();
  await send(server.url, [
    wire.traceStart(traceId, t0, { name }),
    wire.spanStart(traceId, spanIdOf(n * 10 + 1), null, t0 + 1, { name: 'root', type: 'agent' }),
  ]);
  return { traceId, t0 };
}

describe('live trace list', () => {
  it('shows the empty state, then a trace sent over HTTP without reloading, then its updates', async () => {
    const app = await openApp(browser, server, { theme: 'dark' });
    const { page } = app;
    await expect
      .poll(() => page.getByText('Waiting for the first trace').count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await expect.poll(() => page.locator('.feed-state').textContent(), { timeout: 20_000 }).toContain('Live');
    await expect.poll(() => page.getByText(`${server.url}/v1/traces`).count(), { timeout: 20_000 }).toBe(1);
    // The SDK install shown works from a checkout (the registry has no @spyglass/sdk yet).
    const install = await page.getByLabel('SDK install').textContent();
    expect(install).toContain('npm pack');
    expect(install).toMatch(/npm install \S+\/sdk\/spyglass-sdk-[\d.]+\.tgz/);
    await screenshot(page, 'empty-state-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await screenshot(page, 'empty-state-light');
    await page.emulateMedia({ colorScheme: 'dark' });

    // A marker that a reload would wipe.
    await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

    const traceId = traceIdOf(1);
    const t0 = Date.now();
    await send(server.url, [
      wire.traceStart(traceId, t0, { name: 'live-arrival-agent' }),
      wire.spanStart(traceId, spanIdOf(1), null, t0 + 1, { name: 'plan', type: 'agent' }),
    ]);
    const row = page.locator(`[data-trace-id="${traceId}"]`);
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('live-arrival-agent');
    expect(await row.getAttribute('class')).toContain('status-row-running');
    await expect.poll(() => row.locator('.status-running').count()).toBe(1);

    // It finishes: the same row turns successful, still without a reload.
    await send(server.url, [
      wire.spanEnd(traceId, spanIdOf(1), t0 + 400, { status: 'success' }),
      wire.traceEnd(traceId, t0 + 410, { status: 'success' }),
    ]);
    await expect.poll(() => row.getAttribute('class')).toContain('status-row-success');
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

    // A second trace lands on top (newest first).
    const second = agentRun(2, t0 + 1000);
    await send(server.url, second.events);
    await expect
      .poll(() => page.locator('[data-trace-id]').first().getAttribute('data-trace-id'))
      .toBe(second.traceId);
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('grows an open running trace live: new spans appear in the outline, the running one ends', async () => {
    const { traceId, t0 } = await startRun(50, 'growing-agent');
    const app = await openApp(browser, server, { path: `/?trace=${traceId}&span=${spanIdOf(501)}` });
    const { page } = app;
    await showOutline(page);
    await expect.poll(() => page.locator('.outline-row').count()).toBe(1);
    expect(await page.locator('.outline-row .spinner').count()).toBe(1);
    const latency = () => page.locator('.inspector .facts').textContent();
    const before = await latency();
    await expect.poll(latency).not.toBe(before); // the running span's latency ticks

    await send(server.url, [
      wire.spanStart(traceId, spanIdOf(502), spanIdOf(501), t0 + 20, {
        name: 'search_docs',
        type: 'retrieval',
      }),
    ]);
    await expect.poll(() => page.locator('.outline-row').count()).toBe(2);
    expect(await page.locator('.outline-row').nth(1).textContent()).toContain('search_docs');

    await send(server.url, [
      wire.spanEnd(traceId, spanIdOf(502), t0 + 300, { status: 'success' }),
      wire.spanEnd(traceId, spanIdOf(501), t0 + 320, { status: 'success' }),
      wire.traceEnd(traceId, t0 + 330, { status: 'success' }),
    ]);
    await expect.poll(() => page.locator('.outline-row .spinner').count()).toBe(0);
    await expect.poll(() => page.locator('.trace-header .status-label').textContent()).toBe('Succeeded');
    await expect.poll(latency).toContain('319ms');
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('puts live spans in their place in the open tree: by start time, and orphans under the parent that comes', async () => {
    const traceId = traceIdOf(60);
    const t0 = Date.now();
    await send(server.url, [
      wire.traceStart(traceId, t0, { name: 'ordered-agent' }),
      wire.spanStart(traceId, spanIdOf(601), null, t0 + 1, { name: 'root', type: 'agent' }),
      wire.spanStart(traceId, spanIdOf(602), spanIdOf(601), t0 + 10, { name: 'first', type: 'tool' }),
      wire.spanStart(traceId, spanIdOf(603), spanIdOf(601), t0 + 30, { name: 'third', type: 'tool' }),
    ]);
    // Opened from the list once the feed is Live: a running trace opened from the address as the
    // window starts may be fetched again as the collector takes its subscription (a build of its
    // own), when something committed in between.
    const app = await openApp(browser, server);
    const { page } = app;
    await expect.poll(() => page.locator('.feed-state').textContent(), { timeout: 20_000 }).toContain('Live');
    await page.locator(`[data-trace-id="${traceId}"]`).click();
    await showOutline(page);
    const rows = async () =>
      page
        .locator('.outline-row')
        .evaluateAll((els) => els.map((el) => `${el.getAttribute('aria-level')} ${el.textContent}`));
    await expect.poll(async () => (await rows()).length).toBe(3);

    // Sent later, started between the two: it goes between them.
    await send(server.url, [
      wire.spanStart(traceId, spanIdOf(604), spanIdOf(601), t0 + 20, { name: 'second', type: 'tool' }),
    ]);
    await expect.poll(async () => (await rows()).length).toBe(4);
    const names = async () =>
      (await rows()).map((r) => /(root|first|second|third|child|parent)/.exec(r)?.[1]);
    expect(await names()).toEqual(['root', 'first', 'second', 'third']);

    // A span whose parent has not come yet shows as an orphan root; when the parent comes, it
    // moves under it.
    await send(server.url, [
      wire.spanStart(traceId, spanIdOf(606), spanIdOf(605), t0 + 41, { name: 'child', type: 'llm' }),
    ]);
    await expect.poll(names).toEqual(['root', 'first', 'second', 'third', 'child']);
    expect(await page.locator('.outline-row .mark-orphan').count()).toBe(1);
    await send(server.url, [
      wire.spanStart(traceId, spanIdOf(605), spanIdOf(601), t0 + 40, { name: 'parent', type: 'agent' }),
    ]);
    await expect.poll(names).toEqual(['root', 'first', 'second', 'third', 'parent', 'child']);
    expect(await page.locator('.outline-row .mark-orphan').count()).toBe(0);
    expect((await rows()).map((r) => Number(r.split(' ')[0]))).toEqual([1, 2, 2, 2, 2, 3]);
    // Each change was applied to the tree on screen, none by building it again.
    const made = await page.evaluate(() => window.__spyglassDebug?.traceTree);
    expect(made?.builds ?? 0).toBe(0);
    expect(made?.updates).toBeGreaterThanOrEqual(3);
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('misses nothing committed while the collector takes its subscriptions: a new trace, a span of the open one', async () => {
    const { traceId, t0 } = await startRun(70, 'opened-at-start');
    const feed = holdFeedSubscriptions();
    const app = await openApp(browser, server, {
      path: `/?trace=${traceId}&span=${spanIdOf(701)}`,
      beforeLoad: feed.beforeLoad,
    });
    const { page } = app;
    await showOutline(page);
    await expect.poll(() => page.locator('.outline-row').count()).toBe(1);
    await expect.poll(feed.held).toBeGreaterThanOrEqual(2);
    expect(await page.locator('.feed-state').textContent()).not.toContain('Live');

    // Committed after the page fetched the list and the trace, before the collector follows for it.
    const unseen = traceIdOf(71);
    await send(server.url, [
      wire.spanStart(traceId, spanIdOf(702), spanIdOf(701), t0 + 5, { name: 'quick_tool', type: 'tool' }),
      wire.spanEnd(traceId, spanIdOf(702), t0 + 9, { status: 'success' }),
      wire.traceStart(unseen, t0 + 10, { name: 'started-meanwhile' }),
      wire.traceEnd(unseen, t0 + 20, { status: 'success' }),
    ]);
    feed.release();
    await expect.poll(() => page.locator('.feed-state').textContent(), { timeout: 20_000 }).toContain('Live');
    await expect.poll(() => page.locator(`[data-trace-id="${unseen}"]`).count()).toBe(1);
    await expect.poll(() => page.locator('.outline-row').count()).toBe(2);
    expect(await page.locator('.outline-row').nth(1).textContent()).toContain('quick_tool');
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('reads a trace opened while Live again when it changed before the collector followed it', async () => {
    const { traceId, t0 } = await startRun(73, 'opened-while-live');
    const feed = holdFeedSubscriptions();
    feed.release();
    const app = await openApp(browser, server, { beforeLoad: feed.beforeLoad });
    const { page } = app;
    await expect.poll(() => page.locator('.feed-state').textContent(), { timeout: 20_000 }).toContain('Live');
    // The trace's subscription is held; its fetch goes out and is answered.
    feed.hold();
    await page.locator(`[data-trace-id="${traceId}"]`).click();
    await showOutline(page);
    await expect.poll(() => page.locator('.outline-row').count()).toBe(1);
    await expect.poll(feed.held).toBe(1);
    await send(server.url, [
      wire.spanStart(traceId, spanIdOf(732), spanIdOf(731), t0 + 5, { name: 'between_reads', type: 'tool' }),
      wire.spanEnd(traceId, spanIdOf(732), t0 + 9, { status: 'success' }),
    ]);
    feed.release();
    await expect.poll(() => page.locator('.outline-row').count()).toBe(2);
    expect(await page.locator('.outline-row').nth(1).textContent()).toContain('between_reads');
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('reads the list and a running trace once as a window starts on an idle collector', async () => {
    const { traceId } = await startRun(74, 'read-once');
    const app = await openApp(browser, server, { path: `/?trace=${traceId}&span=${spanIdOf(741)}` });
    const { page } = app;
    const reads: string[] = [];
    page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (pathname === '/api/traces' || pathname === `/api/traces/${traceId}`) reads.push(pathname);
    });
    await page.reload();
    await showOutline(page);
    await expect.poll(() => page.locator('.outline-row').count()).toBe(1);
    await expect.poll(() => page.locator('.feed-state').textContent(), { timeout: 20_000 }).toContain('Live');
    // A trace committed now comes over the socket after the subscriptions' acks: once it shows, the
    // page has had both acks and made whatever reads they called for.
    const later = traceIdOf(75);
    await send(server.url, [wire.traceStart(later, Date.now(), { name: 'after-the-acks' })]);
    await expect.poll(() => page.locator(`[data-trace-id="${later}"]`).count()).toBe(1);
    await page.waitForLoadState('networkidle');
    expect(reads.sort()).toEqual(['/api/traces', `/api/traces/${traceId}`]);
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('switches back to a cached trace without reading it again, unless it changed meanwhile', async () => {
    const finished = async (n: number, name: string) => {
      const traceId = traceIdOf(n);
      const t0 = Date.now();
      await send(server.url, [
        wire.traceStart(traceId, t0, { name }),
        wire.spanStart(traceId, spanIdOf(n * 10 + 1), null, t0 + 1, { name: 'root', type: 'agent' }),
        wire.spanEnd(traceId, spanIdOf(n * 10 + 1), t0 + 50, { status: 'success' }),
        wire.traceEnd(traceId, t0 + 60, { status: 'success' }),
      ]);
      return { traceId, t0 };
    };
    const first = await finished(76, 'switched-back-to');
    const second = await finished(77, 'switched-away-to');
    const app = await openApp(browser, server);
    const { page } = app;
    const reads: string[] = [];
    page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (pathname.startsWith('/api/traces/')) reads.push(pathname.slice('/api/traces/'.length));
    });
    await expect.poll(() => page.locator('.feed-state').textContent(), { timeout: 20_000 }).toContain('Live');
    /** Opens a trace from the list; resolves once the page has had its subscription's ack. */
    const open = async (traceId: string, marker: number) => {
      await page.locator(`[data-trace-id="${traceId}"]`).click();
      await showOutline(page);
      await expect.poll(() => page.locator('.outline-row').first().textContent()).toContain('root');
      // A trace committed after the click comes over the socket after the ack of the subscription
      // the click sent: once it shows, the page has made whatever read the ack called for.
      const later = traceIdOf(marker);
      await send(server.url, [wire.traceStart(later, Date.now(), { name: `after-ack-${marker}` })]);
      await expect.poll(() => page.locator(`[data-trace-id="${later}"]`).count()).toBe(1);
      await page.waitForLoadState('networkidle');
    };
    await open(first.traceId, 780);
    await open(second.traceId, 781);
    await open(first.traceId, 782);
    expect(reads.filter((id) => id === first.traceId)).toHaveLength(1);

    // Changed while no view followed it: switching back reads it again and shows the change.
    await open(second.traceId, 783);
    await send(server.url, [
      wire.spanStart(first.traceId, spanIdOf(762), spanIdOf(761), first.t0 + 5, {
        name: 'late_tool',
        type: 'tool',
      }),
      wire.spanEnd(first.traceId, spanIdOf(762), first.t0 + 9, { status: 'success' }),
    ]);
    await open(first.traceId, 784);
    await expect.poll(() => page.locator('.outline-row').count()).toBe(2);
    expect(await page.locator('.outline-row').nth(1).textContent()).toContain('late_tool');
    expect(reads.filter((id) => id === first.traceId)).toHaveLength(2);
    expect(reads.filter((id) => id === second.traceId)).toHaveLength(1);
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('says when the live feed is down and reconnecting', async () => {
    const own = await startTestServer({ uiDir: 'out/renderer' });
    const app = await openApp(browser, own);
    const { page } = app;
    await expect.poll(() => page.locator('.feed-state').textContent()).toContain('Live');
    await own.close();
    await expect.poll(() => page.locator('.feed-state').textContent()).toContain('Reconnecting');
    await screenshot(page, 'status-reconnecting-dark');
    await app.close();
  });
});
