// Settings tells how to register `spyglass mcp` with coding agents, for this very collector:
// the Claude Code line and the Cursor and VS Code JSON, each with a copy button.
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchBrowser, openApp, screenshot } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// A browser page and a dialog per case: slow on a busy machine.
vi.setConfig({ testTimeout: 180_000 });

if (!existsSync('out/renderer/index.html'))
  throw new Error('The UI is not built: run `npm run build` before the browser tests.');

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ uiDir: 'out/renderer' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('MCP setup in Settings', () => {
  for (const theme of ['dark', 'light'] as const) {
    for (const width of [1440, 1024]) {
      it(`shows the registration lines for this collector (${theme}, ${width} px)`, async () => {
        const app = await openApp(browser, server, { theme, viewport: { width, height: 900 } });
        const { page } = app;
        try {
          await page
            .locator('.status-bar')
            .getByRole('button', { name: /^Prices:/ })
            .click();
          const section = page
            .getByRole('dialog', { name: 'Settings' })
            .getByRole('region', { name: 'Coding agents' });
          await section.scrollIntoViewIfNeeded();
          const claude = section.getByLabel('Claude Code');
          await expect
            .poll(() => claude.textContent(), { timeout: 20_000 })
            .toBe(`claude mcp add spyglass -e SPYGLASS_URL=${server.url} -- npx spyglass mcp`);
          const cursor = JSON.parse((await section.getByLabel('Cursor: .cursor/mcp.json').textContent())!);
          expect(cursor.mcpServers.spyglass).toEqual({
            command: 'npx',
            args: ['spyglass', 'mcp'],
            env: { SPYGLASS_URL: server.url },
          });
          const vscode = JSON.parse((await section.getByLabel('VS Code: .vscode/mcp.json').textContent())!);
          expect(vscode.servers.spyglass.type).toBe('stdio');
          expect(await section.getByRole('button', { name: /copy/i }).count()).toBe(3);
          // Nothing spills out sideways: each block scrolls within the dialog.
          const dialogBox = (await page.getByRole('dialog', { name: 'Settings' }).boundingBox())!;
          for (const block of await section.locator('.settings-code').all()) {
            const box = (await block.boundingBox())!;
            expect(box.x + box.width).toBeLessThanOrEqual(dialogBox.x + dialogBox.width);
          }
          await screenshot(page, `settings-mcp-${theme}-${width}`);
          expect(app.errors).toEqual([]);
        } finally {
          await app.close();
        }
      });
    }
  }
});
