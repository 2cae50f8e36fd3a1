// The columnar trace skeleton (src/shared/traceColumns.ts, docs/protocol.md), a part at a time:
// for each run of span row ids (in the default answer's order), SQLite builds one JSON array per
// field (json_group_array). Strings that repeat are dictionary-encoded here in JS: a 100,000-string
// array parses and encodes in a few milliseconds, where doing it in SQL costs a sort per column.
// The field mapping mirrors spanJson.ts (the default answer), which stays the reference, except
// that payload previews are left out: with realistic payloads they were two thirds of the answer
// (44.6 of 13.4 + 31 MB at 100k spans), and the views that show payloads fetch them per span; the
// span search asks the collector (GET /api/traces/:id/search), which searches whole payloads.
import type Database from 'better-sqlite3';
import type { DictColumn } from '../../shared/traceColumns.ts';

/** Fields sent as plain arrays: name → SQL over the ordered row `s` (@base: the time base, µs). */
const PLAIN = {
  spanId: 's.span_id',
  stepOrder: 's.step_order',
  startUs: 's.start_us - @base',
  endUs: 's.end_us - @base',
  promptTokens: 's.prompt_tokens',
  completionTokens: 's.completion_tokens',
  totalTokens: `coalesce(s.total_tokens, CASE WHEN s.prompt_tokens IS NULL AND s.completion_tokens IS NULL
                 THEN NULL ELSE coalesce(s.prompt_tokens, 0) + coalesce(s.completion_tokens, 0) END)`,
  costUsd: 's.cost_usd',
  error: 'json(s.error_json)',
  destructive: 'CASE WHEN s.destructive THEN 1 ELSE 0 END',
  timeToFirstTokenMs: 's.ttft_ms',
  inputBytes: 's.input_bytes',
  outputBytes: 's.output_bytes',
} as const;

/** Fields sent dictionary-encoded. */
const DICT = {
  // Siblings share their parent's id: sent once a part, and one string for all of them in the tab.
  parentSpanId: "nullif(s.parent_span_id, '')",
  name: "coalesce(s.name, '')",
  type: "coalesce(s.type, 'custom')",
  status: `CASE WHEN s.end_us IS NULL THEN 'running'
                WHEN s.status = 'error' OR s.error_json IS NOT NULL THEN 'error' ELSE 'success' END`,
  model: 's.model',
  provider: 's.provider',
  costSource: 's.cost_source',
  kind: 's.kind',
} as const;

/** The order of the columns in the answer (the Span shape's order). */
const COLUMN_ORDER = [
  'spanId',
  'parentSpanId',
  'name',
  'type',
  'stepOrder',
  'startUs',
  'endUs',
  'status',
  'model',
  'provider',
  'promptTokens',
  'completionTokens',
  'totalTokens',
  'costUsd',
  'costSource',
  'error',
  'destructive',
  'timeToFirstTokenMs',
  'kind',
  'inputBytes',
  'outputBytes',
] as const;

const all = { ...PLAIN, ...DICT };
// One part of the answer: the spans whose row ids are @pks (a JSON array, already in answer
// order), one JSON array per field. CROSS JOIN keeps json_each the outer loop, so rows reach
// the aggregates in the array's order and nothing is sorted. Aggregating a part at a time is
// also cheaper than the whole trace at once: at 1,000,000 spans 1.8 s in parts of 32,768 rows
// against 3.5 s for one statement, whose 14 MB arrays SQLite grows by copying.
export const PART_SQL = `SELECT ${COLUMN_ORDER.map(
  (key) => `coalesce(json_group_array(${all[key]}), '[]') AS "${key}"`,
).join(',\n  ')}
FROM json_each(@pks) j CROSS JOIN spans s ON s.id = j.value`;

/**
 * Spans in one part of the answer. The first part is on the wire after reading the ids and one
 * part's rows, and each part is one short parse and decode in the page. Measured click to first
 * paint (bench/render.bench.ts, bench/bigTrace.bench.ts): 100,000 spans 1.2 s with parts of
 * 16,384 (decoding one was a 156 ms long task) and 0.9-1.1 s with 4,096; 1,000,000 spans 6.9 s
 * and 5.1-6.4 s.
 */
export const COLUMN_PART_SPANS = 4_096;

/** Row i → dict[index[i]], first appearance first. */
export function dictEncode<T extends string | null>(values: readonly T[]): DictColumn<T> {
  const dict: T[] = [];
  const seen = new Map<T, number>();
  const index = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    let k = seen.get(value);
    if (k === undefined) {
      k = dict.length;
      seen.set(value, k);
      dict.push(value);
    }
    index[i] = k;
  }
  return { dict, index };
}

export class TraceColumnQueries {
  private readonly part: Database.Statement;

  constructor(db: Database.Database) {
    this.part = db.prepare(PART_SQL);
  }

  /**
   * One part of the answer as JSON text, `{"from":…,"columns":{…}}`: the spans `pks` (row ids in
   * answer order), which are rows `from`… of the trace. `timeBaseUs` must be an integer.
   */
  partJson(from: number, pks: readonly number[], timeBaseUs: number): string {
    const row = this.part.get({ pks: JSON.stringify(pks), base: timeBaseUs }) as Record<string, string>;
    const parts: string[] = [];
    for (const key of COLUMN_ORDER) {
      const text = row[key]!;
      const column = key in DICT ? JSON.stringify(dictEncode(JSON.parse(text) as (string | null)[])) : text;
      parts.push(`"${key}":${column}`);
    }
    return `{"from":${from},"columns":{${parts.join(',')}}}`;
  }
}
