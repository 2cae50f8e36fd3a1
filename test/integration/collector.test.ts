// The collector's HTTP surface: ingest answers (good, partly bad, all bad), malformed bodies, size
// limits (plain and gzip), unknown routes and methods, health, and the UI's static files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getJson,
  ingestRequest,
  postIngest,
  spanIdOf,
  startTestServer,
  traceIdOf,
  wire,
  type TestServer,
} from '../helpers/server.ts';
import { makeTempDir, type TempDir } from '../helpers/tmp.ts';

const T0 = Date.UTC(2026, 0, 1);
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ maxBodyBytes: 64 * 1024 });
});
afterAll(async () => {
  await server.close();
});

describe('POST /api/ingest', () => {
  it('answers 200 { accepted, rejected: 0, errors: [] } when every event is good', async () => {
    const t = traceIdOf(1);
    const { status, body } = await postIngest(
      server.url,
      ingestRequest([wire.traceStart(t, T0), wire.spanStart(t, spanIdOf(1), null, T0)]),
    );
    expect(status).toBe(200);
    expect(body).toEqual({ accepted: 2, rejected: 0, errors: [] });
  });

  it('rejects each bad event by name and keeps the good ones of the same batch', async () => {
    const t = traceIdOf(2);
    const events = [
      wire.spanStart(t, spanIdOf(1), null, T0), // good
      wire.spanStart(t, 'XYZ', null, T0), // bad span id
      { ...wire.spanStart(t, spanIdOf(2), null, T0), type: 'robot' }, // bad type
      wire.spanEnd(t, spanIdOf(1), T0 + 1, { promptTokens: -3 }), // bad tokens
      { kind: 'span.teleport', traceId: t }, // bad kind
      wire.spanStart(t, spanIdOf(3), null, 1e18), // nanoseconds, not ms
      { ...wire.spanEnd(t, spanIdOf(3), T0 + 1), error: { message: 5 } }, // bad nested field
      wire.traceStart('short', T0), // bad trace id
      wire.spanStart(t, spanIdOf(4), spanIdOf(1), T0 + 2), // good
      42, // not an object
    ];
    const { status, body } = await postIngest(server.url, ingestRequest(events as never));
    expect(status).toBe(400);
    expect(body.accepted).toBe(2);
    expect(body.rejected).toBe(8);
    expect(body.errors.map((e: { field: string }) => e.field)).toEqual([
      'events[1].spanId',
      'events[2].type',
      'events[3].promptTokens',
      'events[4].kind',
      'events[5].time',
      'events[6].error.message',
      'events[7].traceId',
      'events[9]',
    ]);
    expect(body.errors[0]).toMatchObject({ index: 1, message: expect.stringContaining('16 lowercase hex') });
    expect(body.error).toContain('8 of 10 events rejected');
    const stored = await getJson(`${server.url}/api/traces/${t}`);
    expect(stored.body.spans.map((s: { spanId: string }) => s.spanId).sort()).toEqual([
      spanIdOf(1),
      spanIdOf(4),
    ]);
  });

  it('answers 400 when the request itself is unusable, naming the field', async () => {
    for (const [body, field] of [
      [{ events: [] }, 'protocol'],
      [{ protocol: 2, events: [] }, 'protocol'],
      [{ protocol: 1 }, 'events'],
      [{ protocol: 1, events: {} }, 'events'],
    ] as const) {
      const answer = await postIngest(server.url, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.field).toBe(field);
    }
    const notObject = await postIngest(server.url, [1, 2]);
    expect(notObject.status).toBe(400);
  });

  it('answers 400 for malformed JSON, naming where it broke', async () => {
    const { status, body } = await postIngest(server.url, '{"protocol": 1, "events": [}');
    expect(status).toBe(400);
    expect(body.error).toMatch(/not valid JSON at line 1 column 28 \(position 27\)/);
    const multiline = await postIngest(server.url, '{\n  "protocol": 1,\n  "events": [1,,2]\n}');
    expect(multiline.body.error).toContain('line 3 column 16');
    const empty = await postIngest(server.url, '');
    expect(empty.status).toBe(400);
  });

  it('answers 415 for a body that is not JSON', async () => {
    const { status } = await postIngest(server.url, 'hello', { headers: { 'Content-Type': 'text/plain' } });
    expect(status).toBe(415);
  });

  it('accepts a gzip body', async () => {
    const t = traceIdOf(3);
    const body = gzipSync(JSON.stringify(ingestRequest([wire.spanStart(t, spanIdOf(1), null, T0)])));
    const { status } = await postIngest(server.url, new Uint8Array(body), {
      headers: { 'Content-Encoding': 'gzip' },
    });
    expect(status).toBe(200);
    expect((await getJson(`${server.url}/api/traces/${t}`)).status).toBe(200);
  });

  it('answers 413 past maxBodyBytes, plain or gzip (counted after decompression)', async () => {
    const big = JSON.stringify(
      ingestRequest([wire.spanStart(traceIdOf(4), spanIdOf(1), null, T0, { input: 'z'.repeat(100_000) })]),
    );
    const plain = await postIngest(server.url, big);
    expect(plain.status).toBe(413);
    expect(plain.body.error).toContain('65536');
    const zipped = gzipSync(big);
    expect(zipped.length).toBeLessThan(64 * 1024);
    const gz = await postIngest(server.url, new Uint8Array(zipped), {
      headers: { 'Content-Encoding': 'gzip' },
    });
    expect(gz.status).toBe(413);
    // Streamed without a Content-Length (chunked): still cut off.
    const chunked = await rawPost(server.port, '/api/ingest', big, {
      'Transfer-Encoding': 'chunked',
      'Content-Type': 'application/json',
    });
    expect(chunked.status).toBe(413);
    expect((await getJson(`${server.url}/api/traces/${traceIdOf(4)}`)).status).toBe(404);
  });

  it('answers a corrupt gzip body with 400', async () => {
    const { status, body } = await postIngest(server.url, new Uint8Array([1, 2, 3, 4]), {
      headers: { 'Content-Encoding': 'gzip' },
    });
    expect(status).toBe(400);
    expect(body.error).toContain('decompressed');
  });
});

describe('routes', () => {
  it('answers 404 JSON for an unknown API path and 405 for a wrong method', async () => {
    const missing = await getJson(`${server.url}/api/nothing-here`);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toContain('/api/nothing-here');
    const wrong = await getJson(`${server.url}/api/ingest`);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
    const wrong2 = await getJson(`${server.url}/api/traces`, { method: 'DELETE' });
    expect(wrong2.status).toBe(405);
  });

  it('answers health with the version and how far the search index trails ingest', async () => {
    const { status, body } = await getJson(`${server.url}/api/health`);
    expect(status).toBe(200);
    expect(body).toEqual({
      ok: true,
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      searchLagMs: expect.any(Number),
      storage: { ok: true },
    });
  });

  it('never sends CORS headers', async () => {
    const { headers } = await getJson(`${server.url}/api/traces`);
    expect(headers.get('access-control-allow-origin')).toBeNull();
  });

  it('says how to build the UI when there is none', async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('npm run build');
  });
});

describe('serving the UI', () => {
  let ui: TempDir;
  let withUi: TestServer;
  beforeAll(async () => {
    ui = makeTempDir('spyglass-ui-');
    mkdirSync(ui.file('assets'));
    writeFileSync(
      ui.file('index.html'),
      '<!doctype html><title>Spyglass</title><script type="module" src="/assets/app.js"></script>',
    );
    writeFileSync(ui.file('assets/app.js'), 'console.log("app")');
    writeFileSync(ui.file('assets/app.css'), 'body{}');
    writeFileSync(ui.file('secret.txt'), 'outside');
    withUi = await startTestServer({ uiDir: ui.path });
  });
  afterAll(async () => {
    await withUi.close();
    ui.remove();
  });

  it('serves index.html with a strict CSP and nosniff', async () => {
    const response = await fetch(`${withUi.url}/`);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${withUi.port}`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(await response.text()).toContain('<title>Spyglass</title>');
    // Opened as localhost, the page's WebSocket goes to localhost: the policy follows the Host used.
    const viaLocalhost = await fetch(`http://localhost:${withUi.port}/`).catch(() => null);
    if (viaLocalhost) {
      expect(viaLocalhost.headers.get('content-security-policy')).toContain(`ws://localhost:${withUi.port}`);
    }
  });

  it('serves assets with their content types', async () => {
    const js = await fetch(`${withUi.url}/assets/app.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const css = await fetch(`${withUi.url}/assets/app.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('falls back to index.html for client routes, but not for missing assets or API paths', async () => {
    const route = await fetch(`${withUi.url}/traces/abc`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>Spyglass</title>');
    expect((await fetch(`${withUi.url}/assets/missing.js`)).status).toBe(404);
    const api = await getJson(`${withUi.url}/api/missing`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/json');
  });

  it('never serves files outside the UI folder', async () => {
    writeFileSync(ui.file('../outside-ui.txt'), 'private');
    const response = await rawGet(withUi.port, '/../outside-ui.txt');
    expect(response.text).not.toContain('private');
    const encoded = await rawGet(withUi.port, '/%2e%2e/outside-ui.txt');
    expect(encoded.status).toBe(404);
    expect(encoded.text).not.toContain('private');
  });
});

function rawPost(
  port: number,
  path: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, text }));
    });
    req.on('error', reject);
    // Write in pieces so no Content-Length is known up front.
    for (let i = 0; i < body.length; i += 16_384) req.write(body.slice(i, i + 16_384));
    req.end();
  });
}

function rawGet(port: number, path: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, text }));
    });
    req.on('error', reject);
    req.end();
  });
}
