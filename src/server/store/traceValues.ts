// The distinct values of the trace list's filterable fields (model, tag, name), read from their
// indexes one value at a time (a loose index scan: one B-tree seek per distinct value, never a
// pass over every trace), so a substring filter turns into an exact IN list an index can serve.
import type Database from 'better-sqlite3';

export type ValueField = 'model' | 'tag' | 'name';

/** Past this many distinct values a field is not worth enumerating (names that are ids, say). */
export const MAX_DISTINCT_VALUES = 5_000;

const SOURCES: Record<ValueField, { table: string; column: string; owner: string }> = {
  model: { table: 'trace_models', column: 'model', owner: 'trace_pk' },
  tag: { table: 'trace_tags', column: 'tag', owner: 'trace_pk' },
  name: { table: 'traces', column: 'name', owner: 'id' },
};

export interface ValueCount {
  value: string;
  traces: number;
}

export class TraceValues {
  private readonly next: Record<ValueField, Database.Statement>;
  private readonly count: Record<ValueField, Database.Statement>;
  private readonly boundedCount: Record<ValueField, Database.Statement>;
  /** Fields seen with more than MAX_DISTINCT_VALUES distinct values. */
  private readonly pastCap = new Set<ValueField>();

  constructor(db: Database.Database) {
    const each = <T>(make: (field: ValueField) => T) =>
      Object.fromEntries((Object.keys(SOURCES) as ValueField[]).map((f) => [f, make(f)])) as Record<
        ValueField,
        T
      >;
    this.next = each((f) => {
      const { table, column } = SOURCES[f];
      return db
        .prepare(`SELECT ${column} FROM ${table} WHERE ${column} > ? ORDER BY ${column} LIMIT 1`)
        .pluck();
    });
    this.count = each((f) => {
      const { table, column } = SOURCES[f];
      return db.prepare(`SELECT count(*) FROM ${table} WHERE ${column} = ?`).pluck();
    });
    this.boundedCount = each((f) => {
      const { table, column } = SOURCES[f];
      return db
        .prepare(
          `SELECT count(*) FROM (SELECT 1 FROM ${table}
           WHERE ${column} IN (SELECT value FROM json_each(?)) LIMIT ?)`,
        )
        .pluck();
    });
  }

  /** Every distinct value, in order; null when there are more than MAX_DISTINCT_VALUES. */
  distinct(field: ValueField): string[] | null {
    // Reading MAX_DISTINCT_VALUES values to find there are more took 47 ms, on every request with
    // the filter. Nothing is deleted, so a field past the cap stays past it (a rename may drop a
    // value, and then the row-by-row match it gets is still exact).
    if (this.pastCap.has(field)) return null;
    const values: string[] = [];
    let value = this.next[field].get('') as string | undefined;
    // '' itself (an unnamed trace) is not a value anyone filters for.
    while (value !== undefined) {
      if (values.length === MAX_DISTINCT_VALUES) {
        this.pastCap.add(field);
        return null;
      }
      values.push(value);
      value = this.next[field].get(value) as string | undefined;
    }
    return values;
  }

  /** The values containing `text` (case-insensitive); null when the field has too many to list. */
  containing(field: ValueField, text: string): string[] | null {
    const all = this.distinct(field);
    if (all === null) return null;
    const needle = text.toLowerCase();
    return all.filter((value) => value.toLowerCase().includes(needle));
  }

  /** Values containing `text` with how many traces hold each, most traces first (for suggestions). */
  suggestions(field: ValueField, text: string, limit: number): ValueCount[] | null {
    const values = this.containing(field, text);
    if (values === null) return null;
    return values
      .map((value) => ({ value, traces: this.count[field].get(value) as number }))
      .sort((a, b) => b.traces - a.traces || a.value.localeCompare(b.value))
      .slice(0, limit);
  }

  /** How many traces hold one of `values`, counting no further than `cap` (cost O(min(n, cap))). */
  tracesWithin(field: ValueField, values: readonly string[], cap: number): number {
    return this.boundedCount[field].get(JSON.stringify(values), cap) as number;
  }
}

export const VALUE_SOURCES = SOURCES;
