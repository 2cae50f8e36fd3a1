// Forks kept in the collector's SQLite file, in the table migration step 5 makes
// (src/server/store/migrations.ts).
import { randomBytes } from 'node:crypto';
import type { ForkDetail } from '../../shared/forks.ts';
import type { Store } from '../store/index.ts';

interface ForkRow {
  fork_id: string;
  trace_id: string;
  span_id: string;
  output: string;
  created_us: number;
}

interface Statements {
  insert(row: ForkRow): void;
  get(forkId: string): ForkRow | undefined;
  forkTraces(forkId: string): string[];
}

const prepared = new WeakMap<Store, Statements>();

function statements(store: Store): Statements {
  let found = prepared.get(store);
  if (found) return found;
  const insert = store.db.prepare(
    `INSERT INTO forks (fork_id, trace_id, span_id, output, created_us) VALUES (@fork_id, @trace_id, @span_id, @output, @created_us)`,
  );
  const get = store.db.prepare(
    `SELECT fork_id, trace_id, span_id, output, created_us FROM forks WHERE fork_id = ?`,
  );
  // Reruns are made by hand, a few per fork: scanning the small metadata column is fast enough.
  const traces = store.db.prepare(
    `SELECT t.trace_id FROM trace_payloads p JOIN traces t ON t.id = p.trace_pk
     WHERE p.metadata ->> '$.forkOf.forkId' = ? ORDER BY t.sort_us DESC, t.id DESC`,
  );
  found = {
    insert: (row) => void insert.run(row),
    get: (forkId) => get.get(forkId) as ForkRow | undefined,
    forkTraces: (forkId) => (traces.all(forkId) as Array<{ trace_id: string }>).map((r) => r.trace_id),
  };
  prepared.set(store, found);
  return found;
}

export function createFork(
  store: Store,
  fork: { traceId: string; spanId: string; output: unknown },
  nowMs = Date.now(),
): string {
  const forkId = randomBytes(8).toString('hex');
  statements(store).insert({
    fork_id: forkId,
    trace_id: fork.traceId,
    span_id: fork.spanId,
    output: JSON.stringify(fork.output ?? null),
    created_us: Math.round(nowMs * 1000),
  });
  return forkId;
}

export function getFork(store: Store, forkId: string): ForkDetail | undefined {
  const s = statements(store);
  const row = s.get(forkId);
  if (!row) return undefined;
  return {
    forkId: row.fork_id,
    traceId: row.trace_id,
    spanId: row.span_id,
    output: JSON.parse(row.output) as unknown,
    createdAt: row.created_us / 1000,
    forkTraceIds: s.forkTraces(row.fork_id),
  };
}
