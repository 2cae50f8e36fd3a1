// The tree graph is readable at first sight and after Fit, at 1024 and at 1440 px with the
// trace list and inspector open: no card cut by the canvas's left or right edge (the view shows
// whole columns), the root and its children in view, and no text drawn under 10 px on screen —
// names, type letters and "+N" counts alike. The text sizes are read from the canvas calls
// themselves (fillText's font times the transform's scale), not from the view's own report.
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
const root = agent.spans.find((s) => s.parentSpanId === null)!;
const firstLevels = [root, ...agent.spans.filter((s) => s.parentSpanId === root.spanId)];
// The same run with one name longer than any card or hover card is wide.
const LONG_NAME = 'refund_order_for_the_enterprise_customer_after_the_tier_two_approval_of_the_escalation';
const longNamed = (() => {
  const t = agentTrace(Date.now() - 60_000, { seed: 11 });
  return { ...t, spans: t.spans.map((s) => (s.name === 'refund_order' ? { ...s, name: LONG_NAME } : s)) };
})();

beforeAll(async () => {
  server = await startTestServer({ uiDir: 'out/renderer' });
  browser = await launchBrowser();
  await ingestTrace(server.url, agent);
  await ingestTrace(server.url, longNamed);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

type Rect = { x: number; y: number; width: number; height: number };
type DrawnText = { text: string; px: number };

/**
 * Records the text of the tree canvas's last frame (a frame starts with the full background
 * fill) with its size on screen: the font's px times the context's horizontal scale.
 */
function recordTreeText() {
  const texts: { text: string; px: number }[] = [];
  const proto = CanvasRenderingContext2D.prototype;
  const { fillRect, fillText } = proto;
  const isTree = (ctx: CanvasRenderingContext2D) => ctx.canvas.dataset.testid === 'treegraph-canvas';
  proto.fillRect = function (this: CanvasRenderingContext2D, x: number, y: number, w: number, h: number) {
    if (isTree(this) && x === 0 && y === 0 && w * devicePixelRatio >= this.canvas.width) texts.length = 0;
    return fillRect.call(this, x, y, w, h);
  };
  proto.fillText = function (
    this: CanvasRenderingContext2D,
    text: string,
    x: number,
    y: number,
    max?: number,
  ) {
    if (isTree(this) && text !== '') {
      const size = Number(/(\d+(?:\.\d+)?)px/.exec(this.font)?.[1] ?? 0);
      texts.push({ text, px: (size * this.getTransform().a) / devicePixelRatio });
    }
    return max === undefined ? fillText.call(this, text, x, y) : fillText.call(this, text, x, y, max);
  };
  (window as unknown as { __treeText: typeof texts }).__treeText = texts;
}

const debug = <T>(page: Page, key: string) =>
  page.evaluate(
    (k) => (window.__spyglassDebug?.treegraph as Record<string, unknown> | undefined)?.[k] ?? null,
    key,
  ) as Promise<T | null>;
const drawnText = (page: Page) =>
  page.evaluate(() => [...((window as unknown as { __treeText?: DrawnText[] }).__treeText ?? [])]);
const nodeRects = (page: Page) =>
  page.evaluate(
    (ids) => {
      const rect = (window.__spyglassDebug?.treegraph as Record<string, unknown> | undefined)?.nodeRect as
        | ((id: string) => Rect | null)
        | undefined;
      return ids.map((id) => ({ id, rect: rect?.(id) ?? null }));
    },
    agent.spans.map((s) => s.spanId),
  );

/** The scale once two frames apart agree (Fit animates). */
async function settledScale(page: Page): Promise<number | null> {
  const before = await debug<number>(page, 'scale');
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const after = await debug<number>(page, 'scale');
  return before !== null && before === after ? after : null;
}

/** Names of cards the canvas's left or right edge cuts through, and first-level cards not wholly in view. */
async function cutCards(page: Page): Promise<string[]> {
  const box = (await page.getByTestId('treegraph-canvas').boundingBox())!;
  const cut: string[] = [];
  const nameOf = (id: string) => agent.spans.find((s) => s.spanId === id)!.name;
  for (const { id, rect } of await nodeRects(page)) {
    if (rect === null) continue; // in a closed subtree
    const right = rect.x + rect.width;
    const acrossLeft = rect.x < box.x && right > box.x;
    const acrossRight = rect.x < box.x + box.width && right > box.x + box.width;
    if (acrossLeft || acrossRight) cut.push(`${nameOf(id)} (edge)`);
  }
  for (const span of firstLevels) {
    const r = (await nodeRects(page)).find((n) => n.id === span.spanId)?.rect;
    if (
      !r ||
      r.x < box.x ||
      r.y < box.y ||
      r.x + r.width > box.x + box.width ||
      r.y + r.height > box.y + box.height
    )
      cut.push(`${span.name} (first levels)`);
  }
  return cut;
}

/** Text drawn under 10 px on screen, and whether the span names (`name`'s) are drawn at all. */
async function expectReadableText(page: Page, name = root.name) {
  await expect
    .poll(async () => {
      const texts = await drawnText(page);
      const names = texts.filter((t) => t.text.startsWith(name.slice(0, 4)));
      const small = texts.filter((t) => t.px < 10).map((t) => `${t.text} @${t.px.toFixed(1)}px`);
      return { rootNameDrawn: names.length > 0, small };
    })
    .toEqual({ rootNameDrawn: true, small: [] });
}

describe('tree graph readability', () => {
  for (const theme of ['dark', 'light'] as const) {
    it(`first sight at 1024 px shows whole columns with readable text (${theme})`, async () => {
      const app = await openApp(browser, server, {
        theme,
        path: `/?trace=${agent.traceId}&view=tree`,
        viewport: { width: 1024, height: 768 },
        initScript: recordTreeText,
      });
      const { page } = app;
      try {
        await expect.poll(() => debug<number>(page, 'nodeCount')).toBe(agent.spans.length);
        await expect.poll(() => settledScale(page)).not.toBeNull();
        await screenshot(page, `tree-first-sight-${theme}-1024`);
        expect(await cutCards(page)).toEqual([]);
        await expectReadableText(page);
        expect(app.errors).toEqual([]);
      } finally {
        await app.close();
      }
    });
  }

  for (const viewport of [
    { width: 1440, height: 900 },
    { width: 1024, height: 768 },
  ]) {
    for (const theme of ['dark', 'light'] as const) {
      it(`Fit at ${viewport.width} px with the list and inspector open stays readable (${theme})`, async () => {
        const app = await openApp(browser, server, {
          theme,
          path: `/?trace=${agent.traceId}&view=tree&span=${agent.spans[3]!.spanId}`,
          viewport,
          initScript: recordTreeText,
        });
        const { page } = app;
        try {
          await page.locator('.inspector[data-span-id]').waitFor();
          await expect.poll(() => debug<number>(page, 'nodeCount')).toBe(agent.spans.length);
          const firstSight = await debug<number>(page, 'scale');
          // Zoom out first, so Fit has to move.
          const box = (await page.getByTestId('treegraph-canvas').boundingBox())!;
          await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
          await page.keyboard.down('Control');
          for (let i = 0; i < 3; i++) await page.mouse.wheel(0, 100);
          await page.keyboard.up('Control');
          await expect
            .poll(async () => ((await debug<number>(page, 'scale')) ?? 1) < (firstSight ?? 1))
            .toBe(true);
          await page.getByRole('button', { name: 'Fit', exact: true }).click();
          await expect.poll(() => settledScale(page)).not.toBeNull();
          await screenshot(page, `tree-fit-${theme}-${viewport.width}`);
          // Names are drawn (a fitted tree of plain shapes reads nothing), at 10 px or more.
          expect(await debug<number>(page, 'nameScreenPx')).toBeGreaterThanOrEqual(10);
          expect(await cutCards(page)).toEqual([]);
          await expectReadableText(page);
          expect(app.errors).toEqual([]);
        } finally {
          await app.close();
        }
      });
    }
  }

  it('far out, in the compact range, type letters and +N counts stay at 10 px or are not drawn', async () => {
    const app = await openApp(browser, server, {
      path: `/?trace=${agent.traceId}&view=tree`,
      viewport: { width: 1440, height: 900 },
      initScript: recordTreeText,
    });
    const { page } = app;
    try {
      await expect.poll(() => debug<number>(page, 'nodeCount')).toBe(agent.spans.length);
      const box = (await page.getByTestId('treegraph-canvas').boundingBox())!;
      await page.mouse.move(box.x + 200, box.y + box.height / 2);
      // Zoom out step by step into the compact range (names at their 10 px floor, no figures line).
      for (let i = 0; i < 20; i++) {
        const k = (await debug<number>(page, 'scale')) ?? 1;
        if (k < 0.6) break;
        await page.keyboard.down('Control');
        await page.mouse.wheel(0, 10);
        await page.keyboard.up('Control');
        await expect.poll(async () => (await debug<number>(page, 'scale')) !== k).toBe(true);
      }
      const k = (await debug<number>(page, 'scale'))!;
      expect(k).toBeLessThan(10 / 12);
      expect(k).toBeGreaterThanOrEqual(0.45);
      await expectReadableText(page);
      await page.mouse.move(box.x + box.width - 5, box.y + 5); // no tooltip over the cards
      await screenshot(page, 'tree-compact-dark-1440');
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});

/** Whether the span's card is wholly inside the canvas. */
async function cardInView(page: Page, spanId: string): Promise<boolean> {
  const box = (await page.getByTestId('treegraph-canvas').boundingBox())!;
  const r = (await nodeRects(page)).find((n) => n.id === spanId)?.rect;
  return (
    !!r &&
    r.x >= box.x - 0.5 &&
    r.y >= box.y - 0.5 &&
    r.x + r.width <= box.x + box.width + 0.5 &&
    r.y + r.height <= box.y + box.height + 0.5
  );
}

// Opened at a span (the URL's &span=, or a span selected in the waterfall before switching to
// the tree), first sight keeps Fit's readable scale and pans to the selected card with its parent
// leading to it, whole columns only. Fit still shows the overview (the test above); F centres.
describe('tree graph opened at a span', () => {
  const byName = (name: string) => agent.spans.find((s) => s.name === name)!;
  const vectorSearch = byName('vector_search');
  const embed = byName('embed_query');

  for (const viewport of [
    { width: 1024, height: 768 },
    { width: 1440, height: 900 },
  ]) {
    for (const theme of ['dark', 'light'] as const) {
      it(`first sight at ${viewport.width} px shows the selected card and its parent, readable (${theme})`, async () => {
        const target = viewport.width === 1024 ? embed : vectorSearch;
        const app = await openApp(browser, server, {
          theme,
          path: `/?trace=${agent.traceId}&view=tree&span=${target.spanId}`,
          viewport,
          initScript: recordTreeText,
        });
        const { page } = app;
        try {
          await page.locator('.inspector[data-span-id]').waitFor();
          await expect.poll(() => debug<number>(page, 'nodeCount')).toBe(agent.spans.length);
          await expect.poll(() => settledScale(page)).not.toBeNull();
          await screenshot(page, `tree-first-sight-selected-${theme}-${viewport.width}`);
          expect(await cardInView(page, target.spanId)).toBe(true);
          expect(await cardInView(page, target.parentSpanId!)).toBe(true);
          // Whole columns (no card cut by a side edge), names at 10 px or more.
          const cut = (await cutCards(page)).filter((c) => c.endsWith('(edge)'));
          expect(cut).toEqual([]);
          await expectReadableText(page, target.name);
          expect(app.errors).toEqual([]);
        } finally {
          await app.close();
        }
      });
    }
  }

  it('a span selected in the waterfall is in view when switching to the tree at 1024 px', async () => {
    const app = await openApp(browser, server, {
      path: `/?trace=${agent.traceId}&span=${embed.spanId}`,
      viewport: { width: 1024, height: 768 },
      initScript: recordTreeText,
    });
    const { page } = app;
    try {
      await page.locator('.inspector[data-span-id]').waitFor();
      await page.getByRole('tab', { name: 'Tree', exact: true }).click();
      await expect.poll(() => debug<number>(page, 'nodeCount')).toBe(agent.spans.length);
      await expect.poll(() => settledScale(page)).not.toBeNull();
      expect(await cardInView(page, embed.spanId)).toBe(true);
      expect(await cardInView(page, vectorSearch.spanId)).toBe(true);
      await expectReadableText(page, embed.name);
      // Fit is the overview again: the root and its children, whatever is selected.
      await page.getByRole('button', { name: 'Fit', exact: true }).click();
      await expect.poll(() => cardInView(page, root.spanId)).toBe(true);
      await expect.poll(() => settledScale(page)).not.toBeNull();
      expect((await cutCards(page)).filter((c) => c.endsWith('(first levels)'))).toEqual([]);
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});

// Readable-fit cards cut longer names ("refun…", "escalation-…") and have no figures line: the
// hover card names the span in full, with its figures.
describe('tree graph hover', () => {
  it('a name longer than the hover card is shown whole there, wrapped (1440, light)', async () => {
    const span = longNamed.spans.find((s) => s.name === LONG_NAME)!;
    const app = await openApp(browser, server, {
      theme: 'light',
      path: `/?trace=${longNamed.traceId}&view=tree`,
      viewport: { width: 1440, height: 900 },
    });
    const { page } = app;
    try {
      await expect.poll(() => debug<number>(page, 'nodeCount')).toBe(longNamed.spans.length);
      await expect.poll(() => settledScale(page)).not.toBeNull();
      const r = (await page.evaluate(
        (id) =>
          (
            (window.__spyglassDebug?.treegraph as Record<string, unknown> | undefined)?.nodeRect as
              | ((id: string) => Rect | null)
              | undefined
          )?.(id) ?? null,
        span.spanId,
      ))!;
      await page.mouse.move(r.x + r.width / 3, r.y + r.height / 2);
      const name = page.getByTestId('span-tooltip').locator('strong').first();
      await name.waitFor();
      expect(await name.textContent()).toBe(LONG_NAME);
      expect(await name.evaluate((n) => n.scrollWidth <= n.clientWidth)).toBe(true);
      await screenshot(page, 'tree-hover-long-name-light-1440');
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  for (const theme of ['dark', 'light'] as const) {
    it(`a card cut short names its span in full on hover at 1024 px (${theme})`, async () => {
      const refund = agent.spans.find((s) => s.name === 'refund_order')!;
      const app = await openApp(browser, server, {
        theme,
        path: `/?trace=${agent.traceId}&view=tree`,
        viewport: { width: 1024, height: 768 },
        initScript: recordTreeText,
      });
      const { page } = app;
      try {
        await expect.poll(() => debug<number>(page, 'nodeCount')).toBe(agent.spans.length);
        await expect.poll(() => settledScale(page)).not.toBeNull();
        // The card draws the name cut (the premise), so the hover card must carry it.
        await expect
          .poll(async () =>
            (await drawnText(page)).some((t) => t.text.startsWith('refun') && t.text !== refund.name),
          )
          .toBe(true);
        const r = (await nodeRects(page)).find((n) => n.id === refund.spanId)!.rect!;
        await page.mouse.move(r.x + r.width / 3, r.y + r.height / 2);
        const tip = page.getByTestId('span-tooltip');
        await tip.waitFor();
        const name = tip.locator('strong').first();
        expect(await name.textContent()).toBe(refund.name);
        // Whole, not ellipsised.
        expect(await name.evaluate((n) => n.scrollWidth <= n.clientWidth)).toBe(true);
        await screenshot(page, `tree-hover-cut-name-${theme}-1024`);
        expect(app.errors).toEqual([]);
      } finally {
        await app.close();
      }
    });
  }
});

describe('tree graph wheel', () => {
  /** The root card's centre on screen, and the scale. */
  const rootAt = async (page: Page) => {
    const r = (await page.evaluate(
      (id) =>
        (
          (window.__spyglassDebug?.treegraph as Record<string, unknown> | undefined)?.nodeRect as
            | ((id: string) => Rect | null)
            | undefined
        )?.(id) ?? null,
      root.spanId,
    ))!;
    return { x: r.x + r.width / 2, y: r.y + r.height / 2, k: (await debug<number>(page, 'scale'))! };
  };

  it('follows the Settings wheel mode, as the waterfall does: the wheel pans, Ctrl+wheel zooms at the pointer', async () => {
    const app = await openApp(browser, server, {
      path: `/?trace=${agent.traceId}&view=tree`,
      viewport: { width: 1440, height: 900 },
    });
    const { page } = app;
    try {
      await expect.poll(() => debug<number>(page, 'nodeCount')).toBe(agent.spans.length);
      await expect.poll(() => settledScale(page)).not.toBeNull();
      const before = await rootAt(page);
      await page.mouse.move(before.x, before.y);
      await page.mouse.wheel(0, 100);
      await expect.poll(async () => (await rootAt(page)).y).toBeCloseTo(before.y - 100, 0);
      expect((await rootAt(page)).k).toBe(before.k);
      await page.mouse.wheel(60, 0);
      await expect.poll(async () => (await rootAt(page)).x).toBeCloseTo(before.x - 60, 0);

      const moved = await rootAt(page);
      await page.mouse.move(moved.x, moved.y);
      await page.keyboard.down('Control');
      await page.mouse.wheel(0, -100);
      await page.keyboard.up('Control');
      await expect.poll(async () => (await rootAt(page)).k).toBeGreaterThan(moved.k);
      // Zoomed at the pointer: the card under it stays under it.
      const zoomed = await rootAt(page);
      expect(Math.abs(zoomed.x - moved.x)).toBeLessThan(1);
      expect(Math.abs(zoomed.y - moved.y)).toBeLessThan(1);
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('"Wheel zooms" in Settings: the plain wheel zooms at the pointer, Shift+wheel pans down', async () => {
    const app = await openApp(browser, server, {
      path: `/?trace=${agent.traceId}&view=tree`,
      viewport: { width: 1024, height: 768 },
      initScript: () =>
        localStorage.setItem('spyglass.preferences.v1', JSON.stringify({ wheelMode: 'zoom' })),
    });
    const { page } = app;
    try {
      await expect.poll(() => debug<number>(page, 'nodeCount')).toBe(agent.spans.length);
      await expect.poll(() => settledScale(page)).not.toBeNull();
      const before = await rootAt(page);
      await page.mouse.move(before.x, before.y);
      await page.mouse.wheel(0, -100);
      await expect.poll(async () => (await rootAt(page)).k).toBeGreaterThan(before.k);
      const zoomed = await rootAt(page);
      expect(Math.abs(zoomed.x - before.x)).toBeLessThan(1);
      expect(Math.abs(zoomed.y - before.y)).toBeLessThan(1);
      await page.keyboard.down('Shift');
      await page.mouse.wheel(0, 50);
      await page.keyboard.up('Shift');
      await expect.poll(async () => (await rootAt(page)).y).toBeCloseTo(zoomed.y - 50, 0);
      expect((await rootAt(page)).k).toBe(zoomed.k);
      expect(
        await page.getByTestId('treegraph-view').getByText('Scroll to zoom', { exact: false }).count(),
      ).toBe(1);
      await screenshot(page, 'tree-wheel-zoom-mode-dark-1024');
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
