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

if (!existsSync('out/renderer/index.html'))
  throw new Error('The UI is not built: run `npm run build` before the browser tests.');

let server: TestServer;
let browser: Browser;
const agent = agentTrace(Date.now() - 120_000);
const SCROLLBAR_WIDTH = 12;
const WIDTHS = [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
] as const;

beforeAll(async () => {
  server = await startTestServer({ uiDir: 'out/renderer' });
  browser = await launchBrowser();
  await ingestTrace(server.url, agent);
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
const nodeRect = (page: Page, spanId: string) =>
  page.evaluate(
    (id) =>
      (
        (window.__spyglassDebug?.treegraph as Record<string, unknown> | undefined)?.nodeRect as
          | ((id: string) => Rect | null)
          | undefined
      )?.(id) ?? null,
    spanId,
  );

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
});
