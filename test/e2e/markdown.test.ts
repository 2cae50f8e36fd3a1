// A model's Markdown answer in the inspector, in a real browser: a GFM table, nested and task
// lists, a fenced code block, hostile HTML and links; and the two inputs that froze or crashed
// the old hand-written reader, unfolded with "Show all".
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, screenshot } from '../helpers/browser.ts';
import { spanIdOf, startTestServer, type TestServer, traceIdOf, wire } from '../helpers/server.ts';
import { send, XSS_IMG, XSS_SCRIPT } from './sampleTraces.ts';

if (!existsSync('out/renderer/index.html'))
  throw new Error('The UI is not built: run `npm run build` before the browser tests.');

const ANSWER = [
  '## Stock check',
  '',
  'I looked the kettle up in **three** warehouses; `inventory.query` answered for all of them.',
  '',
  '| Warehouse | In stock | Lead time |',
  '|:--|:-:|--:|',
  '| Leeds | **3** | 1 day |',
  '| Bristol | 0 | 4 days |',
  '| Glasgow | 12 | `2 days` |',
  '',
  '1. Reserve one in Leeds',
  '   - hold for 24 h',
  '     - then release',
  '   - email the customer',
  '2. Reorder for Bristol',
  '',
  '- [x] stock checked',
  '- [ ] reservation confirmed',
  '',
  '```ts',
  "const reserved = await reserve({ sku: 'KTL-BLUE-1', qty: 1 });",
  '```',
  '',
  `> Raw HTML stays text: ${XSS_IMG} ${XSS_SCRIPT}`,
  '',
  'Links: [the docs](https://example.com/docs) and [not this one](javascript:window.__xss=2).',
].join('\n');

let server: TestServer;
let browser: Browser;
const traceId = traceIdOf(0x3d);
const ids = { answer: spanIdOf(0x3d01), brackets: spanIdOf(0x3d02), quotes: spanIdOf(0x3d03) };
const t0 = Date.now() - 60_000;

function llmSpan(spanId: string, start: number, output: string): ReturnType<typeof wire.spanStart>[] {
  return [
    wire.spanStart(traceId, spanId, null, start, { name: 'chat gpt-4o', type: 'llm', model: 'gpt-4o' }),
    wire.spanEnd(traceId, spanId, start + 500, {
      status: 'success',
      output: { choices: [{ index: 0, message: { role: 'assistant', content: output } }] },
    }),
  ];
}

beforeAll(async () => {
  server = await startTestServer({ uiDir: 'out/renderer' });
  browser = await launchBrowser();
  await send(server.url, [
    wire.traceStart(traceId, t0, { name: 'markdown-agent' }),
    ...llmSpan(ids.answer, t0 + 10, ANSWER),
    ...llmSpan(ids.brackets, t0 + 1000, '['.repeat(100_000)),
    ...llmSpan(ids.quotes, t0 + 2000, `${'>'.repeat(20_000)} deep`),
    wire.traceEnd(traceId, t0 + 3000, { status: 'success' }),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const answerIn = (page: Page) => page.locator('.inspector .message-assistant .markdown');

describe('Markdown in the inspector', () => {
  it('renders a GFM answer: table, nested lists, task boxes, code; HTML and javascript: links stay inert', async () => {
    for (const theme of ['dark', 'light'] as const)
      for (const width of [1440, 1024]) {
        const app = await openApp(browser, server, {
          theme,
          viewport: { width, height: 900 },
          path: `/?trace=${traceId}&span=${ids.answer}`,
        });
        const { page } = app;
        const answer = answerIn(page);
        await expect.poll(() => answer.locator('table.md-table').count(), { timeout: 20_000 }).toBe(1);

        expect(await answer.locator('th').allTextContents()).toEqual(['Warehouse', 'In stock', 'Lead time']);
        expect(await answer.locator('tbody tr').count()).toBe(3);
        expect(await answer.locator('tbody tr').first().locator('td').allTextContents()).toEqual([
          'Leeds',
          '3',
          '1 day',
        ]);
        expect(
          await answer
            .locator('th')
            .nth(2)
            .evaluate((th) => getComputedStyle(th).textAlign),
        ).toBe('right');
        // Nesting survives: ol > li > ul > li > ul > li.
        expect(await answer.locator('ol > li > ul > li > ul > li').textContent()).toBe('then release');
        // Task boxes: ticked and open, disabled, their brackets gone.
        const boxes = answer.locator('li.md-task input[type="checkbox"]');
        expect(await boxes.evaluateAll((els) => els.map((el) => (el as HTMLInputElement).checked))).toEqual([
          true,
          false,
        ]);
        expect(await answer.locator('li.md-task').allTextContents()).toEqual([
          'stock checked',
          'reservation confirmed',
        ]);
        expect(await answer.locator('pre.md-code').getAttribute('data-lang')).toBe('ts');
        expect(await answer.locator('pre.md-code code').textContent()).toContain(
          "reserve({ sku: 'KTL-BLUE-1'",
        );
        // Hostile parts: the HTML is text, nothing ran, only the web link is an anchor.
        expect(await answer.locator('blockquote').textContent()).toContain(XSS_SCRIPT);
        expect(await answer.locator('img, script').count()).toBe(0);
        expect(
          await answer.locator('a').evaluateAll((els) => els.map((el) => el.getAttribute('href'))),
        ).toEqual(['https://example.com/docs']);
        expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();

        await answer.scrollIntoViewIfNeeded();
        await screenshot(page, `markdown-answer-${theme}-${width}`);
        expect(app.errors).toEqual([]);
        await app.close();
      }
  });

  it('unfolds 100,000 unmatched [ and 20,000 nested > without freezing or crashing the page', async () => {
    const app = await openApp(browser, server, {
      theme: 'dark',
      path: `/?trace=${traceId}&span=${ids.brackets}`,
    });
    const { page } = app;
    const fold = page.locator('.inspector .message-assistant .fold-button');
    await fold.click({ timeout: 20_000 });
    await expect
      .poll(() => answerIn(page).evaluate((el) => el.textContent?.length), { timeout: 20_000 })
      .toBe(100_000);
    expect(await answerIn(page).locator('p').count()).toBe(1);

    await page.goto(`${server.url}/?trace=${traceId}&span=${ids.quotes}`);
    await page.locator('.inspector .message-assistant .fold-button').click({ timeout: 20_000 });
    const plain = page.locator('.inspector .message-assistant pre.md-too-deep');
    await expect.poll(() => plain.evaluate((el) => el.textContent?.length), { timeout: 20_000 }).toBe(20_005);
    await screenshot(page, 'markdown-too-deep-dark');
    expect(app.errors).toEqual([]);
    await app.close();
  });
});
