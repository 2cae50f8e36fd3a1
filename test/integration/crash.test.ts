// kill -9 in the middle of a steady ingest: after a restart, every span the collector acknowledged
// is there, and SQLite says the file is intact.
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ingestRequest,
  postIngest,
  spanIdOf,
  startCollectorProcess,
  traceIdOf,
  wire,
} from '../helpers/server.ts';
import { makeTempDir } from '../helpers/tmp.ts';

const dir = makeTempDir('spyglass-crash-');
afterAll(() => dir.remove());

describe('crash safety', () => {
  it('keeps every acknowledged span across a SIGKILL', async () => {
    const dbPath = dir.file('crash.db');
    const first = await startCollectorProcess(dbPath);
    const acknowledged: { traceId: string; spanIds: string[] }[] = [];
    let sent = 0;
    // Each sender runs until its request fails because the collector is gone.
    const sender = async (worker: number) => {
      for (let batch = 0; ; batch++) {
        const traceId = traceIdOf(worker * 1_000_000 + batch + 1);
        const spanIds = Array.from({ length: 50 }, (_, i) => spanIdOf(i + 1));
        const now = Date.now();
        const events = spanIds.flatMap((spanId, i) => [
          wire.spanStart(traceId, spanId, i === 0 ? null : spanIds[0]!, now, { input: 'p'.repeat(500) }),
          wire.spanEnd(traceId, spanId, now + 1, { output: 'o'.repeat(500) }),
        ]);
        sent++;
        try {
          const { status } = await postIngest(first.url, ingestRequest(events));
          if (status === 200) acknowledged.push({ traceId, spanIds });
        } catch {
          return; // the collector is gone
        }
      }
    };
    const senders = [1, 2, 3, 4].map(sender);
    await new Promise((r) => setTimeout(r, 1_500));
    const killed = first.stop('SIGKILL');
    await Promise.all(senders);
    await killed;
    expect(acknowledged.length).toBeGreaterThan(10);
    expect(sent).toBeGreaterThanOrEqual(acknowledged.length + 4); // each sender's last request died with it

    // Restart on the same file: WAL recovery runs, then everything acknowledged must be there.
    const second = await startCollectorProcess(dbPath);
    try {
      for (const { traceId, spanIds } of acknowledged) {
        const response = await fetch(`${second.url}/api/traces/${traceId}`);
        expect(response.status, traceId).toBe(200);
        const body = (await response.json()) as { trace: { spanCount: number }; spans: { spanId: string }[] };
        expect(body.spans.map((s) => s.spanId).sort()).toEqual([...spanIds].sort());
        expect(body.trace.spanCount).toBe(spanIds.length);
      }
    } finally {
      await second.stop();
    }
    const db = new Database(dbPath, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });
});
