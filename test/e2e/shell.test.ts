// The shell with real traces: selection across views and the URL, the inspector's contents,
// errors, keyboard navigation, untrusted payloads, and screenshots of every view in both themes.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { spanIdOf, startTestServer, traceIdOf, wire, type TestServer } from '../helpers/server.ts';
import { launchBrowser, openApp, screenshot, showOutline, type OpenedApp } from '../helpers/browser.ts';
import { agentRun, send, XSS_IMG, XSS_SCRIPT } from './sampleTraces.ts';

if (!existsSync('out/renderer/index.html'))
  throw new Error('The UI is not built: run `npm run build` before the browser tests.');

let server: TestServer;
let browser: Browser;
const t0 = Date.now() - 60_000;
const run = agentRun(7, t0, { name: 'checkout-agent', tags: ['prod', 'checkout'] });
const bigRun = { traceId: traceIdOf(90), spanId: spanIdOf(9001) };
const bigText = [
  'needle-word at the start. ',
  'lorem ipsum dolor sit amet '.repeat(6000),
  ' needle-word in the middle ',
  'x'.repeat(1000),
  ' needle-word at the end',
].join('');

beforeAll(async () => {
  server = await startTestServer({ uiDir: 'out/renderer' });
  browser = await launchBrowser();
  for (let n = 20; n < 32; n++)
    await send(
      server.url,
      agentRun(n, t0 - (40 - n) * 90_000, { name: `research-agent #${n}`, tags: ['staging'] }).events,
    );
  await send(
    server.url,
    agentRun(40, Date.now() - 1500, { name: 'support-agent (running)', running: true }).events,
  );
  await send(server.url, run.events);
  await send(server.url, [
    wire.traceStart(bigRun.traceId, t0 - 3_000_000, { name: 'big-payload-agent' }),
    wire.spanStart(bigRun.traceId, bigRun.spanId, null, t0 - 3_000_000, {
      name: 'summarise',
      type: 'llm',
      model: 'gpt-4o',
      input: [{ role: 'user', content: bigText }],
    }),
    wire.spanEnd(bigRun.traceId, bigRun.spanId, t0 - 2_990_000, { status: 'success', output: 'done' }),
    wire.traceEnd(bigRun.traceId, t0 - 2_990_000, { status: 'success' }),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const params = (page: Page) => new URL(page.url()).searchParams;
const outlineRow = (page: Page, spanId: string) => page.locator(`.outline-row[data-span-id="${spanId}"]`);

async function openTrace(app: OpenedApp): Promise<void> {
  await app.page.locator(`[data-trace-id="${run.traceId}"]`).click();
  await showOutline(app.page);
  await expect.poll(() => app.page.locator('.outline-row').count()).toBe(6);
}

describe('trace workspace', () => {
  it('selects one span everywhere: outline → inspector → URL, and back from the URL on reload', async () => {
    const app = await openApp(browser, server, { theme: 'dark' });
    const { page } = app;
    await openTrace(app);
    expect(params(page).get('trace')).toBe(run.traceId);

    await outlineRow(page, run.ids.tool).click();
    await expect.poll(() => params(page).get('span')).toBe(run.ids.tool);
    await expect.poll(() => page.locator('.inspector').getAttribute('data-span-id')).toBe(run.ids.tool);
    expect(await page.locator('.inspector-title').textContent()).toBe('check_stock');
    // The tool's payloads: arguments and result, as JSON.
    await expect
      .poll(() => page.locator('.payload-section[aria-label="Output"]').textContent())
      .toContain('Leeds');
    expect(await page.locator('.payload-section[aria-label="Input"]').textContent()).toContain('KTL-BLUE-1');
    expect(await outlineRow(page, run.ids.tool).getAttribute('aria-selected')).toBe('true');

    await page.reload();
    await expect.poll(() => page.locator('.inspector').getAttribute('data-span-id')).toBe(run.ids.tool);
    expect(await outlineRow(page, run.ids.tool).getAttribute('aria-selected')).toBe('true');
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('shows an LLM span as chat messages with tool calls, tokens, cost and time to first token', async () => {
    const app = await openApp(browser, server, {
      theme: 'dark',
      path: `/?trace=${run.traceId}&span=${run.ids.llm1}`,
    });
    const { page } = app;
    const inspector = page.locator('.inspector');
    await expect.poll(() => inspector.locator('.message').count()).toBeGreaterThanOrEqual(3);
    expect(
      await inspector.locator('.message').evaluateAll((els) => els.map((el) => el.getAttribute('data-role'))),
    ).toEqual(['system', 'user', 'assistant']);
    expect(await inspector.locator('.tool-call-name').textContent()).toBe('check_stock');
    expect(await inspector.locator('.tool-call').textContent()).toContain('KTL-BLUE-1');
    // Markdown: bold rendered as <strong>.
    expect(await inspector.locator('.message-user strong').textContent()).toBe('blue kettle');
    const facts = await inspector.locator('.facts').textContent();
    expect(facts).toContain('gpt-4o-mini');
    expect(facts).toContain('412 in');
    expect(facts).toContain('38 out');
    expect(facts).toContain('310ms');
    expect(facts).toContain('$0.000085');
    await screenshot(page, 'inspector-llm-dark');
    await page.locator('.status-button', { hasText: 'Dark' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await screenshot(page, 'inspector-llm-light');
    // The choice is persisted.
    await page.reload();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('shows an error span with its stack trace, monospace and preserved', async () => {
    for (const theme of ['dark', 'light'] as const) {
      const app = await openApp(browser, server, {
        theme,
        path: `/?trace=${run.traceId}&span=${run.ids.failing}&view=tree`,
      });
      const { page } = app;
      const stack = page.locator('.inspector .error-stack');
      await expect.poll(() => stack.count()).toBe(1);
      const text = await stack.textContent();
      expect(text).toContain('    at InventoryClient.query (/app/src/tools/inventory.ts:42:11)');
      // Indentation preserved, long frames wrapped rather than cut at the inspector's edge.
      expect(await stack.evaluate((el) => getComputedStyle(el).whiteSpace)).toBe('pre-wrap');
      expect(await page.locator('.inspector .error-type').textContent()).toBe('ConnectionError');
      expect(await outlineRow(page, run.ids.failing).getAttribute('class')).toContain('is-error');
      await expect.poll(() => page.locator('.view-pane').textContent()).not.toContain('Loading view');
      await screenshot(page, `error-span-${theme}`);
      await app.close();
    }
  });

  it('never runs payload markup: <img onerror> and <script> show as text', async () => {
    const app = await openApp(browser, server, {
      theme: 'dark',
      path: `/?trace=${run.traceId}&span=${run.ids.llm1}&view=transcript`,
    });
    const { page } = app;
    await expect.poll(() => page.locator('.inspector .message-user').textContent()).toContain(XSS_IMG);
    expect(await page.locator('.inspector .message-user').textContent()).toContain(XSS_SCRIPT);
    await expect
      .poll(() => page.locator('.transcript .message-user').first().textContent())
      .toContain(XSS_IMG);
    await page.locator('.inspector .tab', { hasText: 'Raw' }).click();
    await expect.poll(() => page.locator('.raw-json').textContent()).toContain('onerror=window.__xss=1');
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator('body script:not([src])').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('hides the outline beside the waterfall (its labels are the tree) and shows it in the other tabs, remembering each toggle', async () => {
    const app = await openApp(browser, server, { path: `/?trace=${run.traceId}&view=waterfall` });
    const { page } = app;
    const toggle = page.locator('.outline-toggle');
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('false');
    expect(await page.locator('.outline-pane').count()).toBe(0);
    await page.keyboard.press('2');
    await expect.poll(() => page.locator('.outline-row').count()).toBe(6);
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('o'); // hidden in the flame graph now…
    await expect.poll(() => page.locator('.outline-pane').count()).toBe(0);
    await page.keyboard.press('1');
    await page.keyboard.press('o'); // …and shown beside the waterfall
    await expect.poll(() => page.locator('.outline-row').count()).toBe(6);
    await page.reload();
    await expect.poll(() => page.locator('.outline-row').count()).toBe(6);
    await page.keyboard.press('2');
    await expect.poll(() => page.locator('.outline-pane').count()).toBe(0);
    await page.keyboard.press('3'); // untouched tabs keep their default
    await expect.poll(() => page.locator('.outline-row').count()).toBe(6);
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('walks the trace list with the keyboard and moves into the span tree with Enter', async () => {
    const app = await openApp(browser, server);
    const { page } = app;
    const rows = page.locator('[data-trace-id]');
    await expect.poll(() => rows.count()).toBe(15);
    const order = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-trace-id')));
    await page.locator('#trace-list-body').focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => params(page).get('trace')).toBe(order[0]);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => params(page).get('trace')).toBe(order[1]);
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => params(page).get('trace')).toBe(order[0]);
    await page.keyboard.press('Enter');
    // Beside the waterfall the outline is hidden: the waterfall's label column is the tree.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('waterfall-body');
    // No span selected yet: the inspector shows the trace's own input and output.
    await expect
      .poll(() => page.locator('.inspector .section-title').first().textContent())
      .toBe('Trace input');
    await screenshot(page, 'trace-overview-dark');
    // Back goes to the previous trace (opening a trace makes a history entry).
    await page.goBack();
    await expect.poll(() => params(page).get('trace')).toBe(order[1]);
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('walks the outline with the keyboard and opens the inspector with Enter; / and ? and Esc', async () => {
    const app = await openApp(browser, server, { theme: 'dark' });
    const { page } = app;
    await openTrace(app);
    await page.locator('#outline-body').focus();
    await page.keyboard.press('ArrowDown'); // first row: the root
    await expect.poll(() => params(page).get('span')).toBe(run.ids.root);
    await page.keyboard.press('ArrowRight'); // open already → first child
    await expect.poll(() => params(page).get('span')).toBe(run.ids.llm1);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => params(page).get('span')).toBe(run.ids.tool);
    await page.keyboard.press('ArrowLeft'); // a leaf → its parent
    await expect.poll(() => params(page).get('span')).toBe(run.ids.root);
    await page.keyboard.press('ArrowLeft'); // open → collapse
    await expect.poll(() => page.locator('.outline-row').count()).toBe(1);
    await page.keyboard.press('ArrowRight'); // expand again
    await expect.poll(() => page.locator('.outline-row').count()).toBe(6);
    await page.keyboard.press('End');
    await expect.poll(() => params(page).get('span')).toBe(run.ids.destructive);
    expect(await outlineRow(page, run.ids.destructive).locator('.mark-destructive').count()).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('inspector');

    await page.keyboard.press('/');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('span-search');
    await page.keyboard.type('reserve');
    await expect.poll(() => page.locator('.outline-row.is-match').count()).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(() => params(page).get('span')).toBe(run.ids.failing);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.outline-row.is-match').count()).toBe(0);
    expect(await page.locator('#span-search').inputValue()).toBe('');

    await page.keyboard.press('?');
    await expect.poll(() => page.getByRole('dialog', { name: 'Keyboard shortcuts' }).count()).toBe(1);
    await screenshot(page, 'shortcuts-dark');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    // [ folds the trace list away for more room, and back.
    await page.keyboard.press('[');
    await expect.poll(() => page.locator('.trace-list-column').count()).toBe(0);
    await page.keyboard.press('[');
    await expect.poll(() => page.locator('.trace-list-column').count()).toBe(1);
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('finds text inside payloads, folds long strings with their size, and remembers pane sizes', async () => {
    const app = await openApp(browser, server, { path: `/?trace=${bigRun.traceId}&span=${bigRun.spanId}` });
    const { page } = app;
    const fold = page.locator('.inspector .fold-button');
    await expect.poll(() => fold.count()).toBe(1);
    expect(await fold.textContent()).toMatch(/^Show all \(1\d\d KB\)$/);
    // A word only present past the fold: searching opens the fold and counts every match.
    await page.locator('#payload-search').fill('needle-word');
    await expect.poll(() => page.locator('.inspector .search-count').textContent()).toBe('1 / 3');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.inspector .search-count').textContent()).toBe('2 / 3');
    await page.keyboard.press('Shift+Enter');
    await expect.poll(() => page.locator('.inspector .search-count').textContent()).toBe('1 / 3');
    await page.locator('#payload-search').fill('');
    await expect.poll(() => fold.count()).toBe(1);
    await fold.click();
    await expect.poll(() => fold.count()).toBe(0);

    // Drag the inspector's divider 100px left: the inspector grows, and keeps its width on reload.
    const before = await page.locator('.inspector-pane').evaluate((el) => el.getBoundingClientRect().width);
    const handle = page.getByRole('separator', { name: 'Resize inspector' });
    const box = (await handle.boundingBox())!;
    await page.mouse.move(box.x + 1, box.y + 200);
    await page.mouse.down();
    await page.mouse.move(box.x - 99, box.y + 200, { steps: 5 });
    await page.mouse.up();
    const after = await page.locator('.inspector-pane').evaluate((el) => el.getBoundingClientRect().width);
    expect(Math.round(after - before)).toBe(100);
    await page.reload();
    await expect
      .poll(() =>
        page.locator('.inspector-pane').evaluate((el) => Math.round(el.getBoundingClientRect().width)),
      )
      .toBe(Math.round(after));
    expect(app.errors).toEqual([]);
    await app.close();
  });

  // Eight full-page screenshots: ~50 s alone on a 2-core machine at load 14, so past the 60 s default.
  it('screenshots every tab in both themes at 1280×800 and 1920×1080', async () => {
    for (const theme of ['dark', 'light'] as const) {
      for (const viewport of [
        { width: 1280, height: 800 },
        { width: 1920, height: 1080 },
      ]) {
        const app = await openApp(browser, server, { theme, viewport });
        const { page } = app;
        await expect.poll(() => page.locator('[data-trace-id]').count()).toBe(15);
        if (viewport.width === 1280) await screenshot(page, `list-${theme}`);
        for (const view of ['waterfall', 'flame', 'tree', 'transcript']) {
          await page.goto(`${server.url}/?trace=${run.traceId}&span=${run.ids.llm2}&view=${view}`);
          await expect.poll(() => page.locator('.outline-row').count()).toBe(view === 'waterfall' ? 0 : 6);
          await expect.poll(() => page.locator('.inspector .message').count()).toBeGreaterThan(0);
          if (view === 'transcript')
            await expect.poll(() => page.locator('.transcript-status').textContent()).toContain('all loaded');
          await expect.poll(() => page.locator('.view-pane').textContent()).not.toContain('Loading view');
          await page.evaluate(
            () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
          );
          await screenshot(page, `tab-${view}-${theme}-${viewport.width}`);
        }
        if (viewport.width === 1280) {
          await page.keyboard.press('?');
          await expect.poll(() => page.getByRole('dialog', { name: 'Keyboard shortcuts' }).count()).toBe(1);
          await screenshot(page, `shortcuts-${theme}-1280`);
          await page.keyboard.press('Escape');
        }
        // No horizontal overflow anywhere in the window.
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
          true,
        );
        expect(app.errors).toEqual([]);
        await app.close();
      }
    }
  }, 180_000);

  it('keeps every tab, Replay and the span search in view in a 1024 px window with both side panes open, and lets the span name column widen', async () => {
    const app = await openApp(browser, server, { viewport: { width: 1024, height: 720 } });
    const { page } = app;
    try {
      await page.goto(`${server.url}/?trace=${run.traceId}&span=${run.ids.llm2}&view=waterfall`);
      await expect.poll(() => page.locator('.inspector .message').count()).toBeGreaterThan(0);
      const toolbar = (await page.locator('.workspace-toolbar').boundingBox())!;
      for (const part of [
        page.getByRole('tab', { name: 'Transcript' }),
        page.getByTestId('replay-button'),
        page.locator('#span-search'),
      ]) {
        const box = (await part.boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(toolbar.x + toolbar.width);
      }
      const search = (await page.locator('#span-search').boundingBox())!;
      expect(search.width).toBeGreaterThanOrEqual(60); // room to type, not a sliver
      expect(await page.getByRole('button', { name: 'Replay' }).count()).toBe(1); // named, though only its icon shows
      await screenshot(page, 'tab-waterfall-dark-1024');

      // The span name column is narrow here: drag its edge 80 px wider; the width is remembered.
      const edge = page.getByRole('separator', { name: 'Resize the span name column' });
      // The column's default width follows the pane's, which the view measures after it first
      // renders: read it once the waterfall has painted at its pane's laid-out width. Read before
      // that (seen on a busy machine), it was the 120 px of an unmeasured pane, and the drag then
      // started from the 184 px default that came after.
      await expect
        .poll(async () => {
          const painted = await page.evaluate(
            () => (window.__spyglassDebug?.waterfall as { canvasWidth?: number } | undefined)?.canvasWidth,
          );
          const box = await page.locator('#waterfall-body').boundingBox();
          return painted !== undefined && box !== null && Math.abs(painted - box.width) < 1;
        })
        .toBe(true);
      const before = Number(await edge.getAttribute('aria-valuenow'));
      const grip = (await edge.boundingBox())!;
      await page.mouse.move(grip.x + 1, grip.y + 100);
      await page.mouse.down();
      await page.mouse.move(grip.x + 81, grip.y + 100, { steps: 4 });
      await page.mouse.up();
      await expect.poll(async () => Number(await edge.getAttribute('aria-valuenow'))).toBe(before + 80);
      await page.reload();
      await expect.poll(async () => Number(await edge.getAttribute('aria-valuenow'))).toBe(before + 80);
      await screenshot(page, 'tab-waterfall-dark-1024-wide-names');
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
