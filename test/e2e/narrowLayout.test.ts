// Nothing a user reads is cut in narrow windows: at 1024 px the re-run's facts table keeps its
// Change column and the inspector's Re-runs row keeps its cost; at 1440 and 1024 px with the list
// and the inspector open, the header shows whole tags and a "+N" chip for those that do not fit.
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../../examples/fake-openai/server.ts';
import { launchBrowser, openApp, screenshot } from '../helpers/browser.ts';
import { cutTexts } from '../helpers/clipping.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { hugeTrace } from '../../bench/fixtures/hugeTrace.ts';
import { ingestTrace } from '../../bench/fixtures/ingest.ts';
import { agentRun, send } from './sampleTraces.ts';

let fake: FakeOpenAI;
let server: TestServer;
let browser: Browser;
const run = agentRun(71, Date.now() - 120_000, {
  name: 'kettle-agent',
  tags: ['customer:acme-corp', 'prod', 'checkout-v2'],
});
// Tags enough to need "+N" at 1440 too.
const manyTags = [
  'customer:globex',
  'prod',
  'checkout-v2',
  'region:eu-west-1',
  'tier:enterprise',
  'canary',
  'ab:variant-b',
  'retry',
];
const tagged = agentRun(72, Date.now() - 60_000, { name: 'globex-agent', tags: manyTags });
// A big run: its facts ("Spans 19,993 · 178 failed", "Cost $60.39") are the widest.
const big = hugeTrace(20_000, Date.now() - 3_600_000, 11);
const saved: Record<string, string | undefined> = {};
/** The trace header's facts, in order. */
const FACTS = ['Duration', 'Cost', 'Spans', 'Tokens', 'Started'];

beforeAll(async () => {
  fake = await startFakeOpenAI({ latencyMs: 0 });
  for (const key of ['SPYGLASS_OPENAI_API_KEY', 'SPYGLASS_OPENAI_BASE_URL', 'OPENAI_API_KEY'])
    saved[key] = process.env[key];
  process.env.SPYGLASS_OPENAI_API_KEY = 'sk-test-narrow-layout';
  process.env.SPYGLASS_OPENAI_BASE_URL = fake.url;
  delete process.env.OPENAI_API_KEY;
  server = await startTestServer({ uiDir: 'out/renderer' });
  browser = await launchBrowser();
  await send(server.url, run.events);
  await send(server.url, tagged.events);
  await ingestTrace(server.url, big);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await fake?.close();
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

/** How much of an element shows inside its clipping ancestors, in px. */
const visibleWidth = (element: Locator) =>
  element.evaluate((node) => {
    const box = node.getBoundingClientRect();
    let [left, right] = [box.left, box.right];
    for (let up = node.parentElement; up; up = up.parentElement) {
      if (getComputedStyle(up).overflowX === 'visible') continue;
      const edge = up.getBoundingClientRect();
      [left, right] = [Math.max(left, edge.left), Math.min(right, edge.right)];
    }
    return Math.max(0, right - left);
  });

/** Every fact of the header shown whole: nothing of it clipped by the header or the facts' box. */
async function expectFactsWhole(facts: Locator): Promise<void> {
  for (let i = 0; i < FACTS.length; i++) {
    const fact = facts.nth(i);
    const full = await fact.evaluate((node) => node.getBoundingClientRect().width);
    expect({ fact: FACTS[i], shown: Math.round(await visibleWidth(fact)) }).toEqual({
      fact: FACTS[i],
      shown: Math.round(full),
    });
  }
}

/** The facts share one line (the header is two lines at most). */
async function expectFactsOnOneLine(facts: Locator): Promise<void> {
  const tops = await facts.evaluateAll((all) =>
    all.map((fact) => Math.round(fact.getBoundingClientRect().top)),
  );
  expect(new Set(tops).size).toBe(1);
}

describe('narrow layout', () => {
  it('at 1024 px keeps the re-run facts and the Re-runs row whole', async () => {
    for (const theme of ['dark', 'light'] as const) {
      const app = await openApp(browser, server, {
        theme,
        viewport: { width: 1024, height: 768 },
        path: `/?trace=${run.traceId}&span=${run.ids.llm2}`,
      });
      const { page } = app;
      try {
        await page.getByRole('button', { name: 'Re-run…' }).click();
        const dialog = page.getByRole('dialog', { name: 'Re-run LLM call' });
        await dialog.getByRole('button', { name: 'Send', exact: true }).click();
        const facts = dialog.getByRole('table', { name: 'Original against re-run' });
        await expect.poll(() => facts.count(), { timeout: 30_000 }).toBe(1);
        await expect.poll(() => facts.locator('thead th').last().textContent()).toBe('Change');
        expect(await cutTexts(facts)).toEqual([]);
        await screenshot(page, `narrow-rerun-facts-${theme}-1024`);

        await dialog.getByRole('button', { name: 'Close' }).click();
        const list = page.getByRole('region', { name: 'Re-runs' });
        await expect.poll(() => list.locator('.replay-row').count(), { timeout: 30_000 }).toBeGreaterThan(0);
        const row = list.locator('.replay-row').first();
        await expect.poll(() => row.locator('.replay-num').last().textContent()).toMatch(/^\$/);
        expect(await cutTexts(row)).toEqual([]);
        await list.scrollIntoViewIfNeeded();
        await screenshot(page, `narrow-reruns-row-${theme}-1024`);
        expect(app.errors).toEqual([]);
      } finally {
        await app.close();
      }
    }
  });

  for (const viewport of [
    { width: 1440, height: 900 },
    { width: 1024, height: 768 },
  ]) {
    it(`at ${viewport.width} px with the list and inspector open, the header keeps every fact, whole tags and +N for the rest`, async () => {
      for (const theme of ['dark', 'light'] as const) {
        const app = await openApp(browser, server, {
          theme,
          viewport,
          path: `/?trace=${run.traceId}&span=${run.ids.llm2}`,
        });
        const { page } = app;
        try {
          await page.locator('.inspector[data-span-id]').waitFor();
          const tags = page.locator('.trace-header-tags');
          await tags.locator('.tag-chip:visible').first().waitFor();
          // Tags on the first line are shown whole (no ellipsis, nothing past the header's edge);
          // the rest are counted by the +N chip, so shown + N is every tag.
          const shown = () => tags.locator('.overflow-tags-chip:visible').allTextContents();
          const more = tags.locator('.tag-more:visible');
          const counted = async () => {
            const n = (await more.count()) === 0 ? 0 : Number((await more.textContent())?.replace('+', ''));
            return (await shown()).length + n;
          };
          await expect.poll(counted).toBe(3);
          // The key facts come before tags: every one shown whole (tags shrink to "+N" first).
          const facts = page.locator('.trace-facts > div');
          await expect.poll(() => facts.locator('dt').allTextContents()).toEqual(FACTS);
          await screenshot(page, `narrow-header-tags-${theme}-${viewport.width}`);
          await expectFactsWhole(facts);
          for (let i = 0; i < FACTS.length; i++) {
            // Not wrapped onto a line the facts' box hides.
            await expect
              .poll(() =>
                facts.nth(i).evaluate((node) => ({
                  bottom: Math.round(node.getBoundingClientRect().bottom),
                  boxBottom: Math.round(node.parentElement!.getBoundingClientRect().bottom),
                })),
              )
              .toSatisfy(({ bottom, boxBottom }) => bottom <= boxBottom);
          }
          // The facts share one line: the start time gives its milliseconds up first, which stay
          // on hover.
          await expectFactsOnOneLine(facts);
          const started = facts.nth(FACTS.indexOf('Started')).locator('dd');
          expect(await started.getAttribute('title')).toMatch(/^Started \d\d:\d\d:\d\d\.\d{3}$/);
          expect(await started.locator('span:visible').textContent()).toMatch(/^\d\d:\d\d:\d\d(\.\d{3})?$/);
          // Tags still get whole ones or the chip, never nothing.
          expect((await shown()).length + (await more.count())).toBeGreaterThanOrEqual(1);
          const chips = tags.locator('.overflow-tags-chip:visible');
          for (let i = 0; i < (await chips.count()); i++) expect(await cutTexts(chips.nth(i))).toEqual([]);
          // Not even an ellipsis over the last letter (under cutTexts's 1 px tolerance).
          expect(
            await chips.evaluateAll((all) =>
              all.filter((c) => c.scrollWidth > c.clientWidth).map((c) => c.textContent),
            ),
          ).toEqual([]);
          if ((await more.count()) > 0) {
            // The +N chip names every tag on hover and opens them as a menu; a pick filters the list.
            expect(await more.getAttribute('title')).toBe('Tags: customer:acme-corp, prod, checkout-v2');
            await more.click();
            const menu = page.getByRole('menu');
            await expect
              .poll(() => menu.getByRole('menuitem').allTextContents())
              .toEqual(['customer:acme-corp', 'prod', 'checkout-v2']);
            // The menu says what a pick does.
            expect(await menu.getAttribute('aria-label')).toBe('Filter the trace list by tag');
            expect(await menu.locator('.context-menu-heading').textContent()).toBe(
              'Filter the trace list by tag',
            );
            await screenshot(page, `narrow-header-tags-menu-${theme}-${viewport.width}`);
            await menu.getByRole('menuitem', { name: 'checkout-v2' }).click();
            await expect.poll(() => new URL(page.url()).searchParams.get('tag')).toBe('checkout-v2');
          }
          expect(app.errors).toEqual([]);
        } finally {
          await app.close();
        }
      }
    });
  }

  it("at 1024 px with the list and inspector open, a big run's facts keep one line, terse", async () => {
    const target = big.spans.find((span) => span.type === 'tool')!;
    for (const theme of ['dark', 'light'] as const) {
      const app = await openApp(browser, server, {
        theme,
        viewport: { width: 1024, height: 768 },
        path: `/?trace=${big.traceId}&span=${target.spanId}`,
      });
      const { page } = app;
      try {
        await page.locator('.inspector[data-span-id]').waitFor({ timeout: 30_000 });
        const facts = page.locator('.trace-facts > div');
        await expect.poll(() => facts.count(), { timeout: 30_000 }).toBe(FACTS.length);
        await expect.poll(() => page.locator('.trace-facts').getAttribute('class')).toContain('facts-terse');
        await expectFactsOnOneLine(facts);
        // The values say what they count; the labels stay for screen readers.
        expect(await page.locator('.trace-facts .fact-unit:visible').allTextContents()).toEqual([
          ' spans',
          ' tokens',
        ]);
        expect(await facts.locator('dt').allTextContents()).toEqual(FACTS);
        expect(await page.locator('.trace-facts').getByRole('term').count()).toBe(FACTS.length);
        await expectFactsWhole(facts);
        await screenshot(page, `narrow-header-big-run-${theme}-1024`);
        expect(app.errors).toEqual([]);
      } finally {
        await app.close();
      }
    }
  }, 120_000);

  for (const viewport of [
    { width: 1440, height: 900 },
    { width: 1024, height: 768 },
  ]) {
    it(`at ${viewport.width} px the +N tag menu says that a pick filters the trace list`, async () => {
      for (const theme of ['dark', 'light'] as const) {
        const app = await openApp(browser, server, {
          theme,
          viewport,
          path: `/?trace=${tagged.traceId}&span=${tagged.ids.llm2}`,
        });
        const { page } = app;
        try {
          await page.locator('.inspector[data-span-id]').waitFor();
          const more = page.locator('.trace-header-tags .tag-more:visible');
          await more.waitFor();
          // The name, tags and buttons share the first line: none wraps onto the facts' line.
          const firstLine = () =>
            page.locator('.trace-header').evaluate((header) => {
              const factsTop = header.querySelector('.trace-facts')!.getBoundingClientRect().top;
              return ['.trace-title', '.tag-more', '.copy-button']
                .filter((s) => header.querySelector(s)!.getBoundingClientRect().bottom > factsTop + 1)
                .map((s) => `${s} below the first line`);
            });
          await expect.poll(firstLine).toEqual([]);
          await more.click();
          const menu = page.getByRole('menu', { name: 'Filter the trace list by tag' });
          await expect.poll(() => menu.getByRole('menuitem').allTextContents()).toEqual(manyTags);
          expect(await menu.locator('.context-menu-heading').textContent()).toBe(
            'Filter the trace list by tag',
          );
          await screenshot(page, `header-tags-menu-${theme}-${viewport.width}`);
          expect(await firstLine()).toEqual([]);
          await menu.getByRole('menuitem', { name: 'canary' }).click();
          await expect.poll(() => new URL(page.url()).searchParams.get('tag')).toBe('canary');
          expect(app.errors).toEqual([]);
        } finally {
          await app.close();
        }
      }
    });
  }
});
