// The re-run playground in a real browser against the collector and the repo's fake
// OpenAI-compatible server: prefilled editor, edited request, streamed answer, the diff and facts
// beside the recorded answer, the re-run stored as a linked trace and listed with its source, and
// the API key (from the server's environment) used upstream but never stored.
import { createServer, request as httpRequest, type Server } from 'node:http';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startFakeOpenAI, type FakeOpenAI } from '../../examples/fake-openai/server.ts';
import type { ReplayListResponse } from '../../src/shared/replay.ts';
import { getJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { launchBrowser, openApp, screenshot } from '../helpers/browser.ts';
import { agentRun, send } from './sampleTraces.ts';

if (!existsSync('out/renderer/index.html'))
  throw new Error('The UI is not built: run `npm run build` before the browser tests.');

const KEY = 'sk-test-Pl4yGr0undK3yNev3rSt0red9';
let fake: FakeOpenAI;
let proxy: { url: string; server: Server; authorizations: Array<string | undefined> };
let server: TestServer;
let browser: Browser;
const run = agentRun(61, Date.now() - 120_000, { name: 'kettle-agent' });
const saved: Record<string, string | undefined> = {};

/** Forwards to the fake, noting the Authorization header of each call. */
async function startProxy(target: FakeOpenAI) {
  const upstream = new URL(target.url);
  const authorizations: Array<string | undefined> = [];
  const server = createServer((req, res) => {
    authorizations.push(req.headers.authorization);
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: `/v1${req.url}`,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}`, server, authorizations };
}

beforeAll(async () => {
  // Slow enough that the answer visibly streams in pieces.
  fake = await startFakeOpenAI({ latencyMs: 400 });
  proxy = await startProxy(fake);
  for (const key of ['SPYGLASS_OPENAI_API_KEY', 'SPYGLASS_OPENAI_BASE_URL', 'OPENAI_API_KEY'])
    saved[key] = process.env[key];
  process.env.SPYGLASS_OPENAI_API_KEY = KEY;
  process.env.SPYGLASS_OPENAI_BASE_URL = proxy.url;
  delete process.env.OPENAI_API_KEY;
  server = await startTestServer({ uiDir: 'out/renderer' });
  browser = await launchBrowser();
  await send(server.url, run.events);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await new Promise((resolve) => proxy?.server.close(resolve));
  await fake?.close();
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe('re-run playground', () => {
  it('prefills, streams the edited request, shows the diff and facts, and stores a linked re-run', async () => {
    const app = await openApp(browser, server, {
      theme: 'dark',
      viewport: { width: 1400, height: 900 },
      path: `/?trace=${run.traceId}&span=${run.ids.llm2}`,
    });
    const { page } = app;
    await page.getByRole('button', { name: 'Re-run…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Re-run LLM call' });
    // Prefilled from the recorded span: model and its four messages, in order.
    await expect.poll(() => dialog.locator('.pg-message').count()).toBe(4);
    expect(await dialog.getByLabel('Model').inputValue()).toBe('gpt-4o-mini');
    const roles = await dialog
      .locator('.pg-message select')
      .evaluateAll((els) => els.map((el) => (el as HTMLSelectElement).value));
    expect(roles).toEqual(['system', 'user', 'assistant', 'tool']);
    expect(await dialog.getByLabel('Content of message 1').inputValue()).toBe(
      'You are a shopping assistant. Be brief.',
    );

    // Edit: a different system prompt, a temperature, and drop the tool result, then send.
    await dialog.getByLabel('Content of message 1').fill('You are a cheerful shopping assistant.');
    await dialog.getByLabel('temperature').fill('0.3');
    await dialog.getByLabel('Remove message 4').click();
    await dialog.getByLabel('Remove message 3').click();
    await dialog
      .getByLabel('Content of message 2')
      .fill('Does the shop have the blue kettle? Answer in one line.');
    await dialog.getByRole('button', { name: 'Send', exact: true }).click();

    // The answer arrives in pieces: seen while still streaming, before the facts exist.
    const streaming = dialog.locator('.pg-streaming[data-status="streaming"]');
    await expect
      .poll(async () => (await streaming.count()) > 0 && ((await streaming.textContent()) ?? '').length > 0, {
        timeout: 10_000,
      })
      .toBe(true);
    expect(await dialog.locator('.facts-table').count()).toBe(0);

    // Done: the facts table (original against re-run) and the word diff.
    const facts = dialog.getByRole('table', { name: 'Original against re-run' });
    await expect.poll(() => facts.count(), { timeout: 10_000 }).toBe(1);
    expect(await facts.locator('tr[data-fact="Prompt tokens"] td').first().textContent()).toBe('498');
    expect(await facts.locator('tr[data-fact="Latency"] td').nth(1).textContent()).toMatch(/\d/);
    expect(await facts.locator('tr[data-fact="Cost"] td').first().textContent()).toBe('$0.000089');
    const diff = dialog.getByRole('region', { name: 'Answer diff' });
    expect(await diff.locator('.diff-del').count()).toBeGreaterThan(0);
    expect(await diff.locator('.diff-ins').count()).toBeGreaterThan(0);
    expect(await diff.getByLabel('Recorded answer').textContent()).toContain('3 in stock');

    // What reached the endpoint: the edited request, with the server's key.
    const sent = fake.requests.filter((r) => r.path === '/v1/chat/completions').at(-1)!.body as Record<
      string,
      any
    >;
    expect(sent.temperature).toBe(0.3);
    expect(sent.messages.map((m: { role: string }) => m.role)).toEqual(['system', 'user']);
    expect(sent.messages[0].content).toBe('You are a cheerful shopping assistant.');
    expect(proxy.authorizations.at(-1)).toBe(`Bearer ${KEY}`);

    // Stored as a new trace linked to the span, and listed with it.
    const replays = (await getJson<ReplayListResponse>(`${server.url}/api/traces/${run.traceId}/replays`))
      .body.replays;
    expect(replays).toHaveLength(1);
    expect(replays[0]!.replayOf).toEqual({ traceId: run.traceId, spanId: run.ids.llm2 });
    const link = dialog.getByRole('button', { name: 'Open the re-run trace' });
    expect(await link.getAttribute('data-trace-id')).toBe(replays[0]!.traceId);

    await screenshot(page, 'playground-diff-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await screenshot(page, 'playground-diff-light');
    await page.emulateMedia({ colorScheme: 'dark' });

    // Closing the playground: the inspector lists the re-run under the span.
    await dialog.getByRole('button', { name: 'Close' }).click();
    const list = page.getByRole('region', { name: 'Re-runs' });
    await expect.poll(() => list.locator('.replay-row').count()).toBe(1);
    expect(await list.textContent()).toContain('Re-runs (1)');

    // Opening the re-run shows where it came from.
    await list.locator('.replay-open').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('trace')).toBe(replays[0]!.traceId);
    await expect.poll(() => page.locator('.trace-origin').textContent()).toContain('Re-run of');

    // The key never reached the database (nor its write-ahead log).
    const dir = dirname(server.dbPath);
    for (const name of readdirSync(dir)) {
      expect(readFileSync(join(dir, name)).includes(KEY), `${name} holds the API key`).toBe(false);
    }
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('sends to the base URL set in Settings, without the server key, and keeps no key in the page', async () => {
    const app = await openApp(browser, server, {
      theme: 'dark',
      path: `/?trace=${run.traceId}&span=${run.ids.llm1}`,
    });
    const { page } = app;
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    // A browser tab has no keychain: the key is the server's, from its environment.
    expect(await settings.textContent()).toContain('SPYGLASS_OPENAI_API_KEY');
    expect(await settings.locator('input[type="password"]').count()).toBe(0);
    await settings.getByLabel('Base URL of an OpenAI-compatible API').fill('not a url');
    expect(await settings.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await settings.getByLabel('Base URL of an OpenAI-compatible API').fill(`${fake.url}/`);
    await screenshot(page, 'settings-dark');
    await settings.getByRole('button', { name: 'Save' }).click();

    const proxied = proxy.authorizations.length;
    const direct = fake.requests.length;
    await page.getByRole('button', { name: 'Re-run…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Re-run LLM call' });
    expect(await dialog.locator('.pg-endpoint').textContent()).toContain(fake.url);
    await dialog.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => dialog.locator('.facts-table').count(), { timeout: 10_000 }).toBe(1);
    // Straight to the fake, not through the proxy that the server's key is meant for.
    expect(fake.requests.length).toBe(direct + 1);
    expect(proxy.authorizations.length).toBe(proxied);
    const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    expect(storage).toContain(fake.url);
    expect(storage).not.toContain(KEY);
    expect(await page.content()).not.toContain(KEY);
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('names the field when the edited request is not valid, and sends nothing', async () => {
    const app = await openApp(browser, server, {
      theme: 'light',
      path: `/?trace=${run.traceId}&span=${run.ids.llm1}`,
    });
    const { page } = app;
    const before = fake.requests.length;
    await page.getByRole('button', { name: 'Re-run…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Re-run LLM call' });
    await expect.poll(() => dialog.locator('.pg-message').count()).toBe(2);
    await dialog.getByLabel('temperature').fill('7');
    await dialog.locator('summary', { hasText: 'Tools' }).click();
    await dialog.getByLabel('Tools (JSON)').fill('[{ "type": "function", ');
    await dialog.getByRole('button', { name: 'Send', exact: true }).click();
    const problems = dialog.locator('.pg-problems');
    await expect.poll(() => problems.textContent()).toContain('temperature');
    expect(await problems.textContent()).toContain('tools: not valid JSON');
    expect(await dialog.getByLabel('Tools (JSON)').getAttribute('class')).toContain('invalid');
    expect(fake.requests.length).toBe(before);
    expect(app.errors).toEqual([]);
    await app.close();
  });
});
