// The span attribute keys the attribute filter suggests (GET /api/values/attr). Attributes are
// JSON objects in span_payloads with no index over their keys, so the keys are read from the
// newest spans only: enough to know what an app's instrumentation writes, at a bounded cost
// however large the store grows.
import type Database from 'better-sqlite3';
import type { ValueCount } from './traceValues.ts';

/** How many of the newest spans' attributes are read for keys. */
export const ATTR_KEY_SAMPLE_SPANS = 20_000;

export class AttrKeys {
  private readonly stmt: Database.Statement;

  constructor(db: Database.Database) {
    // `traces` counts the traces holding the key among the sampled spans (a lower bound).
    this.stmt = db.prepare(`
      SELECT j.key AS value, count(DISTINCT s.trace_pk) AS traces
      FROM (SELECT span_pk, attributes FROM span_payloads WHERE attributes IS NOT NULL
            ORDER BY span_pk DESC LIMIT ${ATTR_KEY_SAMPLE_SPANS}) p
      JOIN spans s ON s.id = p.span_pk, json_each(p.attributes) j
      WHERE json_valid(p.attributes) AND instr(lower(j.key), lower(@text)) > 0
      GROUP BY j.key ORDER BY traces DESC, j.key LIMIT @limit`);
  }

  /** Keys containing `text` (case-insensitive), most traces first. */
  containing(text: string, limit: number): ValueCount[] {
    return this.stmt.all({ text, limit }) as ValueCount[];
  }
}
