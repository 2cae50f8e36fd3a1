// The canvas views at the edges of the window, at 1440 and 1024 px: no label cut by the right
// edge (or by the row scrollbar over it), and a tree that first appears with the root's children
// whole, not cut off (Fit and text sizes: treeGraphReadable.test.ts). Canvas text has no
// selectors, so the views publish where they drew it on window.__spyglassDebug.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { launchBrowser, openApp, screenshot } from '../helpers/browser.ts';
import { agentTrace } from '../../bench/fixtures/agentTrace.ts';
import { ingestTrace } from '../../bench/fixtures/ingest.ts';
import { makeSpan } from '../../bench/fixtures/spans.ts';
import { formatDuration } from '../../src/renderer/src/lib/format.ts';

if (!existsSync('out/renderer/index.html'))
  throw new Error('The UI is not built: run `npm run build` before the browser tests.');

let server: TestServer;
let browser: Browser;
const agent = agentTrace(Date.now() - 120_000);
const SCROLLBAR_WIDTH = 12;
// A 4 ms call in the middle of a 100 ms run, with a name far wider than the room on either side
// of its bar at 1024 px.
const narrow = (() => {
  const traceId = 'ad'.repeat(16);
  const t0 = Date.now() - 60_000;
  const run = makeSpan({
    spanId: 'a1'.repeat(8),
    traceId,
    name: 'run',
    type: 'agent',
    startTime: t0,
    endTime: t0 + 100,
  });
  const call = makeSpan({
    spanId: 'a2'.repeat(8),
    traceId,
    parentSpanId: run.spanId,
    name: 'lookup_the_customer_record_in_the_billing_database_by_email_then_by_phone_number',
    type: 'tool',
    startTime: t0 + 48,
    endTime: t0 + 52,
  });
  return { traceId, name: 'run', spans: [run, call] };
})();
const WIDTHS = [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
] as const;

beforeAll(async () => {
  server = await startTestServer({ uiDir: 'out/renderer' });
  browser = await launchBrowser();
  await ingestTrace(server.url, agent);
  await ingestTrace(server.url, narrow);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

type Rect = { x: number; y: number; width: number; height: number };
type DrawnText = { text: string; x: number; align: string };
const debug = <T>(page: Page, view: string, key: string) =>
  page.evaluate(
    ([v, k]) => (window.__spyglassDebug?.[v!] as Record<string, unknown> | undefined)?.[k!] ?? null,
    [view, key],
  ) as Promise<T | null>;
/** Where a view drew a span (the waterfall's bar, the tree graph's card), in page px. */
const drawnRect = (page: Page, view: 'waterfall' | 'treegraph', spanId: string) =>
  page.evaluate(
    ([v, id]) =>
      (
        (window.__spyglassDebug?.[v!] as Record<string, unknown> | undefined)?.[
          v === 'waterfall' ? 'barRect' : 'nodeRect'
        ] as ((id: string) => Rect | null) | undefined
      )?.(id!) ?? null,
    [view, spanId],
  );
const barRect = (page: Page, spanId: string) => drawnRect(page, 'waterfall', spanId);
const nodeRect = (page: Page, spanId: string) => drawnRect(page, 'treegraph', spanId);

/** Text drawn on the waterfall must end left of the scrollbar (rows) and inside the canvas (ruler). */
async function expectWaterfallTextInside(page: Page) {
  await expect
    .poll(async () => {
      const extent = await debug<{ rowsRight: number; rulerRight: number }>(page, 'waterfall', 'textExtent');
      const width = await debug<number>(page, 'waterfall', 'canvasWidth');
      if (extent === null || width === null || extent.rowsRight === 0 || extent.rulerRight === 0)
        return 'not drawn';
      return extent.rowsRight <= width - SCROLLBAR_WIDTH && extent.rulerRight <= width ? 'inside' : 'cut';
    })
    .toBe('inside');
}

describe('canvas edges', () => {
  for (const viewport of WIDTHS) {
    it(`the waterfall's labels and last ruler label stay whole at ${viewport.width} px`, async () => {
      const app = await openApp(browser, server, {
        path: `/?trace=${agent.traceId}&view=waterfall&span=${agent.spans[3]!.spanId}`,
        viewport,
      });
      const { page } = app;
      await expect.poll(() => debug<number>(page, 'waterfall', 'rowCount')).toBe(agent.spans.length);
      await expectWaterfallTextInside(page);
      await screenshot(page, `edges-waterfall-dark-${viewport.width}`);
      // Zoomed in at the end of the trace, bars run past the right edge with their names inside.
      const canvas = (await page.getByTestId('waterfall-canvas').boundingBox())!;
      await page.mouse.move(canvas.x + canvas.width - 30, canvas.y + 120);
      await page.keyboard.down('Control');
      for (let i = 0; i < 4; i++) await page.mouse.wheel(0, -200);
      await page.keyboard.up('Control');
      await expect
        .poll(async () => (await debug<[number, number]>(page, 'waterfall', 'windowMs'))?.[0] ?? 0)
        .toBeGreaterThan(0);
      await expectWaterfallTextInside(page);
      await screenshot(page, `edges-waterfall-zoomed-dark-${viewport.width}`);
      expect(app.errors).toEqual([]);
      await app.close();
    });
  }

  it('the tree first appears at 1024 px with the root and all its children in view', async () => {
    for (const theme of ['dark', 'light'] as const) {
      const app = await openApp(browser, server, {
        theme,
        // No span selected: opened at a span, the tree shows that span instead (treeGraphReadable).
        path: `/?trace=${agent.traceId}&view=tree`,
        viewport: WIDTHS[1],
      });
      const { page } = app;
      await expect.poll(() => debug<number>(page, 'treegraph', 'nodeCount')).toBe(agent.spans.length);
      const box = (await page.getByTestId('treegraph-canvas').boundingBox())!;
      const root = agent.spans.find((s) => s.parentSpanId === null)!;
      const firstLevel = [root, ...agent.spans.filter((s) => s.parentSpanId === root.spanId)];
      const outside = async () => {
        const cut: string[] = [];
        for (const span of firstLevel) {
          const r = await nodeRect(page, span.spanId);
          if (
            r === null ||
            r.x < box.x ||
            r.y < box.y ||
            r.x + r.width > box.x + box.width ||
            r.y + r.height > box.y + box.height
          )
            cut.push(span.name);
        }
        return cut;
      };
      await expect.poll(outside).toEqual([]);
      await screenshot(page, `edges-tree-first-${theme}-1024`);
      expect(app.errors).toEqual([]);
      await app.close();
    }
  });

  it('keeps the duration beside a bar that has no room for its name', async () => {
    const call = narrow.spans[1]!;
    const app = await openApp(browser, server, {
      path: `/?trace=${narrow.traceId}&view=waterfall`,
      viewport: { width: 1024, height: 768 },
      // Canvas text has no selectors: record what the waterfall draws, and where.
      initScript: () => {
        const drawn: DrawnText[] = [];
        const { fillText } = CanvasRenderingContext2D.prototype;
        CanvasRenderingContext2D.prototype.fillText = function (text: string, x: number, y: number) {
          if (this.canvas.dataset.testid === 'waterfall-canvas')
            drawn.push({ text, x, align: this.textAlign });
          return fillText.call(this, text, x, y);
        };
        (window as unknown as { __drawn: DrawnText[] }).__drawn = drawn;
      },
    });
    const { page } = app;
    await expect.poll(() => debug<number>(page, 'waterfall', 'rowCount')).toBe(2);
    await expect.poll(() => barRect(page, call.spanId)).not.toBeNull();
    const bar = (await barRect(page, call.spanId))!;
    const canvas = (await page.getByTestId('waterfall-canvas').boundingBox())!;
    // The name is far too long for either side of the bar, so only the duration can go beside it.
    const duration = formatDuration(4);
    const besideBar = (d: DrawnText) =>
      d.text === duration &&
      ((d.align === 'left' && Math.abs(d.x - (bar.x + bar.width - canvas.x + 6)) < 1) ||
        (d.align === 'right' && Math.abs(d.x - (bar.x - canvas.x - 6)) < 1));
    const drawn = () => page.evaluate(() => (window as unknown as { __drawn: DrawnText[] }).__drawn);
    await expect.poll(async () => (await drawn()).some(besideBar)).toBe(true);
    expect((await drawn()).some((d) => d.text.startsWith(call.name))).toBe(false);
    await screenshot(page, 'edges-waterfall-narrow-bar-1024');
    expect(app.errors).toEqual([]);
    await app.close();
  });
});
