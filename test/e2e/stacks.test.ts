// One trace per agent stack, as captured from the real libraries (test/fixtures/otlp/), sent to a
// real collector through the paths the libraries use, shown in the built UI in Chromium: the
// transcript and the inspector on the model call read as messages, with model, tokens and cost.
// Screenshots in both themes at 1440 and 1024 px go to test-results/screenshots/stack-*.png.
import { existsSync, readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, screenshot } from '../helpers/browser.ts';
import { getJson, postJson, startTestServer, type TestServer } from '../helpers/server.ts';

if (!existsSync('out/renderer/index.html'))
  throw new Error('The UI is not built: run `npm run build` before the browser tests.');

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/otlp/${name}.json`, import.meta.url), 'utf8'));

let server: TestServer;
let browser: Browser;

interface Stack {
  name: string;
  traceId: string;
  spanId: string;
  userText: string;
}
const stacks: Stack[] = [];

async function llmOf(traceId: string): Promise<any> {
  const { body } = await getJson(`${server.url}/api/traces/${traceId}`);
  return body.spans.find((s: any) => s.type === 'llm' && s.status === 'success' && s.promptTokens);
}

beforeAll(async () => {
  server = await startTestServer({ uiDir: 'out/renderer' });
  browser = await launchBrowser();
  const otlp: Array<[string, string, string]> = [
    ['langfuse', 'langfuse', '/api/public/otel/v1/traces'],
    ['langgraph', 'langgraph-openinference', '/v1/traces'],
    ['openlit', 'openlit', '/v1/traces'],
    ['mastra', 'mastra', '/v1/traces'],
  ];
  for (const [name, file, path] of otlp) {
    const body = fixture(file);
    expect((await postJson(`${server.url}${path}`, body)).status).toBe(200);
    const traceId = body.resourceSpans[0].scopeSpans[0].spans[0].traceId;
    const llm = await llmOf(traceId);
    stacks.push({ name, traceId, spanId: llm.spanId, userText: '' });
  }
  const runs = fixture('langsmith-runs');
  expect((await postJson(`${server.url}/runs/batch`, runs)).status).toBe(202);
  const traceId = String(runs.post[0].trace_id).replaceAll('-', '');
  stacks.push({ name: 'langsmith', traceId, spanId: (await llmOf(traceId)).spanId, userText: '' });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const STACKS = ['langfuse', 'langgraph', 'openlit', 'mastra', 'langsmith'];

describe('one trace per agent stack in the transcript and inspector', () => {
  it.each(STACKS)(
    '%s: messages, model and tokens in both themes and widths',
    async (name) => {
      const stack = stacks.find((s) => s.name === name)!;
      for (const theme of ['dark', 'light'] as const) {
        for (const width of [1440, 1024]) {
          const app = await openApp(browser, server, {
            theme,
            path: `/?trace=${stack.traceId}&span=${stack.spanId}&view=transcript`,
            viewport: { width, height: 860 },
          });
          const { page } = app;
          const inspector = page.locator('.inspector');
          await expect.poll(() => inspector.textContent(), { timeout: 20_000 }).toContain('gpt-4o-mini');
          await expect
            .poll(() => page.locator('.inspector .message-user').count(), { timeout: 20_000 })
            .toBeGreaterThan(0);
          expect(await inspector.textContent()).not.toContain('Nothing recorded');
          expect(await page.locator('.transcript').textContent()).not.toContain('"lc":1');
          // Langfuse and OpenLIT report their cost: labelled so, with the price table's estimate beside.
          if (name === 'langfuse' || name === 'openlit') {
            await expect
              .poll(() => inspector.textContent(), { timeout: 20_000 })
              .toContain('price table estimate');
            expect(await inspector.textContent()).toContain('reported');
          }
          await screenshot(page, `stack-${stack.name}-${theme}-${width}`);
          expect(app.errors).toEqual([]);
          await app.close();
        }
      }
    },
    // Four page loads on a machine shared by many test runs.
    240_000,
  );
});
