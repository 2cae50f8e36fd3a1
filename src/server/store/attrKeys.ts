// The span attribute keys the attribute filter suggests (GET /api/values/attr). Attributes are
// JSON objects in span_payloads with no index over their keys, so the keys are read from the
// newest spans only: enough to know what an app's instrumentation writes, at a bounded cost
// however large the store grows. Reading them parses up to that many JSON objects, and the field
// asks on every pause in typing, so the whole key list is kept a few seconds and filtered here.
import type Database from 'better-sqlite3';
import { ATTRIBUTES_SQL } from './spanJson.ts';
import type { ValueCount } from './traceValues.ts';

/** How many of the newest spans' attributes are read for keys. */
export const ATTR_KEY_SAMPLE_SPANS = 20_000;
/** How long a read key list answers suggestions before it is read again. */
const KEYS_FRESH_MS = 5_000;

export class AttrKeys {
  private readonly stmt: Database.Statement;
  private cached: { keys: ValueCount[]; readAt: number } | null = null;

  constructor(db: Database.Database) {
    // `traces` counts the traces holding the key among the sampled spans (a lower bound).
    this.stmt = db.prepare(`
      SELECT j.key AS value, count(DISTINCT s.trace_pk) AS traces
      FROM (SELECT span_pk, attributes, input, output FROM span_payloads WHERE attributes IS NOT NULL
            ORDER BY span_pk DESC LIMIT ${ATTR_KEY_SAMPLE_SPANS}) p
      JOIN spans s ON s.id = p.span_pk, json_each(${ATTRIBUTES_SQL}) j
      WHERE json_valid(p.attributes)
      GROUP BY j.key ORDER BY traces DESC, j.key`);
  }

  /** Keys containing `text` (case-insensitive), most traces first. */
  containing(text: string, limit: number, now = Date.now()): ValueCount[] {
    if (this.cached === null || now - this.cached.readAt > KEYS_FRESH_MS)
      this.cached = { keys: this.stmt.all() as ValueCount[], readAt: now };
    const needle = text.toLowerCase();
    return this.cached.keys.filter((key) => key.value.toLowerCase().includes(needle)).slice(0, limit);
  }
}
