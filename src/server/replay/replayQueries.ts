// Which traces are re-runs of a trace: those whose metadata says `replayOf.traceId` is it. The
// metadata is JSON in trace_payloads, so this scans that table; re-runs are made by hand, one at a
// time, and the scan reads one small column per trace, which stays fast for a local store.
import type { ReplayLink, ReplaySummary } from '../../shared/replay.ts';
import type { Store } from '../store/index.ts';

const cache = new WeakMap<Store, { run(traceId: string): Array<{ trace_id: string; span_id: string }> }>();

function statement(store: Store) {
  let stmt = cache.get(store);
  if (!stmt) {
    const prepared = store.db.prepare(
      `SELECT t.trace_id, p.metadata ->> '$.replayOf.spanId' AS span_id
       FROM trace_payloads p JOIN traces t ON t.id = p.trace_pk
       WHERE p.metadata ->> '$.replayOf.traceId' = ?
       ORDER BY t.sort_us DESC, t.id DESC`,
    );
    stmt = { run: (traceId) => prepared.all(traceId) as Array<{ trace_id: string; span_id: string }> };
    cache.set(store, stmt);
  }
  return stmt;
}

/** Re-runs of any span of `traceId`, newest first (optionally only those of one span). */
export function listReplays(store: Store, traceId: string, spanId?: string): ReplaySummary[] {
  const out: ReplaySummary[] = [];
  for (const row of statement(store).run(traceId.toLowerCase())) {
    if (spanId !== undefined && row.span_id !== spanId.toLowerCase()) continue;
    const summary = store.getTraceSummary(row.trace_id);
    const replayOf: ReplayLink = { traceId: traceId.toLowerCase(), spanId: row.span_id };
    if (summary) out.push({ ...summary, replayOf });
  }
  return out;
}
