// The Sessions tab narrows to one user and sorts by any column: a header click sorts, a second
// flips, a third restores the collector's order (latest activity first).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, screenshot } from '../helpers/browser.ts';
import { spanIdOf, startTestServer, type TestServer, traceIdOf, wire } from '../helpers/server.ts';
import { send } from './sampleTraces.ts';

let server: TestServer;
let browser: Browser;
const T0 = Date.now() - 600_000;

/** Sessions a–d: a has 3 turns, b 1, c 2, d 4; a and c are ada's, b is grace's, d has no user. */
const SESSIONS: { id: string; turns: number; userId?: string }[] = [
  { id: 'sess-a', turns: 3, userId: 'ada' },
  { id: 'sess-b', turns: 1, userId: 'grace' },
  { id: 'sess-c', turns: 2, userId: 'ada' },
  { id: 'sess-d', turns: 4 },
];

beforeAll(async () => {
  server = await startTestServer({ uiDir: 'out/renderer' });
  let n = 0;
  const events = SESSIONS.flatMap((session, s) =>
    Array.from({ length: session.turns }, (_, t) => {
      const traceId = traceIdOf(++n);
      const start = T0 + s * 60_000 + t * 5_000;
      return [
        wire.traceStart(traceId, start, {
          name: 'concierge',
          sessionId: session.id,
          ...(session.userId ? { userId: session.userId } : {}),
        }),
        wire.spanStart(traceId, spanIdOf(n), null, start, { type: 'agent', name: 'turn' }),
        wire.spanEnd(traceId, spanIdOf(n), start + 1_000),
        wire.traceEnd(traceId, start + 1_000),
      ];
    }).flat(),
  );
  await send(server.url, events);
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const sessionOrder = (page: Page) =>
  page.locator('[data-session-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-session-id')));

describe('sessions list', () => {
  it('filters by user and sorts by any column', async () => {
    const app = await openApp(browser, server, {
      path: '/?list=sessions',
      viewport: { width: 1440, height: 900 },
    });
    const { page } = app;
    try {
      // The collector's order: latest activity first.
      await expect
        .poll(() => sessionOrder(page), { timeout: 20_000 })
        .toEqual(['sess-d', 'sess-c', 'sess-b', 'sess-a']);

      const turns = page.getByRole('columnheader', { name: 'Turns' });
      await turns.click();
      await expect.poll(() => sessionOrder(page)).toEqual(['sess-d', 'sess-a', 'sess-c', 'sess-b']);
      expect(await turns.getAttribute('aria-sort')).toBe('descending');
      await turns.click();
      await expect.poll(() => sessionOrder(page)).toEqual(['sess-b', 'sess-c', 'sess-a', 'sess-d']);
      expect(await turns.getAttribute('aria-sort')).toBe('ascending');
      await turns.click();
      await expect.poll(() => sessionOrder(page)).toEqual(['sess-d', 'sess-c', 'sess-b', 'sess-a']);
      expect(await turns.getAttribute('aria-sort')).toBeNull();
      // Text columns sort ascending first; sessions without a user come last.
      await page.getByRole('columnheader', { name: 'User' }).click();
      await expect.poll(() => sessionOrder(page)).toEqual(['sess-c', 'sess-a', 'sess-b', 'sess-d']);

      const user = page.getByLabel('User', { exact: true });
      await user.fill('ada');
      await expect.poll(() => sessionOrder(page), { timeout: 20_000 }).toEqual(['sess-c', 'sess-a']);
      await expect.poll(() => page.locator('.session-count').textContent()).toBe('2 sessions');
      await screenshot(page, 'sessions-user-filter-dark');
      await user.fill('nobody');
      await expect
        .poll(() => page.locator('.list-empty').textContent(), { timeout: 20_000 })
        .toContain('No session of user “nobody”');
      await user.fill('');
      await expect.poll(() => sessionOrder(page), { timeout: 20_000 }).toHaveLength(4);
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('keeps the session-id search in the URL: a link, a reload and Back restore it', async () => {
    const app = await openApp(browser, server, {
      path: '/?list=sessions&search=a',
      viewport: { width: 1024, height: 768 },
    });
    const { page } = app;
    const params = () => new URL(page.url()).searchParams;
    const search = page.getByLabel('Search sessions');
    try {
      // A shared link opens with the field filled and the list narrowed ("a": only sess-a).
      await expect.poll(() => sessionOrder(page), { timeout: 20_000 }).toEqual(['sess-a']);
      expect(await search.inputValue()).toBe('a');
      await search.fill('c');
      await expect.poll(() => params().get('search'), { timeout: 20_000 }).toBe('c');
      await expect.poll(() => sessionOrder(page), { timeout: 20_000 }).toEqual(['sess-c']);
      await page.reload();
      await expect.poll(() => sessionOrder(page), { timeout: 20_000 }).toEqual(['sess-c']);
      expect(await search.inputValue()).toBe('c');
      // Opening the session and going Back returns to the searched list.
      await page.locator('[data-session-id="sess-c"]').click();
      await expect.poll(() => params().get('session')).toBe('sess-c');
      await page.goBack();
      await expect.poll(() => params().get('session')).toBeNull();
      expect(params().get('search')).toBe('c');
      await expect.poll(() => search.inputValue()).toBe('c');
      await search.fill('');
      await expect.poll(() => params().get('search'), { timeout: 20_000 }).toBeNull();
      await expect.poll(() => sessionOrder(page), { timeout: 20_000 }).toHaveLength(4);
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('keeps the user filter and the column sort in the URL: reload and Back restore them', async () => {
    for (const theme of ['dark', 'light'] as const) {
      for (const viewport of [
        { width: 1440, height: 900 },
        { width: 1024, height: 768 },
      ]) {
        const app = await openApp(browser, server, { theme, path: '/?list=sessions', viewport });
        const { page } = app;
        const params = () => new URL(page.url()).searchParams;
        try {
          await expect.poll(() => sessionOrder(page), { timeout: 20_000 }).toHaveLength(4);
          const turns = page.getByRole('columnheader', { name: 'Turns' });
          await turns.click();
          await turns.click(); // ascending: b, c, a, d
          await expect.poll(() => params().get('sort')).toBe('turns');
          await page.getByLabel('User', { exact: true }).fill('ada');
          await expect.poll(() => params().get('user'), { timeout: 20_000 }).toBe('ada');
          await expect.poll(() => sessionOrder(page), { timeout: 20_000 }).toEqual(['sess-c', 'sess-a']);

          // A reload restores both: the field, the narrowed rows, the order and the header's state.
          await page.reload();
          await expect.poll(() => sessionOrder(page), { timeout: 20_000 }).toEqual(['sess-c', 'sess-a']);
          expect(await page.getByLabel('User', { exact: true }).inputValue()).toBe('ada');
          expect(await turns.getAttribute('aria-sort')).toBe('ascending');
          await screenshot(page, `sessions-url-state-${theme}-${viewport.width}`);

          // Opening a session is a history entry; Back returns to the same list.
          await page.locator('[data-session-id="sess-a"]').click();
          await expect.poll(() => params().get('session')).toBe('sess-a');
          expect(params().get('user')).toBe('ada');
          await page.getByLabel('User', { exact: true }).fill('');
          await turns.click(); // back to the collector's order
          await expect.poll(() => params().get('user'), { timeout: 20_000 }).toBeNull();
          await expect.poll(() => params().get('sort')).toBeNull();
          await page.goBack();
          await expect.poll(() => params().get('session')).toBeNull();
          await expect.poll(() => page.getByLabel('User', { exact: true }).inputValue()).toBe('ada');
          await expect.poll(() => sessionOrder(page), { timeout: 20_000 }).toEqual(['sess-c', 'sess-a']);
          expect(await turns.getAttribute('aria-sort')).toBe('ascending');
          // Forward again: the state that entry left (every user, the collector's order).
          await page.goForward();
          await expect.poll(() => params().get('session')).toBe('sess-a');
          await expect.poll(() => page.getByLabel('User', { exact: true }).inputValue()).toBe('');
          await expect.poll(() => sessionOrder(page), { timeout: 20_000 }).toHaveLength(4);
          expect(app.errors).toEqual([]);
        } finally {
          await app.close();
        }
      }
    }
  });
});
