// Text meets WCAG AA contrast (4.5:1, 3:1 when large) against its background in both themes, in
// the views a user spends the day in: the trace list, a trace open with the inspector, the
// transcript, the sessions list and a session's thread, the bottom-up table, and the shortcut
// and settings dialogs. (Canvas text is drawn with the same tokens.)
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, screenshot } from '../helpers/browser.ts';
import { contrastFailures } from '../helpers/contrast.ts';
import { ingestSamples } from '../helpers/sampleTraces.ts';
import { startTestServer, traceIdOf, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
const AGENT = traceIdOf(0xa1);
const RAG = traceIdOf(0xb2);

beforeAll(async () => {
  server = await startTestServer({ uiDir: 'out/renderer' });
  await ingestSamples(server.url, AGENT, RAG);
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Each view: where to open it and what shows it has rendered. */
const VIEWS: { name: string; path: string; ready: (page: Page) => Promise<unknown> }[] = [
  { name: 'trace list', path: '/', ready: (page) => page.locator('[data-trace-id]').first().waitFor() },
  {
    name: 'waterfall and inspector',
    // The sample agent's first LLM call (test/helpers/sampleTraces.ts): chat, tokens and cost.
    path: `/?trace=${AGENT}&span=a000000000000002&view=waterfall`,
    ready: async (page) => {
      await page.locator('[role="treegrid"] [role="row"]').first().waitFor();
      await page.locator('.inspector[data-span-id]').waitFor();
    },
  },
  {
    name: 'transcript',
    path: `/?trace=${AGENT}&view=transcript`,
    ready: (page) => page.locator('.transcript-head').first().waitFor(),
  },
  {
    name: 'sessions',
    path: '/?list=sessions',
    ready: (page) => page.locator('[data-session-id]').first().waitFor(),
  },
  {
    // The sample agent's session (test/helpers/sampleTraces.ts), read as a chat thread.
    name: 'session thread',
    path: '/?list=sessions&session=sess-42',
    ready: (page) => page.locator('.session-header').waitFor(),
  },
  {
    name: 'bottom-up',
    path: `/?trace=${AGENT}&view=waterfall`,
    ready: async (page) => {
      await page.getByRole('button', { name: 'Bottom-up' }).click();
      await page.locator('.bottom-up-table tbody tr').first().waitFor();
    },
  },
  {
    name: 'shortcut overlay',
    path: `/?trace=${AGENT}&view=waterfall`,
    ready: async (page) => {
      await page.locator('[role="treegrid"] [role="row"]').first().waitFor();
      await page.getByRole('button', { name: '?' }).click();
      await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    },
  },
  {
    name: 'settings',
    path: '/',
    ready: async (page) => {
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByRole('dialog').first().waitFor();
    },
  },
];

describe('text contrast', () => {
  for (const theme of ['dark', 'light'] as const) {
    it(`meets WCAG AA in the ${theme} theme`, async () => {
      const found: string[] = [];
      for (const view of VIEWS) {
        const app = await openApp(browser, server, {
          theme,
          path: view.path,
          viewport: { width: 1440, height: 900 },
        });
        try {
          await view.ready(app.page);
          const failures = await contrastFailures(app.page);
          for (const f of failures)
            found.push(
              `${view.name}: "${f.text}" ${f.ratio}:1 < ${f.needed}:1, ${f.color} on ${f.background} (${f.where})`,
            );
          await screenshot(app.page, `contrast-${theme}-${view.name.replace(/\W+/g, '-')}`);
        } finally {
          await app.close();
        }
      }
      expect(found).toEqual([]);
    });
  }
});
