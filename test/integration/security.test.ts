// Who gets in: Host (DNS rebinding) and Origin (cross-site pages) checks, on HTTP and on the
// WebSocket upgrade; programs that send no Origin pass.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ingestRequest, startTestServer, traceIdOf, wire, type TestServer } from '../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ allowedOrigins: ['http://localhost:5173'] });
});
afterAll(async () => {
  await server.close();
});

function raw(
  path: string,
  headers: Record<string, string>,
  method = 'GET',
  body?: string,
): Promise<{ status: number; body: any; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, method, headers, setHost: false },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : null, headers: res.headers }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function upgrade(
  headers: Record<string, string>,
): Promise<{ opened: boolean; status?: number; body?: string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/ws`, {
      headers,
      setHost: false,
    } as WebSocket.ClientOptions);
    ws.on('open', () => {
      ws.close();
      resolve({ opened: true });
    });
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ opened: false, status: res.statusCode, body }));
    });
    ws.on('error', () => resolve({ opened: false }));
  });
}

describe('Host header', () => {
  it.each(['127.0.0.1', 'localhost', '[::1]'])('accepts %s with our port', async (name) => {
    const { status } = await raw('/api/health', { Host: `${name}:${server.port}` });
    expect(status).toBe(200);
  });

  it.each([
    ['a rebinding domain', (port: number) => `attacker.example:${port}`],
    ['loopback with another port', (port: number) => `127.0.0.1:${port + 1}`],
    ['loopback without a port', () => 'localhost'],
    ['an empty host', () => ''],
  ])('refuses %s with 403 and says why', async (_label, host) => {
    const { status, body, headers } = await raw('/api/traces', { Host: host(server.port) });
    expect(status).toBe(403);
    expect(body.error).toContain('Host');
    expect(body.error).toContain('DNS-rebinding');
    expect(headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses an ingest from a rebinding domain and stores nothing', async () => {
    const t = traceIdOf(99);
    const body = JSON.stringify(ingestRequest([wire.traceStart(t, Date.now())]));
    const { status } = await raw(
      '/api/ingest',
      { Host: 'evil.test', 'Content-Type': 'application/json' },
      'POST',
      body,
    );
    expect(status).toBe(403);
    expect(server.store.getTraceSummary(t)).toBeUndefined();
  });

  it('refuses the WebSocket upgrade for a foreign Host', async () => {
    const result = await upgrade({ Host: `evil.test:${server.port}` });
    expect(result).toMatchObject({ opened: false, status: 403 });
    expect(result.body).toContain('DNS-rebinding');
  });
});

describe('Origin header', () => {
  const host = () => ({ Host: `127.0.0.1:${server.port}` });

  it('accepts no Origin (the SDK in Node, OTLP exporters, curl)', async () => {
    expect((await raw('/api/traces', host())).status).toBe(200);
    expect((await upgrade(host())).opened).toBe(true);
  });

  it('accepts our own origin and configured extra origins', async () => {
    for (const origin of [
      `http://127.0.0.1:${server.port}`,
      `http://localhost:${server.port}`,
      'http://localhost:5173',
    ]) {
      expect((await raw('/api/traces', { ...host(), Origin: origin })).status, origin).toBe(200);
      expect((await upgrade({ ...host(), Origin: origin })).opened, origin).toBe(true);
    }
  });

  it.each(['https://evil.example', 'null', `http://127.0.0.1:${1}`, 'http://localhost:5174'])(
    'refuses Origin %s on HTTP and on the upgrade',
    async (origin) => {
      const answer = await raw('/api/traces', { ...host(), Origin: origin });
      expect(answer.status).toBe(403);
      expect(answer.body.error).toContain(origin);
      const ws = await upgrade({ ...host(), Origin: origin });
      expect(ws).toMatchObject({ opened: false, status: 403 });
    },
  );
});

describe('an explicit non-loopback host', () => {
  it('accepts any Host, still checks Origin', async () => {
    const exposed = await startTestServer({ host: '0.0.0.0' });
    try {
      const get = (headers: Record<string, string>) =>
        new Promise<number>((resolve, reject) => {
          const req = request(
            { host: '127.0.0.1', port: exposed.port, path: '/api/health', headers, setHost: false },
            (res) => {
              res.resume();
              resolve(res.statusCode!);
            },
          );
          req.on('error', reject);
          req.end();
        });
      expect(await get({ Host: `my-laptop.lan:${exposed.port}` })).toBe(200);
      expect(
        await get({ Host: `my-laptop.lan:${exposed.port}`, Origin: `http://my-laptop.lan:${exposed.port}` }),
      ).toBe(200);
      expect(await get({ Host: `my-laptop.lan:${exposed.port}`, Origin: 'https://evil.example' })).toBe(403);
    } finally {
      await exposed.close();
    }
  });
});
