// Re-runs made in the playground land at the top of the trace list; a mark before the name tells
// them from the agent's own runs at a glance, in both themes, readable (AA contrast).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, screenshot } from '../helpers/browser.ts';
import { contrastFailures } from '../helpers/contrast.ts';
import { spanIdOf, startTestServer, type TestServer, traceIdOf, wire } from '../helpers/server.ts';
import { send } from './sampleTraces.ts';

let server: TestServer;
let browser: Browser;
const T0 = Date.now() - 60_000;
const ORIGINAL = traceIdOf(0xe1);
const RERUN = traceIdOf(0xe2);

beforeAll(async () => {
  server = await startTestServer({ uiDir: 'out/renderer' });
  // A re-run as the collector records one (server/replay/record.ts): its own trace, tagged.
  await send(server.url, [
    wire.traceStart(ORIGINAL, T0, { name: 'support-agent' }),
    wire.spanStart(ORIGINAL, spanIdOf(1), null, T0, { type: 'llm', name: 'chat gpt-4o-mini' }),
    wire.spanEnd(ORIGINAL, spanIdOf(1), T0 + 800),
    wire.traceEnd(ORIGINAL, T0 + 800),
    wire.traceStart(RERUN, T0 + 5_000, { name: 'Re-run of chat gpt-4o-mini', tags: ['replay'] }),
    wire.spanStart(RERUN, spanIdOf(2), null, T0 + 5_000, { type: 'llm', name: 'chat gpt-4o-mini' }),
    wire.spanEnd(RERUN, spanIdOf(2), T0 + 5_600),
    wire.traceEnd(RERUN, T0 + 5_600),
  ]);
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('re-runs in the trace list', () => {
  it('are marked before their name, the agent runs are not', async () => {
    for (const theme of ['dark', 'light'] as const) {
      const app = await openApp(browser, server, { theme, viewport: { width: 1024, height: 768 } });
      const { page } = app;
      try {
        const rerun = page.locator(`[data-trace-id="${RERUN}"]`);
        await rerun.waitFor({ timeout: 20_000 });
        expect(await rerun.getByRole('img', { name: 'Re-run' }).count()).toBe(1);
        expect(await page.locator(`[data-trace-id="${ORIGINAL}"] .rerun-badge`).count()).toBe(0);
        expect(await contrastFailures(page)).toEqual([]);
        await screenshot(page, `rerun-mark-${theme}-1024`);
        expect(app.errors).toEqual([]);
      } finally {
        await app.close();
      }
    }
  });
});
