// Closing the server after a bulk write: the import's checkpoint runs on a thread with a connection
// of its own, and close must wait for it, or the -wal and -shm files stay beside the database (and
// a test's temp folder cannot be removed: ENOTEMPTY), also when a second import ends while the
// first one's checkpoint still runs.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { NormalizedBatch } from '../../src/server/ingest/model.ts';
import { startServer } from '../../src/server/index.ts';
import { makeTempDir } from '../helpers/tmp.ts';

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

function bigBatch(trace: number, spans: number): NormalizedBatch {
  const payload = 'x'.repeat(2_000);
  return {
    traces: [{ traceId: hex(trace, 32), name: `import ${trace}` }],
    spans: Array.from({ length: spans }, (_, i) => ({
      traceId: hex(trace, 32),
      spanId: hex(i + 1, 16),
      name: 'step',
      startUs: 1_700_000_000_000_000 + i,
      endUs: 1_700_000_000_000_100 + i,
      input: payload,
    })),
    rejected: [],
  };
}

describe('server close', () => {
  it('waits for an import checkpoint and leaves only the database and its search index', async () => {
    const dir = makeTempDir();
    try {
      const server = await startServer({ port: 0, uiDir: null, dbPath: dir.file('spyglass.db') });
      // What an import does: one long transaction, then a checkpoint on its own thread.
      server.store.beginBulk();
      for (let t = 1; t <= 20; t++) server.store.applyBatches([bigBatch(t, 500)]);
      server.store.endBulk(true);
      let checkpointDone = false;
      void server.store.settled().then(() => (checkpointDone = true));
      await server.close();
      expect(checkpointDone).toBe(true);
      expect(readdirSync(dir.path).sort()).toEqual(['spyglass.db', 'spyglass.db-search']);
    } finally {
      dir.remove();
    }
  }, 60_000);

  it('waits for every checkpoint when a second import ends while the first one is folding', async () => {
    const dir = makeTempDir();
    try {
      const server = await startServer({ port: 0, uiDir: null, dbPath: dir.file('spyglass.db') });
      server.store.beginBulk();
      for (let t = 1; t <= 20; t++) server.store.applyBatches([bigBatch(t, 500)]);
      server.store.endBulk(true);
      // A small import right after: its checkpoint must not stand in for the big one still running.
      server.store.beginBulk();
      server.store.applyBatches([bigBatch(21, 1)]);
      server.store.endBulk(true);
      await server.close();
      expect(readdirSync(dir.path).sort()).toEqual(['spyglass.db', 'spyglass.db-search']);
    } finally {
      dir.remove();
    }
  }, 60_000);
});
