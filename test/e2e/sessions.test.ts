// Issue 13, point 4: traces that share a session id read as one conversation. The Sessions tab
// lists them (turns, duration, tokens, cost, errors); a session opens as a chat thread whose
// turns each open their trace; everything works by keyboard, survives a reload, and new turns
// of an open session arrive live.
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireEvent } from '../../sdk/src/protocol.ts';
import { holdFeedSubscriptions, launchBrowser, openApp, screenshot } from '../helpers/browser.ts';
import { spanIdOf, startTestServer, traceIdOf, wire, type TestServer } from '../helpers/server.ts';
import { send } from './sampleTraces.ts';

if (!existsSync('out/renderer/index.html'))
  throw new Error('The UI is not built: run `npm run build` before the browser tests.');

let server: TestServer;
let browser: Browser;
let next = 1;
const T0 = Date.now() - 30 * 60_000;

const QUESTIONS = ['Find me a flight to Lisbon on Friday', 'Is there anything cheaper?', 'Book the 7:05 one'];
const ANSWERS = ['TAP 1352 leaves at 9:40 for €182.', 'Ryanair 7:05 for €64.', ''];

/** One turn of a conversation: a trace with a chat model call, answering or failing. */
function turn(
  sessionId: string,
  startMs: number,
  question: string,
  answer: string | null,
  options: { userId?: string; history?: string[] } = {},
): { traceId: string; events: WireEvent[] } {
  const traceId = traceIdOf(next++);
  const root = spanIdOf(next * 10);
  const llm = spanIdOf(next * 10 + 1);
  const messages = [
    { role: 'system', content: 'You are a travel agent.' },
    ...(options.history ?? []).map((content, i) => ({ role: i % 2 ? 'assistant' : 'user', content })),
    { role: 'user', content: question },
  ];
  const failed = answer === null;
  const events: WireEvent[] = [
    wire.traceStart(traceId, startMs, {
      name: 'travel-agent',
      sessionId,
      ...(options.userId ? { userId: options.userId } : {}),
      input: { messages },
    }),
    wire.spanStart(traceId, root, null, startMs + 1, { name: 'travel-agent', type: 'agent' }),
    wire.spanStart(traceId, llm, root, startMs + 5, {
      name: 'chat gpt-4o-mini',
      type: 'llm',
      model: 'gpt-4o-mini',
      input: { model: 'gpt-4o-mini', messages },
    }),
    wire.spanEnd(traceId, llm, startMs + 1_800, {
      status: failed ? 'error' : 'success',
      ...(failed
        ? { error: { message: 'Booking API 503', type: 'HTTPError' } }
        : { output: answer, promptTokens: 300, completionTokens: 40, totalTokens: 340, costUsd: 0.0021 }),
    }),
    wire.spanEnd(traceId, root, startMs + 2_000, { status: failed ? 'error' : 'success' }),
    wire.traceEnd(traceId, startMs + 2_000, {
      status: failed ? 'error' : 'success',
      ...(failed ? {} : { output: answer }),
    }),
  ];
  return { traceId, events };
}

const trip: string[] = [];

beforeAll(async () => {
  server = await startTestServer({ uiDir: 'out/renderer' });
  browser = await launchBrowser();
  const events: WireEvent[] = [];
  // The trip conversation: two answers, then a booking that fails.
  for (let i = 0; i < 3; i++) {
    const history = QUESTIONS.slice(0, i).flatMap((q, k) => [q, ANSWERS[k]!]);
    const t = turn('trip-42', T0 + i * 60_000, QUESTIONS[i]!, i === 2 ? null : ANSWERS[i]!, {
      userId: 'ada@example.com',
      history,
    });
    trip.push(t.traceId);
    events.push(...t.events);
  }
  events.push(...turn('support-7', T0 + 5 * 60_000, 'Where is my refund?', 'It was sent on Monday.').events);
  // A trace of no session: listed as a trace, not as a session.
  events.push(...turn('', T0 + 6 * 60_000, 'one-off', 'done').events.map(dropSession));
  await send(server.url, events);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function dropSession(event: WireEvent): WireEvent {
  if (event.kind !== 'trace.start') return event;
  const { sessionId: _, ...rest } = event;
  return rest as WireEvent;
}

const rowOf = (page: Page, sessionId: string) => page.locator(`.session-row[data-session-id="${sessionId}"]`);
const turnTexts = (page: Page) =>
  page.locator('.session-turn').evaluateAll((cards) =>
    cards.map((card) => ({
      user: card.querySelector('.bubble-user .bubble-text')?.textContent ?? null,
      agent: card.querySelector('.bubble-agent .bubble-text')?.textContent ?? null,
    })),
  );
const focusedTraceId = (page: Page) =>
  page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.traceId ?? null);

describe('sessions', () => {
  it('lists sessions, reads one as a chat thread and opens a turn, all by keyboard', {
    timeout: 180_000,
  }, async () => {
    const app = await openApp(browser, server, { theme: 'dark', viewport: { width: 1440, height: 900 } });
    const { page } = app;
    await page.locator('.trace-row').first().waitFor({ timeout: 20_000 });

    // The list pane's tabs: reached with Tab like any control, switched with the arrow keys.
    const tracesTab = page.getByRole('tab', { name: 'Traces' });
    expect(await tracesTab.getAttribute('aria-selected')).toBe('true');
    await tracesTab.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.url(), { timeout: 20_000 }).toContain('list=sessions');
    expect(await page.getByRole('tab', { name: 'Sessions' }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => page.locator('.session-row').count(), { timeout: 20_000 }).toBe(2);

    // Newest activity first, with the roll-up of each conversation.
    const ids = await page
      .locator('.session-row')
      .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.sessionId));
    expect(ids).toEqual(['support-7', 'trip-42']);
    const tripRow = rowOf(page, 'trip-42');
    const cell = (key: string) => tripRow.locator(`.cell-${key}`).textContent();
    expect(await cell('name')).toContain('trip-42');
    expect(await cell('turns')).toBe('3');
    expect(await cell('duration')).toBe('2m 02s');
    expect(await cell('tokens')).toBe('680');
    expect(await cell('cost')).toBe('$0.0042');
    expect(await cell('errors')).toBe('1');
    expect(await tripRow.locator('.status-error').count()).toBe(1);
    expect(await page.locator('.session-count').textContent()).toBe('2 sessions');
    await screenshot(page, 'sessions-list-dark-1440');

    // Arrow keys in the list open a session beside it; Enter goes into its thread.
    await page.locator('#session-list-body').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.url()).toContain('session=trip-42');
    await expect.poll(() => page.locator('.session-turn').count(), { timeout: 20_000 }).toBe(3);
    expect(await page.locator('.session-title').textContent()).toBe('trip-42');
    expect(await page.locator('.session-stats').textContent()).toContain('ada@example.com');
    expect(await page.locator('.session-stats').textContent()).toContain('3 turns');
    // Each turn: this turn's user message (not the history its request repeats), the final answer.
    expect(await turnTexts(page)).toEqual([
      { user: QUESTIONS[0], agent: ANSWERS[0] },
      { user: QUESTIONS[1], agent: ANSWERS[1] },
      { user: QUESTIONS[2], agent: 'The run failed before it answered.' },
    ]);
    const third = page.locator('.session-turn').nth(2);
    expect(await third.getAttribute('class')).toContain('status-turn-error');
    expect(await third.locator('.turn-status').textContent()).toBe('Failed');
    expect(await page.locator('.session-turn').first().locator('.turn-figures').textContent()).toMatch(
      /Succeeded.*2s.*340 tok.*\$0\.0021/,
    );
    await screenshot(page, 'session-view-dark-1440');

    await page.keyboard.press('Enter');
    await expect.poll(() => focusedTraceId(page)).toBe(trip[0]);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => focusedTraceId(page)).toBe(trip[1]);
    await page.keyboard.press('Enter');
    // The turn's trace opens where the session was; the list still shows the sessions.
    await expect.poll(() => page.url()).toContain(`trace=${trip[1]}`);
    await page.locator('.workspace').waitFor({ timeout: 20_000 });
    expect(await page.locator('.session-view').count()).toBe(0);
    expect(await rowOf(page, 'trip-42').getAttribute('aria-selected')).toBe('true');
    await screenshot(page, 'session-turn-trace-dark-1440');

    // A reload restores the tab, the session and the trace.
    await page.reload();
    await page.locator('.workspace').waitFor({ timeout: 20_000 });
    expect(await page.getByRole('tab', { name: 'Sessions' }).getAttribute('aria-selected')).toBe('true');
    await expect
      .poll(() => rowOf(page, 'trip-42').getAttribute('aria-selected'), { timeout: 20_000 })
      .toBe('true');

    // Back returns to the conversation, as does the notice over the list.
    await page.goBack();
    await expect.poll(() => page.locator('.session-turn').count(), { timeout: 20_000 }).toBe(3);
    await page.locator('.session-turn').nth(2).locator('.turn-open').click();
    await expect.poll(() => page.url()).toContain(`trace=${trip[2]}`);
    await page.getByRole('button', { name: 'Back to the conversation' }).click();
    await expect.poll(() => page.locator('.session-turn').count(), { timeout: 20_000 }).toBe(3);
    expect(page.url()).not.toContain('trace=');

    // The Traces tab is one arrow away and shows the trace list again.
    await page.getByRole('tab', { name: 'Sessions' }).focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.locator('.trace-row').count(), { timeout: 20_000 }).toBe(5);
    expect(page.url()).not.toContain('list=sessions');
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('shows a new turn of the open session live, and the list counts it', async () => {
    const app = await openApp(browser, server, {
      theme: 'light',
      path: '/?list=sessions&session=support-7',
      viewport: { width: 1440, height: 900 },
    });
    const { page } = app;
    await expect.poll(() => page.locator('.session-turn').count(), { timeout: 20_000 }).toBe(1);
    await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
    const later = turn('support-7', Date.now(), 'Can you resend it?', 'Resent to your card ending 4242.');
    await send(server.url, later.events);
    await expect.poll(() => page.locator('.session-turn').count(), { timeout: 20_000 }).toBe(2);
    expect((await turnTexts(page))[1]).toEqual({
      user: 'Can you resend it?',
      agent: 'Resent to your card ending 4242.',
    });
    await expect
      .poll(() => rowOf(page, 'support-7').locator('.cell-turns').textContent(), { timeout: 20_000 })
      .toBe('2');
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    expect(app.errors).toEqual([]);
    await app.close();
  });

  // One test a theme and width, so a busy machine's slow screenshots never add up to one timeout.
  for (const theme of ['dark', 'light'] as const) {
    for (const width of [1440, 1024]) {
      it(`renders the list and a session in the ${theme} theme at ${width} px`, async () => {
        const app = await openApp(browser, server, {
          theme,
          path: '/?list=sessions',
          viewport: { width, height: width === 1440 ? 900 : 768 },
        });
        const { page } = app;
        await expect.poll(() => page.locator('.session-row').count(), { timeout: 20_000 }).toBe(2);
        await screenshot(page, `sessions-list-${theme}-${width}`);
        await rowOf(page, 'trip-42').click();
        await expect.poll(() => page.locator('.session-turn').count(), { timeout: 20_000 }).toBe(3);
        // The narrow list keeps the session, its turns and when it was active.
        const headers = await page.locator('.session-table .trace-table-header .cell').allTextContents();
        expect(headers).toEqual(expect.arrayContaining(['Session', 'Turns', 'Last active']));
        await screenshot(page, `session-view-${theme}-${width}`);
        expect(app.errors).toEqual([]);
        await app.close();
      });
    }
  }
});

describe('sessions at scale', () => {
  it('keeps only visible rows in the DOM and pages older sessions in while scrolling', async () => {
    const events: WireEvent[] = [];
    const start = T0 - 24 * 60 * 60_000;
    for (let i = 0; i < 450; i++)
      events.push(...turn(`bulk-${String(i).padStart(3, '0')}`, start + i * 1_000, `q${i}`, `a${i}`).events);
    await send(server.url, events);
    const app = await openApp(browser, server, {
      path: '/?list=sessions',
      viewport: { width: 1440, height: 900 },
    });
    const { page } = app;
    await expect
      .poll(() => page.locator('.session-count').textContent(), { timeout: 20_000 })
      .toBe('452 sessions');
    expect(await page.locator('.session-row').count()).toBeLessThan(80);
    const body = page.locator('#session-list-body');
    // The oldest session is on the third page (200 a page): scrolling to the end fetches them in turn.
    await expect
      .poll(
        async () => {
          await body.evaluate((element) => {
            element.scrollTop = element.scrollHeight;
          });
          return page.locator('.session-row[data-session-id="bulk-000"]').count();
        },
        { timeout: 30_000 },
      )
      .toBe(1);
    expect(await page.locator('.session-row').count()).toBeLessThan(80);
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('clamps a long answer to a few lines, with Show all to read it whole', async () => {
    const answer = Array.from({ length: 40 }, (_, i) => `Line ${i + 1} of the itinerary.`).join('\n');
    await send(server.url, turn('long-1', Date.now(), 'Plan the whole week', answer).events);
    const app = await openApp(browser, server, { path: '/?list=sessions&session=long-1' });
    const { page } = app;
    const text = page.locator('.bubble-agent .bubble-text');
    await text.waitFor({ timeout: 20_000 });
    const fits = () => text.evaluate((element) => element.scrollHeight <= element.clientHeight + 1);
    expect(await fits()).toBe(false);
    expect(await text.textContent()).toBe(answer);
    await page.getByRole('button', { name: 'Show all' }).click();
    await expect.poll(fits).toBe(true);
    expect(await page.getByRole('button', { name: 'Show less' }).count()).toBe(1);
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('misses no turn or session committed while the collector takes its subscriptions', async () => {
    const first = turn('gap-1', Date.now() - 60_000, 'Where is my parcel?', 'It left the depot at 9:12.');
    await send(server.url, first.events);
    const feed = holdFeedSubscriptions();
    const app = await openApp(browser, server, {
      path: '/?list=sessions&session=gap-1',
      beforeLoad: feed.beforeLoad,
    });
    const { page } = app;
    await expect.poll(() => page.locator('.session-turn').count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => rowOf(page, 'gap-1').count()).toBe(1);
    await expect.poll(feed.held).toBeGreaterThanOrEqual(1);
    // Committed after the page read the list and the session, before the collector follows for it.
    const second = turn('gap-1', Date.now() - 30_000, 'And when will it come?', 'Tomorrow before noon.');
    const other = turn('gap-2', Date.now() - 20_000, 'Cancel my order', 'Cancelled.');
    await send(server.url, [...second.events, ...other.events]);
    feed.release();
    await expect.poll(() => page.locator('.session-turn').count(), { timeout: 20_000 }).toBe(2);
    expect((await turnTexts(page))[1]).toEqual({
      user: 'And when will it come?',
      agent: 'Tomorrow before noon.',
    });
    await expect.poll(() => rowOf(page, 'gap-2').count(), { timeout: 20_000 }).toBe(1);
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('reads the session list and the open session once as a window starts on an idle collector', async () => {
    const only = turn('read-once', Date.now() - 60_000, 'Is the store open?', 'Until 8 pm.');
    await send(server.url, only.events);
    const app = await openApp(browser, server, { path: '/?list=sessions&session=read-once' });
    const { page } = app;
    const reads: string[] = [];
    page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (pathname.startsWith('/api/sessions')) reads.push(pathname);
    });
    await page.reload();
    await expect.poll(() => page.locator('.session-turn').count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => page.locator('.feed-state').textContent(), { timeout: 20_000 }).toContain('Live');
    // The list's ack, which says Live, is where the page decides to read again: any read it asked
    // for has gone out by now, and has come back once the network is idle.
    await page.waitForLoadState('networkidle');
    expect(reads.sort()).toEqual(['/api/sessions', '/api/sessions/read-once']);
    expect(app.errors).toEqual([]);
    await app.close();
  });
});
