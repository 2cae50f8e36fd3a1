// The group-commit queue in front of the store: batches arriving together share one transaction,
// each caller hears back only after its commit, and a full queue refuses with 503 + Retry-After.
import { afterEach, describe, expect, it } from 'vitest';
import { IngestQueue, OverloadedError } from '../../src/server/collector/ingestQueue.ts';
import type { NormalizedBatch } from '../../src/server/ingest/model.ts';
import { Store } from '../../src/server/store/index.ts';
import { makeTempDir, type TempDir } from '../helpers/tmp.ts';

let dir: TempDir;
let store: Store;
afterEach(() => {
  store?.close();
  dir?.remove();
});

function open(): Store {
  dir = makeTempDir();
  store = new Store(dir.file('queue.db'));
  return store;
}

const batchOf = (n: number, spans = 1): NormalizedBatch => ({
  traces: [],
  spans: Array.from({ length: spans }, (_, i) => ({
    traceId: n.toString(16).padStart(32, '0'),
    spanId: (i + 1).toString(16).padStart(16, '0'),
    name: 's',
    startUs: 1,
  })),
  rejected: [],
});

describe('IngestQueue', () => {
  it('commits batches submitted together in one transaction, and resolves after it', async () => {
    const s = open();
    const commits: number[] = [];
    const apply = s.applyBatches.bind(s);
    s.applyBatches = (batches) => {
      commits.push(batches.length);
      return apply(batches);
    };
    const published: number[] = [];
    const queue = new IngestQueue(s, { onCommit: (c) => published.push(c.tracePks.length) });
    const done = await Promise.all([
      queue.submit(batchOf(1)),
      queue.submit(batchOf(2)),
      queue.submit(batchOf(3)),
    ]);
    expect(commits).toEqual([3]);
    expect(published).toEqual([3]);
    expect(done[0]!.tracePks).toHaveLength(3);
    expect(s.getTraceSummary(batchOf(2).spans[0]!.traceId)!.spanCount).toBe(1);
    queue.close();
  });

  it('refuses with 503 and Retry-After once the queue holds too many spans', async () => {
    const s = open();
    const queue = new IngestQueue(s, { maxQueuedItems: 150 });
    const first = queue.submit(batchOf(1, 100));
    const second = queue.submit(batchOf(2, 100));
    await expect(second).rejects.toBeInstanceOf(OverloadedError);
    await expect(second).rejects.toMatchObject({ status: 503, headers: { 'Retry-After': '1' } });
    await first;
    // Drained: accepted again.
    await expect(queue.submit(batchOf(3, 100))).resolves.toBeTruthy();
    queue.close();
  });

  it('accepts one oversized batch when the queue is empty (it could never fit otherwise)', async () => {
    const s = open();
    const queue = new IngestQueue(s, { maxQueuedItems: 10 });
    await expect(queue.submit(batchOf(1, 50))).resolves.toBeTruthy();
    queue.close();
  });

  it('does not fail the other batches of a commit when one throws', async () => {
    const s = open();
    const apply = s.applyBatches.bind(s);
    s.applyBatches = (batches) => {
      if (batches.some((b) => b.spans[0]?.name === 'boom')) {
        if (batches.length === 1) throw new Error('disk on fire');
        throw new Error('one of these is bad');
      }
      return apply(batches);
    };
    const errors: unknown[] = [];
    const queue = new IngestQueue(s, { onError: (e) => errors.push(e) });
    const bad = batchOf(9);
    bad.spans[0]!.name = 'boom';
    const results = await Promise.allSettled([
      queue.submit(batchOf(1)),
      queue.submit(bad),
      queue.submit(batchOf(2)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(errors).toHaveLength(1);
    queue.close();
  });

  it('commits what is queued on close, then refuses', async () => {
    const s = open();
    const queue = new IngestQueue(s);
    const pending = queue.submit(batchOf(1));
    queue.close();
    await expect(pending).resolves.toBeTruthy();
    await expect(queue.submit(batchOf(2))).rejects.toMatchObject({ status: 503 });
  });
});
