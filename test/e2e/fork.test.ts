// "Fork from here" in a real browser: the research example recorded through the SDK against the
// fake OpenAI server; right-click its search step (in the outline, and on its waterfall bar),
// edit the output, create the fork; the dialog shows the command; the agent is rerun with
// SPYGLASS_FORK and, when its trace arrives, the compare view opens with the divergence marked.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startFakeOpenAI, type FakeOpenAI } from '../../examples/fake-openai/server.ts';
// @ts-expect-error plain .mjs helper without declarations
import { ensureSdkBuilt } from '../../sdk/scripts/ensureBuilt.mjs';
import { waitForTrace, type StoredTrace } from '../../sdk/test/helpers.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { launchBrowser, openApp, screenshot, showOutline } from '../helpers/browser.ts';

if (!existsSync('out/renderer/index.html'))
  throw new Error('The UI is not built: run `npm run build` before the browser tests.');

type Example = { run(options: object): Promise<{ traceIds: string[] }> };

let server: TestServer;
let fake: FakeOpenAI;
let browser: Browser;
let research: Example;
let original: StoredTrace;

const finished = (t: StoredTrace) =>
  t.trace.status !== 'running' && t.spans.length > 0 && t.spans.every((s) => s.status !== 'running');
const searchSpan = () => original.spans.find((s) => s.stepOrder === 2)!;

beforeAll(async () => {
  ensureSdkBuilt();
  server = await startTestServer({ uiDir: 'out/renderer' });
  fake = await startFakeOpenAI();
  browser = await launchBrowser();
  research = (await import('../../examples/research-agent.ts')) as Example;
  const { traceIds } = await research.run({
    collectorUrl: server.url,
    openaiBaseUrl: fake.url,
    stepDelayMs: 0,
  });
  original = await waitForTrace(server.url, traceIds[0]!, finished);
});

afterAll(async () => {
  await browser?.close();
  await fake?.close();
  await server?.close();
});

const barRect = (page: Page, spanId: string) =>
  page.evaluate((id) => {
    const waterfall = (window as unknown as { __spyglassDebug?: Record<string, Record<string, unknown>> })
      .__spyglassDebug?.waterfall;
    return (
      (
        waterfall?.barRect as
          | ((id: string) => { x: number; y: number; width: number; height: number } | null)
          | undefined
      )?.(id) ?? null
    );
  }, spanId);

describe('fork from here', () => {
  it('offers the fork on a waterfall bar and an outline row, and re-run only for LLM calls', async () => {
    const app = await openApp(browser, server, {
      path: `/?trace=${original.trace.traceId}&view=waterfall`,
      viewport: { width: 1440, height: 860 },
    });
    const { page } = app;
    await expect.poll(() => barRect(page, searchSpan().spanId), { timeout: 15_000 }).not.toBeNull();
    const bar = (await barRect(page, searchSpan().spanId))!;
    await page.mouse.click(bar.x + Math.min(bar.width / 2, 20), bar.y + bar.height / 2, { button: 'right' });
    const menu = page.getByRole('menu');
    await expect.poll(() => menu.count()).toBe(1);
    // The right-click selected the span under the pointer, as a left click would.
    expect(new URL(page.url()).searchParams.get('span')).toBe(searchSpan().spanId);
    expect(
      await menu.getByRole('menuitem', { name: 'Fork from here…' }).getAttribute('aria-disabled'),
    ).toBeNull();
    expect(
      await menu.getByRole('menuitem', { name: 'Re-run in playground…' }).getAttribute('aria-disabled'),
    ).toBe('true');
    await page.keyboard.press('Escape');
    expect(await menu.count()).toBe(0);

    // In the outline (hidden beside the waterfall until asked for), the planning LLM call offers both.
    await showOutline(page);
    const plan = original.spans.find((s) => s.stepOrder === 1 || s.parentSpanId === null)!;
    expect(plan.type).toBe('llm');
    await page.locator(`.outline-row[data-span-id="${plan.spanId}"]`).click({ button: 'right' });
    expect(
      await page.getByRole('menuitem', { name: 'Re-run in playground…' }).getAttribute('aria-disabled'),
    ).toBeNull();
    expect(
      await page.getByRole('menuitem', { name: 'Fork from here…' }).getAttribute('aria-disabled'),
    ).toBeNull();
    expect(new URL(page.url()).searchParams.get('span')).toBe(plan.spanId);
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('edits the step output, shows the rerun command, and opens the comparison when the fork arrives', async () => {
    const app = await openApp(browser, server, {
      theme: 'dark',
      path: `/?trace=${original.trace.traceId}`,
      viewport: { width: 1400, height: 860 },
    });
    const { page } = app;
    await showOutline(page);
    await page.locator(`.outline-row[data-span-id="${searchSpan().spanId}"]`).click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Fork from here…' }).click();
    const editor = page.getByRole('dialog', { name: 'Fork from here' });
    const output = editor.getByLabel('Edited output');
    await expect.poll(() => output.inputValue()).toContain('Solar generation grew 29% year on year.');
    await output.fill((await output.inputValue()).replace('grew 29%', 'fell 50%'));
    await screenshot(page, 'fork-editor-dark');

    // Invalid JSON is caught before anything is stored.
    const text = await output.inputValue();
    await output.fill(`${text} trailing`);
    await editor.getByRole('button', { name: 'Create fork' }).click();
    await expect.poll(() => editor.getByRole('alert').textContent()).toContain('Not valid JSON');
    await output.fill(text);
    await editor.getByRole('button', { name: 'Create fork' }).click();

    const waiting = page.getByRole('dialog', { name: 'Fork created' });
    const command = await waiting.getByTestId('fork-command').textContent();
    const forkId = /SPYGLASS_FORK=([0-9a-f]{16})/.exec(command ?? '')?.[1];
    expect(forkId).toBeTruthy();
    expect(await waiting.getByRole('status').textContent()).toContain('Waiting for the fork to arrive');
    await screenshot(page, 'fork-waiting-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await screenshot(page, 'fork-waiting-light');

    // The developer reruns the agent with the variable set.
    process.env.SPYGLASS_FORK = forkId!;
    let forkTraceId: string;
    try {
      const { traceIds } = await research.run({
        collectorUrl: server.url,
        openaiBaseUrl: fake.url,
        stepDelayMs: 0,
      });
      forkTraceId = traceIds[0]!;
    } finally {
      delete process.env.SPYGLASS_FORK;
    }

    // The compare view opens on its own: origin against fork, diverging at the edited search.
    await expect
      .poll(() => new URL(page.url()).searchParams.get('compare'), { timeout: 15_000 })
      .toBe(`${original.trace.traceId},${forkTraceId}`);
    expect(await waiting.count()).toBe(0);
    const selected = page.locator('.compare-row[aria-selected="true"]');
    await expect.poll(() => selected.getAttribute('class')).toContain('first-divergence');
    await expect.poll(() => selected.textContent()).toContain('web-search');
    const details = page.getByLabel('Step details');
    await expect
      .poll(async () =>
        (
          await details.getByRole('region', { name: 'Output diff' }).locator('.diff-ins').allTextContents()
        ).join(' '),
      )
      .toContain('fell');
    await screenshot(page, 'fork-compare-light');
    expect(app.errors).toEqual([]);
    await app.close();
  });
});
