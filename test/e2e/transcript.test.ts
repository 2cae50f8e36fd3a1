// The transcript at scale: a virtual list of cards, payloads fetched only for the cards on
// screen. A 20,000-span agent run and a 10,000-deep parent chain, through the real collector and
// the built UI in Debian's Chromium. (The 100,000-span figures, with long tasks and heap, are in
// `npm run bench`: bench/render.bench.ts.)
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deepChain } from '../../bench/fixtures/deepChain.ts';
import { hugeTrace } from '../../bench/fixtures/hugeTrace.ts';
import { ingestTrace } from '../../bench/fixtures/ingest.ts';
import { launchBrowser, openApp, screenshot } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

if (!existsSync('out/renderer/index.html'))
  throw new Error('The UI is not built: run `npm run build` before the browser tests.');

let server: TestServer;
let browser: Browser;
const big = hugeTrace(20_000, Date.now() - 3_600_000, 11);
const chain = deepChain(10_000, Date.now() - 7_200_000);

beforeAll(async () => {
  server = await startTestServer({ uiDir: 'out/renderer' });
  browser = await launchBrowser();
  await ingestTrace(server.url, big);
  await ingestTrace(server.url, chain);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Counts GET /api/traces/:id/spans/:spanId (one span's payloads) made by the page. */
function countPayloadFetches(page: Page): { count: number } {
  const counter = { count: 0 };
  page.on('request', (request) => {
    if (/\/api\/traces\/[^/]+\/spans\/[^/?]+/.test(request.url())) counter.count++;
  });
  return counter;
}

/** True when the card of this span is inside the transcript's visible scroll area. */
const cardOnScreen = (page: Page, spanId: string) =>
  page.evaluate((id) => {
    const card = document.querySelector(`.transcript-entry[data-span-id="${id}"]`);
    const scroller = document.querySelector('.transcript-scroller');
    if (!card || !scroller) return false;
    const a = card.getBoundingClientRect();
    const b = scroller.getBoundingClientRect();
    return a.top >= b.top - 1 && a.top < b.bottom;
  }, spanId);

describe('transcript at scale', () => {
  it('opens at a span deep in a 20,000-span trace with only the cards on screen in the DOM', async () => {
    // A tool span four fifths into the run, selected in the waterfall, then `4`.
    const target = big.spans.filter((s) => s.type === 'tool')[Math.floor(big.spans.length * 0.3)]!;
    for (const theme of ['dark', 'light'] as const) {
      for (const width of [1440, 1024]) {
        const app = await openApp(browser, server, {
          theme,
          path: `/?trace=${big.traceId}&span=${target.spanId}&view=waterfall`,
          viewport: { width, height: width === 1440 ? 900 : 768 },
        });
        const { page } = app;
        const fetches = countPayloadFetches(page);
        await expect
          .poll(() => page.locator('.inspector').getAttribute('data-span-id'), { timeout: 30_000 })
          .toBe(target.spanId);
        await page.keyboard.press('4');
        await expect.poll(() => cardOnScreen(page, target.spanId), { timeout: 30_000 }).toBe(true);
        const card = page.locator(`.transcript-entry[data-span-id="${target.spanId}"]`);
        await expect.poll(() => card.textContent(), { timeout: 20_000 }).toContain('Result');
        expect(await card.getAttribute('class')).toContain('selected');
        // Virtual: a screenful of cards, not every step up to the selection.
        const cards = await page.locator('.transcript-entry').count();
        expect(cards).toBeGreaterThan(2);
        expect(cards).toBeLessThan(40);
        expect(await page.locator('.transcript-status').textContent()).toMatch(/^[\d,]+ steps/);
        // Payloads: the cards on screen, the LLM calls before them, and the inspector's span.
        expect(fetches.count).toBeLessThan(60);
        await screenshot(page, `transcript-20k-${theme}-${width}`);
        expect(app.errors).toEqual([]);
        await app.close();
      }
    }
  }, 240_000);

  it('opens without forcing a layout per card: heights come from the ResizeObserver', async () => {
    // Reading a card's offsetHeight as it mounts (the virtualizer's default) forces a layout in
    // the middle of React's commit, once per card and again as payloads change the heights:
    // most of the longest task on opening the 100,000-span transcript. The observer reports
    // the same heights after the browser's own layout.
    const target = big.spans.filter((s) => s.type === 'tool')[Math.floor(big.spans.length * 0.3)]!;
    const app = await openApp(browser, server, {
      path: `/?trace=${big.traceId}&span=${target.spanId}&view=waterfall`,
      viewport: { width: 1440, height: 900 },
    });
    const { page } = app;
    await expect
      .poll(() => page.locator('.inspector').getAttribute('data-span-id'), { timeout: 30_000 })
      .toBe(target.spanId);
    await page.evaluate(() => {
      const reads = { offsetHeight: 0 };
      (window as unknown as { __cardReads: typeof reads }).__cardReads = reads;
      const own = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetHeight')!;
      Object.defineProperty(HTMLElement.prototype, 'offsetHeight', {
        configurable: true,
        get(this: HTMLElement) {
          if (this.classList.contains('transcript-slot')) reads.offsetHeight++;
          return own.get!.call(this);
        },
      });
    });
    await page.keyboard.press('4');
    await expect.poll(() => cardOnScreen(page, target.spanId), { timeout: 30_000 }).toBe(true);
    const card = page.locator(`.transcript-entry[data-span-id="${target.spanId}"]`);
    await expect.poll(() => card.textContent(), { timeout: 20_000 }).toContain('Result');
    // Laid out with the measured heights (once the observer has reported the loaded cards): the
    // cards follow each other without gaps or overlaps, and the selected card is still on screen.
    const largestGap = () =>
      page.evaluate(() => {
        const slots = [...document.querySelectorAll('.transcript-slot')]
          .map((slot) => slot.getBoundingClientRect())
          .sort((a, b) => a.top - b.top);
        let gap = 0;
        for (let i = 1; i < slots.length; i++)
          gap = Math.max(gap, Math.abs(slots[i]!.top - slots[i - 1]!.bottom));
        return gap;
      });
    await expect.poll(largestGap, { timeout: 10_000 }).toBeLessThanOrEqual(1);
    expect(await cardOnScreen(page, target.spanId)).toBe(true);
    const reads = await page.evaluate(
      () => (window as unknown as { __cardReads: { offsetHeight: number } }).__cardReads,
    );
    expect(reads.offsetHeight).toBe(0);
    expect(app.errors).toEqual([]);
    await app.close();
  }, 120_000);

  it('scrolls fast through the whole trace without fetching the cards it passed', async () => {
    const app = await openApp(browser, server, {
      path: `/?trace=${big.traceId}&view=transcript`,
      viewport: { width: 1440, height: 900 },
    });
    const { page } = app;
    const fetches = countPayloadFetches(page);
    const scroller = page.locator('.transcript-scroller');
    await scroller.waitFor({ timeout: 30_000 });
    await expect
      .poll(() => page.locator('.transcript-entry').count(), { timeout: 20_000 })
      .toBeGreaterThan(2);
    for (let step = 1; step <= 20; step++) {
      await scroller.evaluate((el, f) => {
        el.scrollTop = (el.scrollHeight - el.clientHeight) * f;
      }, step / 20);
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    }
    const last = big.spans.filter((s) => s.type === 'llm' || s.type === 'tool').at(-1)!;
    // Cards measured as they load change the list's height, so the end moves while the last
    // screenfuls load: keep at the end, as a reader holding End does, until the last card shows.
    await expect
      .poll(
        async () => {
          await scroller.evaluate((el) => {
            el.scrollTop = el.scrollHeight;
          });
          return cardOnScreen(page, last.spanId);
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    await expect
      .poll(() => page.locator('.transcript-status').textContent(), { timeout: 30_000 })
      .not.toContain('loading');
    expect(await page.locator('.transcript-entry').count()).toBeLessThan(40);
    // 21 screenfuls at most were ever wanted; queued loads for cards scrolled away are dropped.
    expect(fetches.count).toBeLessThan(21 * 40);
    expect(app.errors).toEqual([]);
    await app.close();
  }, 120_000);

  it('opens the bottom of a 10,000-deep parent chain and shows its messages', async () => {
    const deepest = chain.spans.at(-1)!;
    const app = await openApp(browser, server, {
      path: `/?trace=${chain.traceId}&span=${deepest.spanId}&view=transcript`,
      viewport: { width: 1440, height: 900 },
    });
    const { page } = app;
    await expect.poll(() => cardOnScreen(page, deepest.spanId), { timeout: 60_000 }).toBe(true);
    const card = page.locator(`.transcript-entry[data-span-id="${deepest.spanId}"]`);
    await expect.poll(() => card.textContent(), { timeout: 20_000 }).toContain('result 9999');
    const before = chain.spans.at(-2)!;
    await expect
      .poll(() => page.locator(`.transcript-entry[data-span-id="${before.spanId}"]`).textContent(), {
        timeout: 20_000,
      })
      .toContain('answer 9998');
    // The cards above grew as they loaded; the selected card was kept in view.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    expect(await cardOnScreen(page, deepest.spanId)).toBe(true);
    expect(await page.locator('.transcript-entry').count()).toBeLessThan(40);
    // The outline beside it stops indenting at a share of its width: the deepest row's name is
    // in view, with its depth written where the indent stopped.
    const row = page.locator(`.outline-row[data-span-id="${deepest.spanId}"]`);
    await row.waitFor();
    expect(
      await row.evaluate((r) => {
        const name = r.querySelector('.outline-name-text')!.getBoundingClientRect();
        const pane = r.closest('.outline')!.getBoundingClientRect();
        return name.width >= 60 && name.left >= pane.left && name.right <= pane.right;
      }),
    ).toBe(true);
    expect(await row.locator('.outline-depth').textContent()).toBe('9999');
    await screenshot(page, 'transcript-deep-chain-dark-1440');
    expect(app.errors).toEqual([]);
    await app.close();
  }, 120_000);
});
