// Trace files through the UI: export (Spyglass JSON from the trace header, OTLP JSON of a picked
// selection) and import back into a fresh collector by the Import button, by dropping a file on
// the window (with its overlay and a progress bar for a large file), and an OTLP protobuf file;
// a damaged file is refused whole, its dialog naming the byte offset or the field.
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { SpyglassTraceFile } from '../../src/shared/files.ts';
import { otlpJsonToProtobuf } from '../fixtures/otlp/toProtobuf.ts';
import { getJson, spanIdOf, startTestServer, traceIdOf, wire, type TestServer } from '../helpers/server.ts';
import { launchBrowser, openApp, screenshot } from '../helpers/browser.ts';
import { agentRun, send } from './sampleTraces.ts';

if (!existsSync('out/renderer/index.html'))
  throw new Error('The UI is not built: run `npm run build` before the browser tests.');

let source: TestServer;
let browser: Browser;
const t0 = Date.now() - 600_000;
const first = agentRun(71, t0, { name: 'export-me' });
const second = agentRun(72, t0 + 10_000, { name: 'export-me-too' });
const big = { traceId: traceIdOf(73), spanId: spanIdOf(7301) };

beforeAll(async () => {
  source = await startTestServer({ uiDir: 'out/renderer' });
  browser = await launchBrowser();
  await send(source.url, first.events);
  await send(source.url, second.events);
  // A trace with a large payload, so its file takes a moment to upload.
  const text = 'The quick brown fox jumps over the lazy dog. '.repeat(90_000);
  await send(source.url, [
    wire.traceStart(big.traceId, t0 + 20_000, { name: 'big-file' }),
    wire.spanStart(big.traceId, big.spanId, null, t0 + 20_000, {
      name: 'summarise',
      type: 'llm',
      input: [{ role: 'user', content: text }],
    }),
    wire.spanEnd(big.traceId, big.spanId, t0 + 21_000, { status: 'success', output: 'ok' }),
    wire.traceEnd(big.traceId, t0 + 21_000, { status: 'success' }),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await source?.close();
});

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

/** Drops a file on the window the way a file manager does: dragenter, dragover, drop. */
async function dropFile(
  page: Page,
  name: string,
  bytes: Uint8Array,
  type: string,
  options: { keepOver?: boolean } = {},
): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ name, base64, type }) => {
      const binary = atob(base64);
      const data = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) data[i] = binary.charCodeAt(i);
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], name, { type }));
      return transfer;
    },
    { name, base64: Buffer.from(bytes).toString('base64'), type },
  );
  await page.dispatchEvent('.app', 'dragenter', { dataTransfer });
  await page.dispatchEvent('.app', 'dragover', { dataTransfer });
  if (!options.keepOver) await page.dispatchEvent('.app', 'drop', { dataTransfer });
}

const traceCount = async (server: TestServer) =>
  (await getJson(`${server.url}/api/traces`)).body.traces.length as number;

describe('trace files', () => {
  it('exports a trace as Spyglass JSON and drops it onto another app, whole', async () => {
    const app = await openApp(browser, source, { path: `/?trace=${first.traceId}` });
    await app.page.getByRole('button', { name: 'Export ▾' }).click();
    const file = await download(app.page, () =>
      app.page.getByRole('menuitem', { name: 'Spyglass JSON…' }).click(),
    );
    expect(file.name).toMatch(/\.spyglass\.json$/);
    const parsed = JSON.parse(file.bytes.toString('utf8')) as SpyglassTraceFile;
    expect(parsed.format).toBe('spyglass-trace');
    expect(parsed.traces.map((t) => t.trace.traceId)).toEqual([first.traceId]);
    expect(parsed.traces[0]!.spans).toHaveLength(6);
    await app.close();

    const target = await startTestServer({ uiDir: 'out/renderer' });
    try {
      const other = await openApp(browser, target, { theme: 'light' });
      await dropFile(other.page, file.name, file.bytes, 'application/json', { keepOver: true });
      const overlay = other.page.getByRole('status', { name: 'Drop to import' });
      expect(await overlay.textContent()).toContain('Drop to import the trace file');
      await screenshot(other.page, 'files-drop-overlay-light');
      await dropFile(other.page, file.name, file.bytes, 'application/json');
      expect(await overlay.count()).toBe(0);
      // The imported trace opens, with every span.
      await expect.poll(() => new URL(other.page.url()).searchParams.get('trace')).toBe(first.traceId);
      await expect
        .poll(() => other.page.locator('.status-bar').textContent())
        .toContain('6 spans in this trace');
      expect(
        await other.page.getByRole('status').filter({ hasText: 'Imported 1 trace (6 spans)' }).count(),
      ).toBe(1);
      const stored = (await getJson(`${target.url}/api/traces/${first.traceId}?include=payloads`)).body;
      const original = (await getJson(`${source.url}/api/traces/${first.traceId}?include=payloads`)).body;
      expect(
        stored.spans.map((s: { spanId: string; output: unknown }) => [s.spanId, s.output]).sort(),
      ).toEqual(original.spans.map((s: { spanId: string; output: unknown }) => [s.spanId, s.output]).sort());
      // Dropped again: said to be merged into the trace already here, not silently, nothing doubled.
      await other.page.getByRole('button', { name: 'Dismiss' }).click();
      await dropFile(other.page, file.name, file.bytes, 'application/json');
      await expect
        .poll(() => other.page.getByRole('status').filter({ hasText: 'Imported 1 trace' }).textContent(), {
          timeout: 20_000,
        })
        .toContain('it was already here: merged into the stored trace');
      expect((await getJson(`${target.url}/api/traces/${first.traceId}`)).body.spans).toHaveLength(6);
      expect(other.errors).toEqual([]);
      await other.close();
    } finally {
      await target.close();
    }
  });

  it('exports a picked selection as OTLP JSON and imports it by the Import button, and as protobuf by drop', async () => {
    const app = await openApp(browser, source);
    await app.page.locator(`.trace-row[data-trace-id="${first.traceId}"]`).click({ modifiers: ['Control'] });
    await app.page.locator(`.trace-row[data-trace-id="${second.traceId}"]`).click({ modifiers: ['Control'] });
    const bar = app.page.getByRole('toolbar', { name: 'Picked traces' });
    await bar.getByRole('button', { name: 'Export selected ▾' }).click();
    const file = await download(app.page, () =>
      app.page.getByRole('menuitem', { name: 'OTLP JSON…' }).click(),
    );
    expect(file.name).toMatch(/\.otlp\.json$/);
    const request = JSON.parse(file.bytes.toString('utf8')) as { resourceSpans: unknown[] };
    expect(request.resourceSpans).toHaveLength(2);
    await app.close();

    const target = await startTestServer({ uiDir: 'out/renderer' });
    try {
      const other = await openApp(browser, target, { theme: 'dark' });
      const [chooser] = await Promise.all([
        other.page.waitForEvent('filechooser'),
        other.page.getByRole('button', { name: /Import/ }).click(),
      ]);
      await chooser.setFiles({ name: file.name, mimeType: 'application/json', buffer: file.bytes });
      await expect.poll(() => traceCount(target)).toBe(2);
      await expect
        .poll(() =>
          other.page.getByRole('status').filter({ hasText: 'Imported 2 traces (12 spans)' }).count(),
        )
        .toBe(1);
      await other.close();
    } finally {
      await target.close();
    }

    const third = await startTestServer({ uiDir: 'out/renderer' });
    try {
      const other = await openApp(browser, third, { theme: 'dark' });
      await dropFile(other.page, 'two-traces.pb', otlpJsonToProtobuf(request), 'application/octet-stream', {
        keepOver: true,
      });
      await expect.poll(() => other.page.getByRole('status', { name: 'Drop to import' }).count()).toBe(1);
      await screenshot(other.page, 'files-drop-overlay-dark');
      await dropFile(other.page, 'two-traces.pb', otlpJsonToProtobuf(request), 'application/octet-stream');
      await expect.poll(() => traceCount(third)).toBe(2);
      await expect
        .poll(() => other.page.locator('.status-bar').textContent())
        .toContain('spans in this trace');
      expect(other.errors).toEqual([]);
      await other.close();
    } finally {
      await third.close();
    }
  });

  // Two throttled 4 MB uploads and imports: under load (2 cores, load average near 20) one theme
  // alone took ~40 s, so this test gets room beyond the 60 s default.
  it('shows upload progress for a large file', { timeout: 240_000 }, async () => {
    const exported = await getJson(`${source.url}/api/traces/${big.traceId}/export?format=spyglass`);
    const bytes = Buffer.from(JSON.stringify(exported.body));
    expect(bytes.length).toBeGreaterThan(4_000_000);
    // Both themes: each run imports into a fresh server, so there is always progress to see.
    for (const theme of ['dark', 'light'] as const) {
      const target = await startTestServer({ uiDir: 'out/renderer' });
      try {
        const app = await openApp(browser, target, { theme });
        // Throttle the upload so there is progress to see (loopback would be done at once).
        const cdp = await app.context.newCDPSession(app.page);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', {
          offline: false,
          latency: 0,
          downloadThroughput: -1,
          uploadThroughput: 2 * 1024 * 1024,
        });
        await dropFile(app.page, 'big.spyglass.json', bytes, 'application/json');
        const bar = app.page.getByRole('progressbar');
        await expect
          .poll(async () => Number((await bar.count()) > 0 ? await bar.getAttribute('aria-valuenow') : -1), {
            timeout: 20_000,
          })
          .toBeGreaterThan(0);
        const panel = app.page.getByRole('status', { name: 'Import progress' });
        expect(await panel.textContent()).toMatch(/of \d+(\.\d+)? MB/);
        await screenshot(app.page, `files-progress-${theme}`);
        await expect.poll(() => traceCount(target), { timeout: 30_000 }).toBe(1);
        await expect
          .poll(() => new URL(app.page.url()).searchParams.get('trace'), { timeout: 10_000 })
          .toBe(big.traceId);
        expect(app.errors).toEqual([]);
        await app.close();
      } finally {
        await target.close();
      }
    }
  });

  it('refuses a damaged file whole and says where it is damaged', async () => {
    const exported = (await getJson(`${source.url}/api/traces/${first.traceId}/export?format=spyglass`))
      .body as SpyglassTraceFile;
    const target = await startTestServer({ uiDir: 'out/renderer' });
    try {
      const app = await openApp(browser, target, { theme: 'dark' });
      const { page } = app;
      // Cut short: a JSON syntax error at a byte offset.
      const text = JSON.stringify(exported);
      const cut = Buffer.from(text.slice(0, 700));
      await dropFile(page, 'cut.spyglass.json', cut, 'application/json');
      const dialog = page.getByRole('dialog', { name: 'Import failed' });
      await expect.poll(() => dialog.count()).toBe(1);
      expect(await dialog.textContent()).toContain('Nothing was imported');
      expect(await dialog.textContent()).toContain('Byte offset');
      expect(await dialog.locator('.import-error-message').textContent()).toMatch(/at byte \d+/);
      await dialog.getByRole('button', { name: 'Close' }).first().click();

      // A wrong value deep inside, after good traces: the field path, and nothing stored.
      const damaged = structuredClone(exported);
      damaged.traces.push(structuredClone(exported.traces[0]!));
      damaged.traces[1]!.trace.traceId = traceIdOf(99);
      for (const span of damaged.traces[1]!.spans) span.traceId = traceIdOf(99);
      (damaged.traces[1]!.spans[3] as unknown as Record<string, unknown>).startTime = 'yesterday';
      await dropFile(page, 'damaged.spyglass.json', Buffer.from(JSON.stringify(damaged)), 'application/json');
      await expect.poll(() => dialog.count()).toBe(1);
      expect(await dialog.locator('.import-where').textContent()).toContain('traces[1].spans[3].startTime');
      await screenshot(page, 'files-damaged-dark');
      expect(await traceCount(target)).toBe(0);
      // Only the dialog's own failure, none from the page.
      expect(app.errors.filter((e) => !e.includes('the server responded with a status'))).toEqual([]);
      await app.close();
    } finally {
      await target.close();
    }
  });
});
