// Finishing traces whose end never arrives (the rule is traceState.ts's quietOutcome).
//
// A trace's status is decided at commit; a trace that simply stops receiving data is never
// committed again, so something has to look at it later. A periodic sweep does, instead of every
// read: each run asks two partial indexes (schema v4) for running traces quiet for too long, so
// its cost is the number of traces it may finalise, not the size of the table. What it changes is
// published on the live feed like any commit. It only ever writes `status` (plus the abandonment
// note and `updated_us`), never `ended`, so a span arriving later reopens the trace at its commit.
import type Database from 'better-sqlite3';
import type { ChangeSet } from './writer.ts';
import { ABANDONED_ERROR_JSON, quietOutcome, type TraceRow } from './traceState.ts';

/** Most traces finalised per transaction; a bigger backlog (e.g. after a restart) takes several. */
const SWEEP_LIMIT = 500;
/** Longest and shortest pause between sweeps (the pause is a quarter of the idle period). */
const MAX_INTERVAL_MS = 5_000;
const MIN_INTERVAL_MS = 10;

export interface IdleSweepOptions {
  idleMs: number;
  abandonMs: number;
}

export class IdleSweep {
  private readonly limits: { idleUs: number; abandonUs: number };
  private readonly stmt;
  private readonly transaction: (nowUs: number) => { changes: ChangeSet; more: boolean };

  constructor(db: Database.Database, options: IdleSweepOptions) {
    // Abandoning can never come before finishing: otherwise an idle trace could match the stale
    // query without an outcome and be picked again by every sweep.
    const idleUs = options.idleMs * 1000;
    this.limits = { idleUs, abandonUs: Math.max(idleUs, options.abandonMs * 1000) };
    // Each WHERE repeats its index's condition word for word, which is what lets SQLite use it;
    // INDEXED BY because without statistics the planner picks traces_running for both queries.
    this.stmt = {
      idle: db.prepare(
        `SELECT * FROM traces INDEXED BY traces_idle
         WHERE status = 'running' AND open_count = 0 AND own_start_us IS NULL AND updated_us < ?
         ORDER BY updated_us LIMIT ?`,
      ),
      stale: db.prepare(
        `SELECT * FROM traces INDEXED BY traces_running WHERE status = 'running' AND updated_us < ? ORDER BY updated_us LIMIT ?`,
      ),
      // Only run for a trace with errors: the spans whose parent is not stored (its top level).
      topLevelError: db.prepare(
        `SELECT 1 FROM spans s
         WHERE s.trace_pk = ? AND (s.status = 'error' OR s.error_json IS NOT NULL)
           AND (s.parent_span_id IS NULL OR s.parent_span_id = '' OR NOT EXISTS
             (SELECT 1 FROM spans p WHERE p.trace_pk = s.trace_pk AND p.span_id = s.parent_span_id))
         LIMIT 1`,
      ),
      update: db.prepare('UPDATE traces SET status = ?, error_json = ?, updated_us = ? WHERE id = ?'),
    };
    this.transaction = db.transaction((nowUs: number) => this.sweep(nowUs));
  }

  /** Finalises the traces that have been quiet too long, in one transaction; `more`: a backlog remains. */
  run(nowUs: number = Date.now() * 1000): { changes: ChangeSet; more: boolean } {
    return this.transaction(nowUs);
  }

  private sweep(nowUs: number): { changes: ChangeSet; more: boolean } {
    const changes: ChangeSet = { tracePks: [], spanPksByTrace: new Map() };
    const idle = this.stmt.idle.all(nowUs - this.limits.idleUs, SWEEP_LIMIT) as TraceRow[];
    const stale = this.stmt.stale.all(nowUs - this.limits.abandonUs, SWEEP_LIMIT) as TraceRow[];
    const seen = new Set<number>();
    for (const row of [...idle, ...stale]) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      const outcome = quietOutcome(row, nowUs - row.updated_us, this.limits, () =>
        row.error_count > 0 ? this.stmt.topLevelError.get(row.id) !== undefined : false,
      );
      if (outcome === null) continue;
      const status = outcome === 'abandoned' ? 'error' : outcome;
      const error = outcome === 'abandoned' ? (row.error_json ?? ABANDONED_ERROR_JSON) : row.error_json;
      // updated_us moves so a client holding an older copy of the summary takes this one.
      this.stmt.update.run(status, error, nowUs, row.id);
      changes.tracePks.push(row.id);
    }
    return { changes, more: idle.length === SWEEP_LIMIT || stale.length === SWEEP_LIMIT };
  }
}

/**
 * Runs `sweep` every quarter of the idle period (at most every 5 s) on an unref'd timer, handing
 * each non-empty result to `publish`. Returns a function that stops it.
 */
export function startIdleSweep(
  sweep: IdleSweep,
  options: { idleMs: number; publish(changes: ChangeSet): void; onError(error: unknown): void },
): () => void {
  const interval = Math.min(MAX_INTERVAL_MS, Math.max(MIN_INTERVAL_MS, options.idleMs / 4));
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const tick = () => {
    timer = null;
    if (stopped) return;
    let more = false;
    try {
      const result = sweep.run();
      more = result.more;
      if (result.changes.tracePks.length) options.publish(result.changes);
    } catch (error) {
      options.onError(error);
    }
    if (!stopped) schedule(more ? 0 : interval);
  };
  const schedule = (ms: number) => {
    timer = setTimeout(tick, ms);
    timer.unref(); // a sweep never keeps the process alive
  };
  schedule(interval);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    timer = null;
  };
}
