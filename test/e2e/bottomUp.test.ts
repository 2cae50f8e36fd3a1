// Range selection on the waterfall's ruler (as in Perfetto) and the bottom-up table: a trace or
// the selected range aggregated by span name and by type, sortable, each row highlighting its
// spans in the waterfall.
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentTrace } from '../../bench/fixtures/agentTrace.ts';
import { hugeTrace } from '../../bench/fixtures/hugeTrace.ts';
import { ingestTrace } from '../../bench/fixtures/ingest.ts';
import { launchBrowser, openApp, screenshot } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

if (!existsSync('out/renderer/index.html'))
  throw new Error('The UI is not built: run `npm run build` before the browser tests.');

let server: TestServer;
let browser: Browser;
const agent = agentTrace(Date.now() - 120_000);
// Each step of the agent loop is a span of its own name: hundreds of groups.
const manyGroups = hugeTrace(4000, Date.now() - 600_000, 3);
// The same run with one step under a long name, as generated tools often are.
const longNamed = agentTrace(Date.now() - 240_000, { seed: 11 });
longNamed.spans[1]!.name = 'mcp__knowledge_base__search_documents_by_semantic_similarity_with_reranking';
const t0 = Math.min(...agent.spans.map((s) => s.startTime!));
const spanNamed = (name: string) => agent.spans.find((s) => s.name === name)!;

beforeAll(async () => {
  server = await startTestServer({ uiDir: 'out/renderer' });
  browser = await launchBrowser();
  await ingestTrace(server.url, agent);
  await ingestTrace(server.url, manyGroups);
  await ingestTrace(server.url, longNamed);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

type Rect = { x: number; y: number; width: number; height: number };
const debug = <T>(page: Page, key: string) =>
  page.evaluate(
    (k) => (window.__spyglassDebug?.waterfall as Record<string, unknown> | undefined)?.[k] ?? null,
    key,
  ) as Promise<T | null>;
const barRect = (page: Page, spanId: string) =>
  page.evaluate(
    (id) => (window.__spyglassDebug!.waterfall!.barRect as (id: string) => Rect | null)(id),
    spanId,
  );
const tableRows = (page: Page) =>
  page
    .getByRole('region', { name: 'Bottom-up' })
    .locator('tbody tr')
    .evaluateAll((rows) =>
      // The group's key, then the other cells' text.
      rows.map((row) => [
        (row as HTMLElement).dataset.key!,
        ...[...row.querySelectorAll('td')].slice(1).map((td) => td.textContent ?? ''),
      ]),
    );

describe('bottom-up and range selection', () => {
  it('aggregates the trace by name and type, sorts, and highlights a row’s spans', async () => {
    const app = await openApp(browser, server, {
      path: `/?trace=${agent.traceId}&view=waterfall`,
      viewport: { width: 1440, height: 900 },
      // How many overview images existed when the waterfall first painted its rows.
      initScript: () => {
        const mark = performance.mark.bind(performance);
        performance.mark = (name, options) => {
          if (name === 'spyglass:waterfall-painted') {
            const w = window as unknown as { __overviewsAtFirstPaint?: number };
            w.__overviewsAtFirstPaint ??= (window.__spyglassDebug?.waterfall?.overviewBuilds as number) ?? 0;
          }
          return mark(name, options);
        };
      },
    });
    const { page } = app;
    await expect.poll(() => debug<number>(page, 'rowCount'), { timeout: 20_000 }).toBe(agent.spans.length);
    // The first frame paints the rows without waiting for the overview (a scan of every span).
    expect(
      await page.evaluate(
        () => (window as unknown as { __overviewsAtFirstPaint?: number }).__overviewsAtFirstPaint,
      ),
    ).toBe(0);
    const canvasHeight = async () => (await page.getByTestId('waterfall-canvas').boundingBox())!.height;
    const heightBefore = await canvasHeight();
    // The overview is built once, after the first frame.
    await expect.poll(() => debug<number>(page, 'overviewBuilds'), { timeout: 20_000 }).toBe(1);
    const overviewBuilds = await debug<number>(page, 'overviewBuilds');
    await page.getByTestId('waterfall-bottom-up').click();
    const panel = page.getByRole('region', { name: 'Bottom-up' });
    await expect.poll(() => panel.textContent(), { timeout: 20_000 }).toContain('whole trace');
    // The table takes height from the waterfall; the overview strip keeps its width, so its
    // image (a scan of every span) is not rebuilt.
    await expect.poll(canvasHeight, { timeout: 20_000 }).toBeLessThan(heightBefore);
    expect(await debug<number>(page, 'overviewBuilds')).toBe(overviewBuilds);
    // Sorted by total time: the root first, with its whole duration.
    let rows = await tableRows(page);
    expect(rows[0]![0]).toBe('support-agent');
    expect(rows[0]![1]).toBe('1');
    expect(rows[0]![2]).toBe('14.2s');
    const names = new Set(agent.spans.map((s) => s.name));
    expect(rows.length).toBe(names.size);
    // Sort by count, largest first.
    await panel.getByRole('button', { name: /^Count/ }).click();
    rows = await tableRows(page);
    const counts = rows.map((r) => Number(r[1]));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    // By type: the tool row counts every tool span, and highlights them in the waterfall.
    await panel.getByRole('combobox').selectOption('type');
    const tools = agent.spans.filter((s) => s.type === 'tool');
    const toolRow = panel.locator('tbody tr[data-key="tool"]');
    expect(await toolRow.locator('td').first().textContent()).toContain('Tool');
    expect(await toolRow.locator('td').nth(1).textContent()).toBe(String(tools.length));
    await toolRow.click();
    await expect.poll(() => debug<number>(page, 'highlightCount'), { timeout: 20_000 }).toBe(tools.length);
    await toolRow.click();
    await expect.poll(() => debug<number | null>(page, 'highlightCount'), { timeout: 20_000 }).toBeNull();
    expect(app.errors).toEqual([]);
    await app.close();
  }, 90_000);

  it('drags a range on the ruler: its duration and aggregates, and the bottom-up of the range', async () => {
    for (const [theme, width] of [
      ['dark', 1440],
      ['light', 1440],
      ['dark', 1024],
      ['light', 1024],
    ] as const) {
      const app = await openApp(browser, server, {
        theme,
        path: `/?trace=${agent.traceId}&view=waterfall`,
        viewport: { width, height: width === 1440 ? 900 : 768 },
      });
      const { page } = app;
      await expect.poll(() => debug<number>(page, 'rowCount'), { timeout: 20_000 }).toBe(agent.spans.length);
      await page.getByTestId('waterfall-bottom-up').click();
      const canvas = (await page.getByTestId('waterfall-canvas').boundingBox())!;
      const from = (await barRect(page, spanNamed('search_docs').spanId))!;
      const to = (await barRect(page, spanNamed('get_order_status').spanId))!;
      const y = canvas.y + 12; // on the ruler
      await page.mouse.move(from.x + 1, y);
      await page.mouse.down();
      await page.mouse.move(to.x + to.width - 1, y, { steps: 8 });
      await page.mouse.up();
      const range = (await debug<[number, number]>(page, 'rangeMs'))!;
      expect(range).not.toBeNull();
      const [lo, hi] = [t0 + range[0], t0 + range[1]];
      const inside = agent.spans.filter((s) => Math.min(s.endTime!, hi) > Math.max(s.startTime!, lo));
      const readout = page.getByTestId('range-readout');
      await expect.poll(() => readout.textContent(), { timeout: 20_000 }).toContain(`${inside.length} spans`);
      expect(await readout.textContent()).toMatch(/Selected 1\.\d+s/);
      const errors = inside.filter((s) => s.status === 'error').length;
      expect(await readout.textContent()).toContain(`${errors} error`);
      // The bottom-up table now aggregates the range: the plan call before it is not there.
      const panel = page.getByRole('region', { name: 'Bottom-up' });
      await expect.poll(() => panel.textContent(), { timeout: 20_000 }).toContain('selected range');
      const names = (await tableRows(page)).map((r) => r[0]);
      expect(names).not.toContain('plan');
      expect(new Set(names)).toEqual(new Set(inside.map((s) => s.name)));
      // The ruler drag did not pan or zoom the view.
      const w = (await debug<[number, number]>(page, 'windowMs'))!;
      expect(w[0]).toBeCloseTo(0, 3);
      await screenshot(page, `bottom-up-range-${theme}-${width}`);
      // Esc clears the range.
      await page.keyboard.press('Escape');
      await expect.poll(() => debug(page, 'rangeMs'), { timeout: 20_000 }).toBeNull();
      await expect.poll(() => panel.textContent(), { timeout: 20_000 }).toContain('whole trace');
      expect(app.errors).toEqual([]);
      await app.close();
    }
  }, 180_000);

  it('lays out a screenful of groups first and the rest as the table scrolls, in the space kept for them', async () => {
    const app = await openApp(browser, server, {
      path: `/?trace=${manyGroups.traceId}&view=waterfall`,
      viewport: { width: 1440, height: 900 },
    });
    const { page } = app;
    await expect
      .poll(() => debug<number>(page, 'rowCount'), { timeout: 20_000 })
      .toBe(manyGroups.spans.length);
    await page.getByTestId('waterfall-bottom-up').click();
    const panel = page.getByRole('region', { name: 'Bottom-up' });
    const groups = new Set(manyGroups.spans.map((s) => s.name)).size;
    expect(groups).toBeGreaterThan(200);
    await expect.poll(() => panel.locator('tbody tr').count(), { timeout: 20_000 }).toBe(60);
    const scroller = panel.locator('.bottom-up-scroll');
    const before = await scroller.evaluate((el) => el.scrollHeight);
    // Half-way down: the rows there are laid out as they come into view.
    await scroller.evaluate((el) => {
      el.scrollTop = el.scrollHeight / 2;
    });
    await expect.poll(() => panel.locator('tbody tr').count(), { timeout: 20_000 }).toBeGreaterThan(250);
    await screenshot(page, 'bottom-up-many-groups-dark-1440');
    // Scrolled to the end: every group is there, and the table is as tall as the space it had.
    await scroller.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await expect
      .poll(() => panel.locator('tbody tr').count(), { timeout: 20_000 })
      .toBe(Math.min(groups, 500));
    const after = await scroller.evaluate((el) => el.scrollHeight);
    expect(Math.abs(after - before)).toBeLessThan(12); // within half a row over 500 rows
    expect(app.errors).toEqual([]);
    await app.close();
  }, 90_000);

  it('keeps every figure in a narrow pane: a long name is cut instead of pushing the columns out', async () => {
    for (const theme of ['dark', 'light'] as const) {
      const app = await openApp(browser, server, {
        path: `/?trace=${longNamed.traceId}&view=waterfall&span=${longNamed.spans[0]!.spanId}`,
        viewport: { width: 1024, height: 768 },
        theme,
      });
      const { page } = app;
      await expect
        .poll(() => debug<number>(page, 'rowCount'), { timeout: 20_000 })
        .toBe(longNamed.spans.length);
      await page.getByTestId('waterfall-bottom-up').click();
      const panel = page.getByRole('region', { name: 'Bottom-up' });
      await expect
        .poll(() => panel.locator(`tbody tr[data-key="${longNamed.spans[1]!.name}"]`).count())
        .toBe(1);
      const fit = await panel.locator('.bottom-up-scroll').evaluate((el) => ({
        scrollWidth: el.scrollWidth,
        clientWidth: el.clientWidth,
        errorsRight: el.querySelector('th:last-child')!.getBoundingClientRect().right,
        paneRight: el.getBoundingClientRect().right,
      }));
      expect(fit.scrollWidth).toBeLessThanOrEqual(fit.clientWidth);
      expect(fit.errorsRight).toBeLessThanOrEqual(fit.paneRight + 0.5);
      await screenshot(page, `bottom-up-long-name-${theme}-1024`);
      await app.close();
    }
  }, 120_000);
});
