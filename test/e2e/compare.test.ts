// The compare view in a real browser: a run against a modified copy of it (one answer edited, a
// tool call added, one removed, more tokens), aligned step by step with the first divergence
// selected, the pair's differences in full, and a comparison of thousands of steps virtualised.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { WireEvent } from '../../sdk/src/protocol.ts';
import { spanIdOf, startTestServer, traceIdOf, wire, type TestServer } from '../helpers/server.ts';
import { launchBrowser, openApp, screenshot } from '../helpers/browser.ts';
import { send } from './sampleTraces.ts';

if (!existsSync('out/renderer/index.html'))
  throw new Error('The UI is not built: run `npm run build` before the browser tests.');

let server: TestServer;
let browser: Browser;
const t0 = Date.now() - 300_000;

interface Step {
  name: string;
  type: 'llm' | 'tool';
  input: unknown;
  output: unknown;
  tokens?: number;
  ms: number;
}

/** One agent run: a root with these steps in order, each after the previous. The root span is
 * named like the trace without its "(…)" suffix, so the copies' roots align as the same step. */
function runEvents(n: number, name: string, steps: Step[]): { traceId: string; events: WireEvent[] } {
  const traceId = traceIdOf(n);
  const root = spanIdOf(n * 1000);
  const events: WireEvent[] = [
    wire.traceStart(traceId, t0, { name }),
    wire.spanStart(traceId, root, null, t0, {
      name: name.replace(/ \(.*\)$/, ''),
      type: 'agent',
      stepOrder: 0,
    }),
  ];
  let time = t0 + 1;
  steps.forEach((step, i) => {
    const id = spanIdOf(n * 1000 + i + 1);
    const model = step.type === 'llm' ? { model: 'gpt-4o-mini', provider: 'openai' } : {};
    events.push(
      wire.spanStart(traceId, id, root, time, {
        name: step.name,
        type: step.type,
        stepOrder: i + 1,
        input: step.input,
        ...model,
      }),
    );
    time += step.ms;
    const usage = step.tokens
      ? {
          promptTokens: step.tokens - 20,
          completionTokens: 20,
          totalTokens: step.tokens,
          costUsd: step.tokens * 1e-6,
        }
      : {};
    events.push(wire.spanEnd(traceId, id, time, { output: step.output, status: 'success', ...usage }));
  });
  events.push(
    wire.spanEnd(traceId, root, time, { status: 'success' }),
    wire.traceEnd(traceId, time, { status: 'success' }),
  );
  return { traceId, events };
}

const user = (text: string) => ({
  messages: [
    { role: 'system', content: 'You plan trips.' },
    { role: 'user', content: text },
  ],
});
const baseSteps: Step[] = [
  {
    name: 'plan',
    type: 'llm',
    input: user('Plan a day in Lisbon'),
    output: { role: 'assistant', content: 'First search flights, then hotels.' },
    tokens: 300,
    ms: 800,
  },
  {
    name: 'search_flights',
    type: 'tool',
    input: { from: 'LHR', to: 'LIS' },
    output: { cheapest: 89 },
    ms: 200,
  },
  {
    name: 'search_hotels',
    type: 'tool',
    input: { city: 'Lisbon', nights: 1 },
    output: { best: 'Alfama Inn' },
    ms: 250,
  },
  {
    name: 'answer',
    type: 'llm',
    input: user('Summarise'),
    output: { role: 'assistant', content: 'Fly for 89 and stay at Alfama Inn.' },
    tokens: 400,
    ms: 900,
  },
];
const A = runEvents(1, 'trip-agent', baseSteps);
// The copy: the plan's answer edited, a weather check added after flights, hotels dropped,
// and a longer final answer.
const B = runEvents(2, 'trip-agent (edited)', [
  {
    ...baseSteps[0]!,
    output: { role: 'assistant', content: 'First search flights, then check the weather.' },
    tokens: 320,
  },
  baseSteps[1]!,
  { name: 'get_weather', type: 'tool', input: { city: 'Lisbon' }, output: { forecast: 'sunny' }, ms: 150 },
  {
    ...baseSteps[3]!,
    output: { role: 'assistant', content: 'Fly for 89; it will be sunny.' },
    tokens: 520,
    ms: 1900,
  },
]);

/** Two long runs, 3,000 tool steps each, one step different in the middle. */
const longSteps = (changeAt: number, tag: string): Step[] =>
  Array.from({ length: 3000 }, (_, i) => ({
    name: `step_${i % 7}`,
    type: 'tool' as const,
    input: { i, v: i === changeAt ? tag : 'same' },
    output: i,
    ms: 2,
  }));
const LONG_A = runEvents(3, 'long-run', longSteps(1500, 'a'));
const LONG_B = runEvents(4, 'long-run (copy)', longSteps(1500, 'b'));

beforeAll(async () => {
  server = await startTestServer({ uiDir: 'out/renderer' });
  browser = await launchBrowser();
  for (const run of [A, B, LONG_A, LONG_B]) await send(server.url, run.events);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const rows = (page: Page) => page.locator('.compare-row');
const kinds = (page: Page) => rows(page).evaluateAll((els) => els.map((el) => el.getAttribute('data-kind')));

describe('compare view', () => {
  it('aligns a run against a modified copy and shows what changed', async () => {
    const app = await openApp(browser, server, {
      theme: 'dark',
      viewport: { width: 1400, height: 860 },
      path: `/?compare=${A.traceId},${B.traceId}`,
    });
    const { page } = app;
    await expect.poll(() => rows(page).count()).toBe(6);
    // root, plan (edited), flights, hotels (removed), weather (added), answer (edited).
    expect(await kinds(page)).toEqual(['same', 'changed', 'same', 'removed', 'inserted', 'changed']);
    const summary = await page.getByTestId('compare-summary').textContent();
    expect(summary).toMatch(/^2 steps changed, 1 added, 1 removed/);
    expect(summary).toContain('+20% tokens'); // 700 → 840
    expect(summary).toContain('slower by 900 ms');

    // The first divergence (the edited plan) is flagged and selected, its details open.
    const first = rows(page).nth(1);
    expect(await first.getAttribute('class')).toContain('first-divergence');
    expect(await first.getAttribute('aria-selected')).toBe('true');
    const details = page.getByLabel('Step details');
    expect(await details.getAttribute('data-kind')).toBe('changed');
    const output = details.getByRole('region', { name: 'Output diff' });
    expect(await output.locator('.diff-del').allTextContents()).toEqual(['hotels']);
    expect((await output.locator('.diff-ins').allTextContents()).join('')).toContain('weather');
    expect(await details.getByRole('region', { name: 'Prompt diff' }).textContent()).toContain('unchanged');
    expect(await details.locator('.pair-numbers').textContent()).toContain('+20 (+6.7%)');
    await screenshot(page, 'compare-dark');

    // Steps only one run has: the removed hotel search, then the added weather check.
    await page.keyboard.press('n');
    await expect.poll(() => details.getAttribute('data-kind')).toBe('removed');
    expect(await details.textContent()).toContain('search_hotels');
    expect(await details.textContent()).toContain('Run A only');
    await page.keyboard.press('n');
    await expect.poll(() => details.getAttribute('data-kind')).toBe('inserted');
    expect(await details.textContent()).toContain('get_weather');
    expect(await details.textContent()).toContain('Run B only');

    await page.emulateMedia({ colorScheme: 'light' });
    await rows(page).nth(5).click();
    await expect.poll(() => details.getAttribute('data-index')).toBe('5');
    expect(await details.locator('.pair-numbers').textContent()).toContain('+1s');
    await screenshot(page, 'compare-light');
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('starts from the trace list: pick two traces, or compare one with the open trace', async () => {
    const app = await openApp(browser, server, { theme: 'dark', path: `/?trace=${A.traceId}` });
    const { page } = app;
    await page.locator(`.trace-row[data-trace-id="${B.traceId}"]`).click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Compare with the open trace' }).click();
    await expect
      .poll(() => new URL(page.url()).searchParams.get('compare'))
      .toBe(`${A.traceId},${B.traceId}`);
    await expect.poll(() => rows(page).count()).toBe(6);

    // Back leaves the comparison; picking two with Ctrl-click offers Compare.
    await page.getByRole('button', { name: '← Back' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('compare')).toBeNull();
    await page.locator(`.trace-row[data-trace-id="${B.traceId}"]`).click({ modifiers: ['Control'] });
    await page.locator(`.trace-row[data-trace-id="${A.traceId}"]`).click({ modifiers: ['Control'] });
    const bar = page.getByRole('toolbar', { name: 'Picked traces' });
    expect(await bar.textContent()).toContain('2 traces picked');
    await bar.getByRole('button', { name: 'Compare' }).click();
    await expect
      .poll(() => new URL(page.url()).searchParams.get('compare'))
      .toBe(`${B.traceId},${A.traceId}`);
    // B is now the baseline: the plan's edit reads the other way round.
    await expect
      .poll(() => kinds(page))
      .toEqual(['same', 'changed', 'same', 'removed', 'inserted', 'changed']);
    await page.reload();
    await expect.poll(() => rows(page).count()).toBe(6);
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('keeps thousands of aligned steps virtualised and scrolls to the divergence in the middle', async () => {
    const app = await openApp(browser, server, {
      theme: 'dark',
      path: `/?compare=${LONG_A.traceId},${LONG_B.traceId}`,
    });
    const { page } = app;
    const selected = page.locator('.compare-row[aria-selected="true"]');
    await expect.poll(() => selected.count(), { timeout: 20_000 }).toBe(1);
    // Row 0 is the root; the changed step 1500 is row 1501.
    expect(await selected.getAttribute('data-index')).toBe('1501');
    expect(await selected.isVisible()).toBe(true);
    expect(await rows(page).count()).toBeLessThan(120);
    expect(await page.getByTestId('compare-summary').textContent()).toContain('1 step changed');
    const args = page.getByLabel('Step details').getByRole('region', { name: 'Tool arguments diff' });
    expect(await args.locator('.diff-del').allTextContents()).toEqual(['a']);
    expect(await args.locator('.diff-ins').allTextContents()).toEqual(['b']);
    expect(app.errors).toEqual([]);
    await app.close();
  });
});
