// Connection hygiene against real sockets: half-open requests are timed out, a flood of them is
// capped without running the collector out of descriptors, a server whose every connection is
// busy answers 503, and WebSocket peers that stop answering pings are dropped.
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  connectWs,
  startCollectorProcess,
  startTestServer,
  type CollectorProcess,
  type TestServer,
} from '../helpers/server.ts';
import { makeTempDir } from '../helpers/tmp.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** Opens a socket that sends the start of a request's headers and then nothing. */
function halfOpen(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`);
      resolve(socket);
    });
    socket.on('error', reject);
  });
}

function closed(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let received = '';
    socket.on('data', (chunk) => (received += chunk));
    socket.on('error', () => {});
    socket.once('close', () => resolve(received));
  });
}

describe('connection hygiene', () => {
  it('1,100 half-open sockets leave a collector with 1,024 descriptors answering', async () => {
    const dir = makeTempDir();
    cleanups.push(() => dir.remove());
    const collector: CollectorProcess = await startCollectorProcess(dir.file('spyglass.db'), {
      fdLimit: 1024,
    });
    cleanups.push(() => collector.stop());
    const sockets: Socket[] = [];
    cleanups.push(() => {
      for (const s of sockets) s.destroy();
    });
    for (let i = 0; i < 1_100; i++) {
      const socket = await halfOpen(collector.port);
      socket.on('error', () => {});
      sockets.push(socket);
    }
    // Answered while the half-open sockets still stand (well inside the 10 s headers timeout, so
    // it is the connection cap that made room, not the timeout).
    const health = await fetch(`${collector.url}/api/health`, { signal: AbortSignal.timeout(9_000) });
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true });
    const stillOpen = sockets.filter((s) => !s.destroyed && s.readyState === 'open').length;
    expect(stillOpen).toBeGreaterThan(0);
  }, 120_000);

  it('closes a socket that stops mid-headers after the headers timeout (408)', async () => {
    const server: TestServer = await startTestServer({
      connectionLimits: { headersTimeoutMs: 500, connectionsCheckingIntervalMs: 100 },
    });
    cleanups.push(() => server.close());
    const socket = await halfOpen(server.port);
    const received = await closed(socket);
    expect(received).toMatch(/^HTTP\/1\.1 408/);
  }, 60_000);

  it('answers 503 with Retry-After when every connection is busy', async () => {
    const server = await startTestServer({ connectionLimits: { maxConnections: 3 } });
    cleanups.push(() => server.close());
    const feeds = await Promise.all([connectWs(server.url), connectWs(server.url), connectWs(server.url)]);
    cleanups.push(() => Promise.all(feeds.map((f) => f.close())).then(() => {}));
    const refused = await fetch(`${server.url}/api/health`);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    await feeds[0]!.close();
    await expect
      .poll(async () => (await fetch(`${server.url}/api/health`)).status, { timeout: 20_000 })
      .toBe(200);
  }, 60_000);

  it('drops a WebSocket peer that stops answering pings, keeps one that answers', async () => {
    const server = await startTestServer({ wsPingIntervalMs: 200 });
    cleanups.push(() => server.close());
    const alive = await connectWs(server.url);
    cleanups.push(() => alive.close());
    // A peer that completes the handshake and then never reads or answers again.
    const dead = connect(server.port, '127.0.0.1');
    await new Promise((resolve) => dead.once('connect', resolve));
    dead.write(
      `GET /api/ws HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nUpgrade: websocket\r\n` +
        'Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    const received = await closed(dead);
    expect(received).toMatch(/^HTTP\/1\.1 101/);
    expect(alive.ws.readyState).toBe(WebSocket.OPEN);
  }, 60_000);
});
