// A full disk, made real with SQLite's own limit: PRAGMA max_page_count set to the file's current
// size makes the next write that needs a page fail with SQLITE_FULL, exactly as a full file system
// does (no mock). The collector answers each protocol clearly and retryably, reports the state on
// /api/health and the live feed, and writes again by itself once there is room.
import { status } from '@grpc/grpc-js';
import { dirname, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StorageFullError } from '../../src/server/collector/storageState.ts';
import { grpcFailureFor } from '../../src/server/grpc/status.ts';
import {
  connectWs,
  getJson,
  ingestRequest,
  postIngest,
  spanIdOf,
  startTestServer,
  traceIdOf,
  wire,
  type TestServer,
} from '../helpers/server.ts';

const T0 = 1_767_225_600_000;
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

/** A trace whose span carries a payload big enough to need new database pages. */
const bigTrace = (n: number) =>
  ingestRequest([
    wire.traceStart(traceIdOf(n), T0, { name: `searchable-${n}` }),
    wire.spanStart(traceIdOf(n), spanIdOf(n), null, T0, { input: 'x'.repeat(400_000) }),
  ]);

function otlpBody(n: number): string {
  const span = {
    traceId: traceIdOf(n),
    spanId: spanIdOf(n),
    name: 'otlp',
    kind: 1,
    startTimeUnixNano: '1767225600000000000',
    endTimeUnixNano: '1767225601000000000',
    attributes: [{ key: 'big', value: { stringValue: 'y'.repeat(400_000) } }],
  };
  return JSON.stringify({ resourceSpans: [{ resource: {}, scopeSpans: [{ scope: {}, spans: [span] }] }] });
}

describe('a full disk', () => {
  it('answers clearly, reports it, and recovers by itself', async () => {
    expect((await postIngest(server.url, bigTrace(1))).status).toBe(200);
    // A search now brings the index up to date (on a busy machine the idle indexer may not have run).
    expect((await getJson(`${server.url}/api/traces?q=searchable`)).status).toBe(200);
    const feed = await connectWs(server.url);
    feed.send({ type: 'subscribe-traces' });

    // Committed just before the disk fills, so not yet in the search index (indexed when idle).
    expect((await postIngest(server.url, bigTrace(4))).status).toBe(200);
    const db = server.store.db;
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    const folder = dirname(resolve(server.dbPath));

    // SDK: 507 naming the folder; the SDK keeps the batch and retries.
    const sdk = await postIngest(server.url, bigTrace(2));
    expect(sdk.status).toBe(507);
    expect(sdk.body.error).toContain(`disk full at ${folder}`);
    expect(sdk.headers.get('retry-after')).toBe('5');

    // OTLP/HTTP: the retryable 503 with Retry-After, never 500 (exporters drop those).
    const otlp = await fetch(`${server.url}/v1/traces`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: otlpBody(3),
    });
    expect(otlp.status).toBe(503);
    expect(otlp.headers.get('retry-after')).toBe('5');
    expect((await otlp.json()).message).toContain('disk full at');

    // A file import (one transaction held across pieces): 507, nothing of it kept, and ingest
    // goes on afterwards (the import's transaction was rolled back and the queue let go).
    const imported = await fetch(`${server.url}/api/import`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: otlpBody(5),
    });
    expect(imported.status).toBe(507);
    expect((await imported.json()).error).toContain(`disk full at ${folder}`);
    expect((await getJson(`${server.url}/api/traces/${traceIdOf(5)}`)).status).toBe(404);

    // OTLP/gRPC: UNAVAILABLE, which exporters retry.
    expect(grpcFailureFor(new StorageFullError(folder)).code).toBe(status.UNAVAILABLE);

    // Health and the live feed carry the state (the UI's banner reads it).
    const health = await getJson(`${server.url}/api/health`);
    expect(health.body).toMatchObject({ ok: true, storage: { ok: false } });
    expect(health.body.storage.error).toContain(`disk full at ${folder}`);
    await feed.next((m) => m.type === 'storage' && !m.storage.ok, 20_000);
    // Reading still works, search included (its index catches up with writes of its own).
    expect((await getJson(`${server.url}/api/traces/${traceIdOf(1)}`)).status).toBe(200);
    const search = await getJson(`${server.url}/api/traces?q=searchable`);
    expect(search.status).toBe(200);
    expect(search.body.traces.map((t: { traceId: string }) => t.traceId)).toContain(traceIdOf(1));

    // Space frees: the next write succeeds with no restart, and the state clears.
    db.pragma('max_page_count = 1073741823');
    expect((await postIngest(server.url, bigTrace(2))).status).toBe(200);
    await feed.next((m) => m.type === 'storage' && m.storage.ok, 20_000);
    expect((await getJson(`${server.url}/api/health`)).body.storage).toEqual({ ok: true });
    const list = await getJson(`${server.url}/api/traces`);
    expect(list.body.traces.map((t: { traceId: string }) => t.traceId)).toContain(traceIdOf(2));
    const again = await fetch(`${server.url}/api/import`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: otlpBody(5),
    });
    expect(again.status).toBe(200);
    expect((await getJson(`${server.url}/api/traces/${traceIdOf(5)}`)).status).toBe(200);
    await feed.close();
  }, 60_000);

  it('keeps the WAL small: checkpoints on the search thread and truncates the WAL back to 64 MiB', async () => {
    // After an import, what the store's connection had before (Store.endBulk): SQLite's automatic
    // checkpoint stays off, because the search thread checkpoints after its jobs (searchIndex.ts).
    await server.store.settled();
    const db = server.store.db;
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    expect(db.pragma('page_size', { simple: true })).toBe(16384);
    expect(db.pragma('journal_size_limit', { simple: true })).toBe(64 * 1024 * 1024);
  });
});
