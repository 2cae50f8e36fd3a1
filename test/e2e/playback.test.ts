// Time-travel playback (issue 6): spans appear and finish in the order they really happened,
// stepped with Shift+→ and played with Space; the inspector shows a step's input, then its
// output once it ends; the waterfall's ruler scrubs; a live trace is followed at its head.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { spanIdOf, startTestServer, traceIdOf, wire, type TestServer } from '../helpers/server.ts';
import { launchBrowser, openApp, screenshot, showOutline, type OpenedApp } from '../helpers/browser.ts';
import { send } from './sampleTraces.ts';
import { agentTrace } from '../../bench/fixtures/agentTrace.ts';
import { ingestTrace } from '../../bench/fixtures/ingest.ts';

if (!existsSync('out/renderer/index.html'))
  throw new Error('The UI is not built: run `npm run build` before the browser tests.');

let server: TestServer;
let browser: Browser;

const traceId = traceIdOf(600);
const id = (k: number) => spanIdOf(6000 + k);
const ids = { root: id(1), plan: id(2), web: id(3), docs: id(4), fetch: id(5), answer: id(6) };
const t0 = Date.now() - 120_000;
/** The 18-span support agent (nested agents, parallel tools, a failed refund) for screenshots. */
const support = agentTrace(Date.now() - 600_000);

/**
 * A research agent: plan, then two searches in parallel (the web one fetching a page inside
 * it), then the answer. Sent deliberately out of order (ends before starts, children before
 * parents): only the recorded times may decide the replay order.
 */
const events = [
  wire.traceStart(traceId, t0, { name: 'research-agent', input: 'What changed in the Q3 pricing?' }),
  wire.spanEnd(traceId, ids.answer, t0 + 7400, {
    status: 'success',
    output: {
      choices: [{ message: { role: 'assistant', content: 'Q3 pricing: **Pro** went from $20 to $24.' } }],
    },
    promptTokens: 1800,
    completionTokens: 90,
    totalTokens: 1890,
  }),
  wire.spanStart(traceId, ids.fetch, ids.web, t0 + 2600, {
    name: 'fetch_page',
    type: 'tool',
    input: { url: 'https://example.com/pricing' },
  }),
  wire.spanStart(traceId, ids.web, ids.root, t0 + 1900, {
    name: 'search_web',
    type: 'retrieval',
    input: { query: 'Q3 pricing change' },
  }),
  wire.spanStart(traceId, ids.root, null, t0, {
    name: 'research-agent',
    type: 'agent',
    input: 'What changed in the Q3 pricing?',
  }),
  wire.spanStart(traceId, ids.plan, ids.root, t0 + 100, {
    name: 'plan',
    type: 'llm',
    model: 'gpt-4o-mini',
    input: {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Plan the research: PLAN-INPUT-MARKER' }],
    },
  }),
  wire.spanEnd(traceId, ids.plan, t0 + 1800, {
    status: 'success',
    output: {
      choices: [
        { message: { role: 'assistant', content: 'Search the web and the docs. PLAN-OUTPUT-MARKER' } },
      ],
    },
    promptTokens: 120,
    completionTokens: 40,
    totalTokens: 160,
  }),
  wire.spanStart(traceId, ids.docs, ids.root, t0 + 2100, {
    name: 'search_docs',
    type: 'retrieval',
    input: { query: 'pricing' },
  }),
  wire.spanEnd(traceId, ids.docs, t0 + 3900, { status: 'success', output: ['pricing.md', 'changelog.md'] }),
  wire.spanEnd(traceId, ids.fetch, t0 + 4600, { status: 'success', output: { status: 200, bytes: 48213 } }),
  wire.spanEnd(traceId, ids.web, t0 + 5200, { status: 'success', output: ['example.com/pricing'] }),
  wire.spanStart(traceId, ids.answer, ids.root, t0 + 5400, {
    name: 'answer',
    type: 'llm',
    model: 'gpt-4o',
    input: { model: 'gpt-4o', messages: [{ role: 'user', content: 'Summarise the findings' }] },
  }),
  wire.spanEnd(traceId, ids.root, t0 + 7500, { status: 'success' }),
  wire.traceEnd(traceId, t0 + 7500, { status: 'success', output: 'Pro went from $20 to $24.' }),
];

/** The recorded order of span starts and ends, as the transport bar names the latest one. */
const RECORDED = [
  'started research-agent',
  'started plan',
  'ended plan',
  'started search_web',
  'started search_docs',
  'started fetch_page',
  'ended search_docs',
  'ended fetch_page',
  'ended search_web',
  'started answer',
  'ended answer',
  'ended research-agent',
];

beforeAll(async () => {
  server = await startTestServer({ uiDir: 'out/renderer' });
  browser = await launchBrowser();
  await send(server.url, events);
  await ingestTrace(server.url, support);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const outlineIds = (page: Page) =>
  page.locator('.outline-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-span-id')));
const waterfallIds = (page: Page) =>
  page.evaluate(() => (window.__spyglassDebug?.waterfall?.visibleSpanIds as string[] | undefined) ?? []);
const latestEvent = async (page: Page) => {
  const bar = page.getByTestId('playback-event');
  return `${await bar.locator('.pb-kind').textContent()} ${await bar.locator('.pb-name').textContent()}`;
};
const playheadMs = (page: Page) =>
  page.evaluate(() => (window.__spyglassDebug?.waterfall?.playheadMs as number | null | undefined) ?? null);

async function openInPlayback(theme: 'dark' | 'light' = 'dark'): Promise<OpenedApp> {
  const app = await openApp(browser, server, { theme, path: `/?trace=${traceId}&view=waterfall` });
  await showOutline(app.page); // these tests hold the outline and the waterfall to one playhead
  await expect.poll(() => app.page.locator('.outline-row').count()).toBe(6);
  await app.page.getByTestId('replay-button').click();
  await expect.poll(() => app.page.getByTestId('playback-bar').count()).toBe(1);
  return app;
}

describe('playback', () => {
  it('steps with Shift+→ through starts and ends in the recorded order, in the outline and the waterfall', async () => {
    const app = await openInPlayback();
    const { page } = app;
    // Paused at the start: only the root has begun.
    await expect.poll(() => outlineIds(page)).toEqual([ids.root]);
    await expect.poll(() => waterfallIds(page)).toEqual([ids.root]);
    expect(await latestEvent(page)).toBe(RECORDED[0]);

    const seen = [RECORDED[0]];
    const appearedInOutline: string[] = [];
    const appearedInWaterfall: string[] = [];
    let outlineBefore = new Set([ids.root]);
    let waterfallBefore = new Set([ids.root]);
    for (let step = 1; step < RECORDED.length; step++) {
      await page.keyboard.press('Shift+ArrowRight');
      await expect.poll(() => latestEvent(page)).toBe(RECORDED[step]);
      seen.push(await latestEvent(page));
      const outline = (await outlineIds(page)) as string[];
      appearedInOutline.push(...outline.filter((spanId) => !outlineBefore.has(spanId)));
      outlineBefore = new Set(outline);
      await expect.poll(async () => new Set(await waterfallIds(page))).toEqual(outlineBefore);
      const waterfall = await waterfallIds(page);
      appearedInWaterfall.push(...waterfall.filter((spanId) => !waterfallBefore.has(spanId)));
      waterfallBefore = new Set(waterfall);
    }
    expect(seen).toEqual(RECORDED);
    const startOrder = [ids.plan, ids.web, ids.docs, ids.fetch, ids.answer];
    expect(appearedInOutline).toEqual(startOrder);
    expect(appearedInWaterfall).toEqual(startOrder);
    // Rows keep the tree's order as they appear: the nested fetch sits under search_web.
    expect(await outlineIds(page)).toEqual([ids.root, ids.plan, ids.web, ids.fetch, ids.docs, ids.answer]);

    // Shift+← undoes one event at a time.
    await page.keyboard.press('Shift+ArrowLeft');
    await expect.poll(() => latestEvent(page)).toBe(RECORDED[RECORDED.length - 2]);
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowLeft');
    await expect.poll(() => latestEvent(page)).toBe('ended fetch_page');
    await expect.poll(() => outlineIds(page)).toEqual([ids.root, ids.plan, ids.web, ids.fetch, ids.docs]);
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('draws spans running at the playhead as running, and completed ones as recorded', async () => {
    const app = await openInPlayback();
    const { page } = app;
    for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => latestEvent(page)).toBe('started fetch_page');
    // root, search_web, search_docs and fetch_page are running; plan has finished.
    const spinning = () =>
      page
        .locator('.outline-row:has(.spinner)')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-span-id')));
    await expect
      .poll(async () => new Set(await spinning()))
      .toEqual(new Set([ids.root, ids.web, ids.fetch, ids.docs]));
    await expect.poll(() => playheadMs(page)).toBe(2600);
    // The header tells the run as of the playhead: running, with only plan's 160 tokens so far.
    // As read on screen (a terse header adds units, hidden here).
    const fact = (name: string) =>
      // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the text shown
      page.locator('.trace-facts > div', { hasText: name }).locator('dd').innerText();
    await expect.poll(() => page.locator('.trace-header').textContent()).toContain('Running');
    expect(await fact('Tokens')).toBe('160');
    expect(
      await page.locator('.trace-facts > div', { hasText: 'Tokens' }).locator('dd').getAttribute('title'),
    ).toBe('120 prompt + 40 completion');
    expect(await fact('Duration')).toBe('2.6s');
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(async () => new Set(await spinning())).toEqual(new Set([ids.root, ids.web, ids.fetch]));
    // At the end of the recording (Shift+End): the stored totals again (plan's 160 + answer's 1,890).
    await page.keyboard.press('Shift+End');
    await expect.poll(() => latestEvent(page)).toBe(RECORDED[RECORDED.length - 1]);
    const tokensTitle = () =>
      page.locator('.trace-facts > div', { hasText: 'Tokens' }).locator('dd').getAttribute('title');
    await expect.poll(tokensTitle).toBe('1,920 prompt + 130 completion');
    expect(await page.locator('.trace-header').textContent()).not.toContain('Running');
    // Shift+Home: back to the start, only the root begun.
    await page.keyboard.press('Shift+Home');
    await expect.poll(() => latestEvent(page)).toBe(RECORDED[0]);
    await expect.poll(() => outlineIds(page)).toEqual([ids.root]);
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('has the inspector follow the active span: input while it runs, output once it ends', async () => {
    const app = await openInPlayback();
    const { page } = app;
    const inspector = page.locator('.inspector');
    await page.keyboard.press('Shift+ArrowRight'); // plan starts
    await expect.poll(() => inspector.getAttribute('data-span-id')).toBe(ids.plan);
    await expect
      .poll(() => inspector.locator('.payload-section[aria-label="Input"]').textContent())
      .toContain('PLAN-INPUT-MARKER');
    const output = inspector.locator('.payload-section[aria-label="Output"]');
    await expect.poll(() => output.textContent()).toContain('output appears when the span ends');
    expect(await inspector.textContent()).not.toContain('PLAN-OUTPUT-MARKER');
    expect(await inspector.locator('.facts').textContent()).toContain('Running');

    await page.keyboard.press('Shift+ArrowRight'); // plan ends
    await expect.poll(() => output.textContent()).toContain('PLAN-OUTPUT-MARKER');
    expect(await inspector.locator('.facts').textContent()).not.toContain('Running');

    await page.keyboard.press('Shift+ArrowRight'); // search_web starts: the inspector moves on
    await expect.poll(() => inspector.getAttribute('data-span-id')).toBe(ids.web);
    await expect.poll(() => new URL(page.url()).searchParams.get('span')).toBe(ids.web);
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('plays with Space: the playhead advances and spans appear until the end, then stops', async () => {
    const app = await openInPlayback();
    const { page } = app;
    const speed = page.getByLabel('Playback speed');
    await speed.selectOption('10');
    await speed.evaluate((menu) => (menu as HTMLSelectElement).blur()); // the menu keeps Space
    await expect.poll(() => playheadMs(page)).toBe(0);
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('playback-bar').getAttribute('data-playing')).toBe('true');
    await expect.poll(() => playheadMs(page)).toBeGreaterThan(0);
    const samples: number[] = [];
    await expect
      .poll(
        async () => {
          samples.push((await playheadMs(page)) ?? -1);
          return outlineIds(page).then((rows) => rows.length);
        },
        { timeout: 20_000 },
      )
      .toBe(6);
    // 7.5 s at 10× takes under a second of real time; the poll only waits for it.
    await expect
      .poll(() => page.getByTestId('playback-bar').getAttribute('data-playing'), { timeout: 20_000 })
      .toBe('false');
    await expect.poll(() => playheadMs(page)).toBe(7500);
    expect(await latestEvent(page)).toBe('ended research-agent');
    // The playhead only moved forward while playing.
    for (let i = 1; i < samples.length; i++) expect(samples[i]!).toBeGreaterThanOrEqual(samples[i - 1]!);

    // Space again at the end starts over from the beginning (slowly, so it is still playing).
    await speed.selectOption('0.25');
    await speed.evaluate((menu) => (menu as HTMLSelectElement).blur());
    await page.keyboard.press('Space');
    await expect.poll(async () => (await outlineIds(page)).length).toBeLessThan(6);
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('playback-bar').getAttribute('data-playing')).toBe('false');
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('scrubs by dragging on the waterfall ruler, and Esc leaves playback with the whole trace back', async () => {
    const app = await openInPlayback();
    const { page } = app;
    const canvas = page.getByTestId('waterfall-canvas');
    const box = (await canvas.boundingBox())!;
    // At the end the root's bar spans the whole timeline: its edges are the axis's ends.
    for (let i = 1; i < RECORDED.length; i++) await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => playheadMs(page)).toBe(7500);
    const bar = await page.evaluate(
      (rootId) =>
        (window.__spyglassDebug!.waterfall!.barRect as (id: string) => { x: number; width: number } | null)(
          rootId,
        ),
      ids.root,
    );
    const timeAtX = (x: number) => ((x - bar!.x) / bar!.width) * 7500;
    const rulerY = box.y + 12;
    await page.mouse.move(bar!.x + bar!.width * 0.1, rulerY);
    await page.mouse.down();
    await page.mouse.move(bar!.x + bar!.width * 0.3, rulerY, { steps: 4 });
    await page.mouse.move(bar!.x + bar!.width * 0.45, rulerY, { steps: 4 });
    await page.mouse.up();
    const expected = timeAtX(bar!.x + bar!.width * 0.45);
    await expect.poll(() => playheadMs(page)).toBeCloseTo(expected, -2);
    // At ~3.4 s: plan done, both searches and the page fetch under way, the answer not yet.
    await expect.poll(() => outlineIds(page)).toEqual([ids.root, ids.plan, ids.web, ids.fetch, ids.docs]);
    await screenshot(page, 'playback-scrubbed-dark');

    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('playback-bar').count()).toBe(0);
    await expect.poll(() => outlineIds(page).then((rows) => rows.length)).toBe(6);
    await expect.poll(() => playheadMs(page)).toBeNull();
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('follows a live trace at its head: new spans appear while the playhead rides along with now', async () => {
    const liveId = traceIdOf(601);
    const start = Date.now() - 3000;
    await send(server.url, [
      wire.traceStart(liveId, start, { name: 'live-agent' }),
      wire.spanStart(liveId, spanIdOf(6101), null, start, { name: 'live-root', type: 'agent' }),
      wire.spanStart(liveId, spanIdOf(6102), spanIdOf(6101), start + 500, {
        name: 'first-step',
        type: 'tool',
      }),
      wire.spanEnd(liveId, spanIdOf(6102), start + 900, { status: 'success' }),
    ]);
    const app = await openApp(browser, server, { path: `/?trace=${liveId}&view=waterfall` });
    const { page } = app;
    await showOutline(page);
    await expect.poll(() => page.locator('.outline-row').count()).toBe(2);
    await page.getByTestId('replay-button').click();
    await page.getByLabel('Playback speed').selectOption('20');
    await page.getByTestId('playback-play').click();
    const live = page.locator('.pb-live');
    await expect.poll(() => live.getAttribute('class')).toContain('following');
    const near = await playheadMs(page);
    await expect.poll(() => playheadMs(page)).toBeGreaterThan(near! + 300); // riding along with now

    await send(server.url, [
      wire.spanStart(liveId, spanIdOf(6103), spanIdOf(6101), Date.now(), {
        name: 'second-step',
        type: 'llm',
      }),
    ]);
    await expect.poll(() => page.locator(`.outline-row[data-span-id="${spanIdOf(6103)}"]`).count()).toBe(1);
    expect(await page.getByTestId('playback-bar').getAttribute('data-playing')).toBe('true');
    expect(await live.getAttribute('class')).toContain('following');

    // The run finishes while followed: playback stops at its end.
    const end = Date.now();
    await send(server.url, [
      wire.spanEnd(liveId, spanIdOf(6103), end, { status: 'success' }),
      wire.spanEnd(liveId, spanIdOf(6101), end + 1, { status: 'success' }),
      wire.traceEnd(liveId, end + 1, { status: 'success' }),
    ]);
    await expect.poll(() => page.getByTestId('playback-bar').getAttribute('data-playing')).toBe('false');
    expect(await page.locator('.pb-live').count()).toBe(0);
    await expect.poll(() => latestEvent(page)).toBe('ended live-root');
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('lists the playback keys in the shortcut overlay', async () => {
    const app = await openApp(browser, server, { path: `/?trace=${traceId}` });
    const { page } = app;
    await expect.poll(() => waterfallIds(page).then((rows) => rows.length)).toBe(6);
    await page.keyboard.press('?');
    const overlay = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect.poll(() => overlay.textContent()).toContain('Next span start or end');
    expect(await overlay.textContent()).toContain('Play / pause');
    expect(await overlay.textContent()).toContain('End of the recording');
    await app.close();
  });

  it('screenshots a realistic run mid-playback in both themes', async () => {
    for (const theme of ['dark', 'light'] as const) {
      const app = await openApp(browser, server, {
        theme,
        path: `/?trace=${support.traceId}&view=waterfall`,
        viewport: { width: 1600, height: 900 },
      });
      const { page } = app;
      // The waterfall alone: its label column is the span tree, the outline stays hidden.
      await expect.poll(() => waterfallIds(page).then((rows) => rows.length)).toBe(18);
      expect(await page.locator('.outline-row').count()).toBe(0);
      await page.keyboard.press('['); // fold the trace list away: a replay wants the room
      await page.getByTestId('replay-button').click();
      // Step to the escalation's draft, then drift a little past it: mid-run, several spans open.
      for (let i = 0; i < 24; i++) await page.keyboard.press('Shift+ArrowRight');
      await expect.poll(() => latestEvent(page)).toBe('started draft_escalation');
      for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
      await expect
        .poll(() => page.locator('.inspector').getAttribute('data-span-id'))
        .toBe(support.spans.find((s) => s.name === 'draft_escalation')!.spanId);
      await expect.poll(() => waterfallIds(page).then((rows) => rows.length)).toBe(14);
      await page.waitForTimeout(200);
      await screenshot(page, `playback-midrun-${theme}`);
      expect(app.errors).toEqual([]);
      await app.close();
    }
  });

  it('screenshots every view mid-run, and the transcript holds back a running step’s output', async () => {
    const app = await openInPlayback('dark');
    const { page } = app;
    await page.keyboard.press('[');
    for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => latestEvent(page)).toBe('started fetch_page');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.locator('.inspector').getAttribute('data-span-id')).toBe(ids.fetch);
    await expect
      .poll(() => page.locator('.inspector .payload-section[aria-label="Input"]').textContent())
      .toContain('example.com');
    await screenshot(page, 'playback-midrun-waterfall-dark');
    for (const [key, view] of [
      ['2', 'flame'],
      ['3', 'tree'],
      ['4', 'transcript'],
    ] as const) {
      await page.keyboard.press(key);
      await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBe(view);
      await page.waitForTimeout(300); // let the canvas views paint and fit
      await screenshot(page, `playback-midrun-${view}-dark`);
    }
    const transcript = page.locator('.transcript');
    for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => latestEvent(page)).toBe('started answer');
    await expect.poll(() => transcript.textContent()).toContain('Waiting for the answer');
    expect(await transcript.textContent()).not.toContain('went from $20');
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => transcript.textContent()).toContain('went from $20');
    expect(app.errors).toEqual([]);
    await app.close();
  });
});
