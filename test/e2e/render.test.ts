// The canvas views against a real collector: traces sent through POST /api/ingest, the built UI
// in Debian's Chromium. Canvas pixels have no selectors, so the views publish what they drew on
// window.__spyglassDebug (rows, windows, where a span's mark is); clicks go to those places.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { launchBrowser, openApp, screenshot } from '../helpers/browser.ts';
import { agentTrace } from '../../bench/fixtures/agentTrace.ts';
import { hugeTrace } from '../../bench/fixtures/hugeTrace.ts';
import { ingestTrace } from '../../bench/fixtures/ingest.ts';

if (!existsSync('out/renderer/index.html'))
  throw new Error('The UI is not built: run `npm run build` before the browser tests.');

let server: TestServer;
let browser: Browser;
const agent = agentTrace(Date.now() - 120_000);
const big = hugeTrace(3000, Date.now() - 3_600_000, 9);
const spanNamed = (name: string) => agent.spans.find((s) => s.name === name)!.spanId;

beforeAll(async () => {
  server = await startTestServer({ uiDir: 'out/renderer' });
  browser = await launchBrowser();
  await ingestTrace(server.url, agent);
  await ingestTrace(server.url, big);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

type Rect = { x: number; y: number; width: number; height: number };
const debug = <T>(page: Page, view: string, key: string) =>
  page.evaluate(
    ([v, k]) => (window.__spyglassDebug?.[v!] as Record<string, unknown> | undefined)?.[k!] ?? null,
    [view, key],
  ) as Promise<T | null>;
const rectOf = (page: Page, view: string, fn: string, spanId: string) =>
  page.evaluate(
    ([v, f, id]) =>
      (
        (window.__spyglassDebug?.[v!] as Record<string, unknown> | undefined)?.[f!] as
          | ((id: string) => Rect | null)
          | undefined
      )?.(id!) ?? null,
    [view, fn, spanId],
  );
const centre = (r: Rect) => ({ x: r.x + Math.min(r.width / 2, 40), y: r.y + r.height / 2 });
const spanParam = (page: Page) => new URL(page.url()).searchParams.get('span');

async function open(theme: 'dark' | 'light', traceId: string, view: string) {
  const app = await openApp(browser, server, {
    theme,
    path: `/?trace=${traceId}&view=${view}`,
    viewport: { width: 1440, height: 860 },
  });
  return app;
}

describe('waterfall', () => {
  it('paints a row per span, selects a span by clicking its bar, and zooms with Ctrl+wheel', async () => {
    const app = await open('dark', agent.traceId, 'waterfall');
    const { page } = app;
    await expect
      .poll(() => debug<number>(page, 'waterfall', 'rowCount'), { timeout: 15_000 })
      .toBe(agent.spans.length);
    expect(
      await page.evaluate(() => performance.getEntriesByName('spyglass:waterfall-painted').length),
    ).toBeGreaterThan(0);
    const visible = await debug<string[]>(page, 'waterfall', 'visibleSpanIds');
    expect(new Set(visible)).toEqual(new Set(agent.spans.map((s) => s.spanId)));

    // Parallel tools overlap in time: their bars share x positions on different rows.
    const order = (await rectOf(page, 'waterfall', 'barRect', spanNamed('get_order_status')))!;
    const customer = (await rectOf(page, 'waterfall', 'barRect', spanNamed('lookup_customer')))!;
    expect(customer.x).toBeLessThan(order.x + order.width);
    expect(customer.y).toBeGreaterThan(order.y);
    // Pixel check: the canvas really has the LLM colour where the "reason" bar is said to be.
    const reason = (await rectOf(page, 'waterfall', 'barRect', spanNamed('reason')))!;
    const colours = await page.evaluate((r) => {
      const canvas = document.querySelector('[data-testid="waterfall-canvas"]') as HTMLCanvasElement;
      const box = canvas.getBoundingClientRect();
      const dpr = canvas.width / box.width;
      const ctx = canvas.getContext('2d')!;
      const px = (x: number, y: number) =>
        [
          ...ctx.getImageData(Math.round((x - box.left) * dpr), Math.round((y - box.top) * dpr), 1, 1).data,
        ].slice(0, 3);
      const llm = getComputedStyle(document.documentElement).getPropertyValue('--type-llm').trim();
      return { bar: px(r.x + r.width - 3, r.y + r.height / 2), llm };
    }, reason);
    const hex = colours.llm.replace('#', '');
    expect(colours.bar).toEqual([0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)));

    const refund = spanNamed('refund_order');
    const bar = (await rectOf(page, 'waterfall', 'barRect', refund))!;
    await page.mouse.click(centre(bar).x, centre(bar).y);
    await expect.poll(() => spanParam(page)).toBe(refund);
    await expect.poll(() => page.locator('.inspector').getAttribute('data-span-id')).toBe(refund);

    const before = (await debug<[number, number]>(page, 'waterfall', 'windowMs'))!;
    await page.mouse.move(centre(bar).x, centre(bar).y);
    // Ctrl+wheel zooms (the plain wheel scrolls rows, as in Chrome DevTools).
    await page.keyboard.down('Control');
    for (let i = 0; i < 4; i++) await page.mouse.wheel(0, -300);
    await page.keyboard.up('Control');
    await expect
      .poll(async () => {
        const w = (await debug<[number, number]>(page, 'waterfall', 'windowMs'))!;
        return w[1] - w[0];
      })
      .toBeLessThan((before[1] - before[0]) * 0.6);
    const after = (await debug<[number, number]>(page, 'waterfall', 'windowMs'))!;
    // Zoomed around the cursor: the refund bar's time stays inside the window.
    const refundAt = agent.spans.find((s) => s.spanId === refund)!.startTime! - agent.spans[0]!.startTime!;
    expect(after[0]).toBeLessThan(refundAt);
    expect(after[1]).toBeGreaterThan(refundAt);
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('collapses a row from its chevron and moves the selection with the arrow keys', async () => {
    const app = await open('light', agent.traceId, 'waterfall');
    const { page } = app;
    await expect
      .poll(() => debug<number>(page, 'waterfall', 'rowCount'), { timeout: 15_000 })
      .toBe(agent.spans.length);
    const tools = spanNamed('run tools (parallel)');
    const bar = (await rectOf(page, 'waterfall', 'barRect', tools))!;
    const canvasBox = (await page.locator('[data-testid="waterfall-canvas"]').boundingBox())!;
    // The chevron sits in the label column, indented one level (depth 1).
    await page.mouse.click(canvasBox.x + 6 + 12 + 7, bar.y + bar.height / 2);
    await expect.poll(() => debug<number>(page, 'waterfall', 'rowCount')).toBe(agent.spans.length - 6);

    await page.mouse.click(centre(bar).x, centre(bar).y);
    await expect.poll(() => spanParam(page)).toBe(tools);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => spanParam(page)).toBe(spanNamed('reason'));
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('keeps a 3,000-span trace to the rows on screen', async () => {
    const app = await open('dark', big.traceId, 'waterfall');
    const { page } = app;
    await expect
      .poll(() => debug<number>(page, 'waterfall', 'rowCount'), { timeout: 20_000 })
      .toBe(big.spans.length);
    const visible = (await debug<string[]>(page, 'waterfall', 'visibleSpanIds'))!;
    expect(visible.length).toBeGreaterThan(10);
    expect(visible.length).toBeLessThan(60);
    await app.close();
  });
});

describe('flame graph', () => {
  it('switches width to cost and colour to cost heat, and zooms into a clicked subtree', async () => {
    const app = await open('dark', agent.traceId, 'flame');
    const { page } = app;
    await expect
      .poll(() => debug<number>(page, 'flamegraph', 'cellCount'), { timeout: 15_000 })
      .toBe(agent.spans.length);
    const tools = spanNamed('lookup_customer');
    const timeWidth = (await rectOf(page, 'flamegraph', 'cellRect', tools))!.width;
    expect(timeWidth).toBeGreaterThan(5);

    await page.getByTestId('flame-metric-cost').click();
    await page.getByTestId('flame-colour-cost').click();
    await expect.poll(() => debug<string>(page, 'flamegraph', 'metric')).toBe('cost');
    await expect.poll(() => debug<string>(page, 'flamegraph', 'colouring')).toBe('cost');
    expect(await page.getByTestId('flame-legend').textContent()).toContain('$');
    // A tool that calls no model costs nothing: in cost mode its cell has no width.
    await expect.poll(async () => (await rectOf(page, 'flamegraph', 'cellRect', tools))!.width).toBe(0);
    const reason = (await rectOf(page, 'flamegraph', 'cellRect', spanNamed('reason')))!;
    expect(reason.width).toBeGreaterThan(100);
    await screenshot(page, 'render-flame-cost-dark');

    const esc = spanNamed('escalation-agent');
    const cell = (await rectOf(page, 'flamegraph', 'cellRect', esc))!;
    await page.mouse.click(centre(cell).x, centre(cell).y);
    await expect.poll(() => debug<string>(page, 'flamegraph', 'focusId')).toBe(esc);
    await expect.poll(() => spanParam(page)).toBe(esc);
    expect(await page.getByTestId('flame-breadcrumb').textContent()).toContain('support-agent');
    await page.getByTestId('flame-breadcrumb').getByRole('button', { name: 'support-agent' }).click();
    await expect.poll(() => debug<string>(page, 'flamegraph', 'focusId')).toBe(agent.spans[0]!.spanId);
    expect(app.errors).toEqual([]);
    await app.close();
  });
});

describe('tree graph', () => {
  it('renders a card per span, selects on click and collapses a subtree from its toggle', async () => {
    const app = await open('dark', agent.traceId, 'tree');
    const { page } = app;
    await expect
      .poll(() => debug<number>(page, 'treegraph', 'nodeCount'), { timeout: 15_000 })
      .toBe(agent.spans.length);
    const esc = spanNamed('escalation-agent');
    const card = (await rectOf(page, 'treegraph', 'nodeRect', esc))!;
    await page.mouse.click(card.x + 40, card.y + card.height / 2);
    await expect.poll(() => spanParam(page)).toBe(esc);
    // The toggle sits on the card's right edge, vertically centred.
    await page.mouse.click(card.x + card.width + 1, card.y + card.height / 2);
    await expect.poll(() => debug<number>(page, 'treegraph', 'nodeCount')).toBe(agent.spans.length - 3);
    expect(await debug<string[]>(page, 'treegraph', 'collapsedIds')).toContain(esc);
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('opens a big trace with wide subtrees closed, and opens one from its +N badge', async () => {
    const app = await open('dark', big.traceId, 'tree');
    const { page } = app;
    await expect.poll(() => debug<number>(page, 'treegraph', 'nodeCount'), { timeout: 20_000 }).toBe(1);
    const root = big.spans[0]!.spanId;
    expect(await debug<string[]>(page, 'treegraph', 'collapsedIds')).toEqual([root]);
    const card = (await rectOf(page, 'treegraph', 'nodeRect', root))!;
    await page.mouse.click(card.x + card.width + 6, card.y + card.height / 2);
    await expect.poll(() => debug<number>(page, 'treegraph', 'nodeCount')).toBe(big.spans.length);
    // Only the cards in the viewport are drawn.
    expect(await debug<number>(page, 'treegraph', 'drawnCount')).toBeLessThan(200);
    expect(app.errors).toEqual([]);
    await app.close();
  });
});

describe('screenshots', () => {
  // Looked at by people (test-results/screenshots), not compared: every view in both themes.
  it('captures the waterfall, flame graph (time and cost) and tree graph in both themes', async () => {
    for (const theme of ['dark', 'light'] as const) {
      const app = await open(theme, agent.traceId, 'waterfall');
      const { page } = app;
      await expect
        .poll(() => debug<number>(page, 'waterfall', 'rowCount'), { timeout: 15_000 })
        .toBe(agent.spans.length);
      const reason = (await rectOf(page, 'waterfall', 'barRect', spanNamed('reason')))!;
      await page.mouse.click(centre(reason).x, centre(reason).y);
      await page.mouse.move(centre(reason).x + 20, centre(reason).y + 3);
      await screenshot(page, `render-waterfall-${theme}`);
      await page.getByTestId('waterfall-critical').click();
      await screenshot(page, `render-waterfall-critical-${theme}`);

      await page.getByRole('tab', { name: 'Flame graph' }).click();
      await expect.poll(() => debug<number>(page, 'flamegraph', 'cellCount')).toBe(agent.spans.length);
      await screenshot(page, `render-flame-time-${theme}`);
      await page.getByTestId('flame-metric-cost').click();
      await page.getByTestId('flame-colour-cost').click();
      await expect.poll(() => debug<string>(page, 'flamegraph', 'colouring')).toBe('cost');
      await screenshot(page, `render-flame-cost-${theme}`);

      await page.getByRole('tab', { name: 'Tree' }).click();
      await expect.poll(() => debug<number>(page, 'treegraph', 'nodeCount')).toBe(agent.spans.length);
      await screenshot(page, `render-tree-${theme}`);
      expect(app.errors).toEqual([]);
      await app.close();

      const huge = await open(theme, big.traceId, 'waterfall');
      await expect
        .poll(() => debug<number>(huge.page, 'waterfall', 'rowCount'), { timeout: 20_000 })
        .toBe(big.spans.length);
      const canvas = (await huge.page.getByTestId('waterfall-canvas').boundingBox())!;
      await huge.page.mouse.move(canvas.x + canvas.width * 0.55, canvas.y + 200);
      await huge.page.keyboard.down('Control');
      for (let i = 0; i < 6; i++) await huge.page.mouse.wheel(0, -200);
      await huge.page.keyboard.up('Control');
      await screenshot(huge.page, `render-waterfall-huge-${theme}`);
      await huge.page.getByRole('tab', { name: 'Flame graph' }).click();
      await expect.poll(() => debug<number>(huge.page, 'flamegraph', 'cellCount')).toBe(big.spans.length);
      await screenshot(huge.page, `render-flame-huge-${theme}`);
      await huge.close();
    }
  });
});
