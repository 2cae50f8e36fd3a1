// The trace list with `q` (full-text search), newest first with early stop. FTS5 reads a
// doclist newest-first (rowid descending) cheaply, but a rowid-bounded probe per trace scans the
// doclist (measured 18–90 ms a probe at 2M rows), and span rowids are not in list order (an import
// or a long trace stores old traces' spans last). So two walks run side by side:
// - the doclists of span_fts and trace_fts, read once each, newest rowid first, marking the traces
//   they hit;
// - the traces in list order (the same keyset plan and filters as the unfiltered list).
// A trace is decided once both doclists have been read down to its lowest rowid (its first span,
// from spans_by_trace): matched or not is then known, so the walk emits it or moves on,
// and stops when the page is full. When both doclists end first (a rare word), every match is
// known and the rest of the page comes from that set directly, without walking non-matching
// traces.
import type Database from 'better-sqlite3';
import type { TraceRow } from './traceState.ts';

/** Rows read from the doclists before the walk starts: a word with fewer never walks the traces. */
const PREREAD_ROWS = 4_096;
/** Consecutive hits on one trace after which the rest of its run of span ids may be skipped. */
const RUN_BEFORE_SKIP = 64;
/**
 * Shortest run of one trace's spans worth skipping: skipping restarts the doclist read, which for
 * a prefix query costs one more read of the whole prefix doclist (~ FTS5's own newest-50).
 */
const SKIP_MIN_SPANS = 1_024;
/** A run is dense (worth skipping) when its hits are at most this many rowids apart on average. */
const DENSE_ROWIDS_PER_HIT = 64;
/** Most traces a walk step reads at once (steps grow from the page size up to this). */
const MAX_WALK_PAGE = 4_096;

export interface SearchFilters {
  /** Filter clauses over `t` (traces), without the keyset. */
  where: readonly string[];
  params: Record<string, unknown>;
  /** Builds the list statement (queries.ts listSql) for clauses, with extra columns. */
  sql(where: readonly string[], columns: string): string;
}

type Key = { sortUs: number; id: number };
/** A trace as the walk sees it: its list key and first span (full rows only for the page). */
type WalkRow = { id: number; sort_us: number; first_span: number | null };

const KEYSET = '(t.sort_us < @afterSort OR (t.sort_us = @afterSort AND t.id < @afterId))';
/**
 * The trace's lowest span row id, where its rows in span_fts begin: read from spans_by_trace, which
 * holds the row ids of the trace's spans (all of them are read: a few for most traces).
 */
const FIRST_SPAN = '(SELECT min(s.id) FROM spans s WHERE s.trace_pk = t.id) AS first_span';

type Hit = { rowid: number; pk: number };
/** A doclist's hits below a rowid, newest first: the first `limit` at once, or one at a time. */
interface DoclistSource {
  all(below: number, limit: number): Hit[];
  iterate(below: number): IterableIterator<Hit>;
}

/**
 * A doclist read newest-first, once; restarted lower only to skip a run of one trace's spans. The
 * first rows come in one statement run (a rare word's whole doclist usually: stepping an iterator
 * row by row from JS costs twice as much); past them an iterator reads on as far as needed.
 */
class Doclist {
  /** Every matching rowid at or above this has been seen (Infinity: nothing read yet). */
  position = Number.POSITIVE_INFINITY;
  done = false;
  private buffer: Hit[];
  private index = 0;
  /** The buffer holds the rest of the doclist (its read stopped short of its limit). */
  private complete: boolean;
  private rows: IterableIterator<Hit> | null = null;
  private readonly source: DoclistSource;

  constructor(source: DoclistSource, firstRows: number) {
    this.source = source;
    this.buffer = source.all(Number.MAX_SAFE_INTEGER, firstRows);
    this.complete = this.buffer.length < firstRows;
  }

  next(): Hit | null {
    if (this.done) return null;
    let hit: Hit | undefined;
    if (this.index < this.buffer.length) hit = this.buffer[this.index++];
    else if (!this.complete) {
      this.rows ??= this.source.iterate(this.position);
      const step = this.rows.next();
      hit = step.done ? undefined : step.value;
    }
    if (hit === undefined) {
      this.done = true;
      this.position = Number.NEGATIVE_INFINITY;
      return null;
    }
    this.position = hit.rowid;
    return hit;
  }

  /** Everything from `rowid` up is accounted for: continue below it. */
  skipTo(rowid: number): void {
    this.close();
    this.buffer = [];
    this.index = 0;
    this.complete = false;
    this.position = rowid;
  }

  close(): void {
    this.rows?.return?.();
    this.rows = null;
  }
}

export class SearchList {
  private readonly db: Database.Database;
  private readonly stmt;

  constructor(db: Database.Database) {
    this.db = db;
    this.stmt = {
      // FTS5 consumes ORDER BY rowid DESC (no sort); each hit's trace by primary key.
      spanHits: db.prepare(
        `SELECT f.rowid AS rowid, s.trace_pk AS pk FROM span_fts f
         JOIN spans s INDEXED BY spans_trace_of ON s.id = f.rowid >> 2
         WHERE span_fts MATCH @q AND f.rowid < @below ORDER BY f.rowid DESC LIMIT @limit`,
      ),
      traceHits: db.prepare(
        `SELECT rowid, rowid >> 2 AS pk FROM trace_fts
         WHERE trace_fts MATCH @q AND rowid < @below ORDER BY rowid DESC LIMIT @limit`,
      ),
      rows: db.prepare('SELECT * FROM traces WHERE id IN (SELECT value FROM json_each(?))'),
      // The nearest span row below @id of another trace: the narrow index read downward from
      // @id, stopping there (one pass over the run, in SQLite).
      otherBelow: db
        .prepare(
          `SELECT id FROM spans INDEXED BY spans_trace_of
           WHERE id <= @id AND trace_pk <> @pk ORDER BY id DESC LIMIT 1`,
        )
        .pluck(),
    };
  }

  /** The statements this runs for a query, for checking their plans. */
  statements(filters: SearchFilters): string[] {
    return [
      this.stmt.spanHits.source,
      this.stmt.traceHits.source,
      this.walkSql(filters, false),
      this.walkSql(filters, true),
      this.setSql(filters, true),
    ];
  }

  list(
    match: string,
    filters: SearchFilters,
    cursor: Key | null,
    limit: number,
  ): { rows: TraceRow[]; more: boolean; total?: number } {
    const found = this.find(match, filters, cursor, limit);
    return { ...found, rows: this.rowsOf(found.rows) };
  }

  /** The page's traces as list keys (whole rows are read for the page only). */
  private find(
    match: string,
    filters: SearchFilters,
    cursor: Key | null,
    limit: number,
  ): { rows: WalkRow[]; more: boolean; total?: number } {
    const hits = new Set<number>();
    const source = (stmt: Database.Statement): DoclistSource => ({
      all: (below, limit) => stmt.all({ q: match, below, limit }) as Hit[],
      iterate: (below) => stmt.iterate({ q: match, below, limit: -1 }) as IterableIterator<Hit>,
    });
    const spans = new Doclist(source(this.stmt.spanHits), PREREAD_ROWS);
    const traces = new Doclist(source(this.stmt.traceHits), PREREAD_ROWS);
    let run = { pk: -1, length: 0, from: 0 };
    const readSpan = (): boolean => {
      const hit = spans.next();
      if (hit === null) return false;
      hits.add(hit.pk);
      run =
        hit.pk === run.pk ? { ...run, length: run.length + 1 } : { pk: hit.pk, length: 1, from: hit.rowid };
      // A dense run of one trace's rows (a big trace stored in one go, the word in most of it):
      // the trace is matched already, so jump past the rest of its run instead of reading it.
      if (run.length === RUN_BEFORE_SKIP && run.from - hit.rowid < RUN_BEFORE_SKIP * DENSE_ROWIDS_PER_HIT) {
        const start = this.runStart(hit.pk, hit.rowid >> 2);
        if ((hit.rowid >> 2) - start >= SKIP_MIN_SPANS) spans.skipTo(start * 4);
      }
      return true;
    };
    const readTrace = (): boolean => {
      const hit = traces.next();
      if (hit !== null) hits.add(hit.pk);
      return hit !== null;
    };
    try {
      for (let i = 0; i < PREREAD_ROWS && readSpan(); i++);
      for (let i = 0; i < PREREAD_ROWS && readTrace(); i++);
      if (spans.done && traces.done) {
        const set = this.fromSet(hits, filters, cursor, limit);
        // Every match is known: the exact total is one count of what the set query returned.
        return { rows: set.rows, more: set.more, ...(cursor === null ? { total: set.total } : {}) };
      }
      const rows: WalkRow[] = [];
      let after = cursor;
      let step = limit + 1;
      for (;;) {
        const page = this.db.prepare(this.walkSql(filters, after !== null)).all({
          ...filters.params,
          ...(after ? { afterSort: after.sortUs, afterId: after.id } : {}),
          limit: step,
        }) as WalkRow[];
        for (const row of page) {
          // Read the doclists down to this trace's lowest rowids: then whether it matches is known.
          while (!spans.done && row.first_span !== null && spans.position > row.first_span * 4) readSpan();
          while (!traces.done && traces.position > row.id * 4) readTrace();
          after = { sortUs: row.sort_us, id: row.id };
          if (hits.has(row.id)) {
            rows.push(row);
            if (rows.length > limit) return { rows: rows.slice(0, limit), more: true };
          }
          if (spans.done && traces.done) {
            // Both doclists ended: the rest are known matches below this trace.
            const rest = this.fromSet(hits, filters, after, limit - rows.length);
            return {
              rows: [...rows, ...rest.rows],
              more: rest.more,
              ...(cursor === null ? { total: rows.length + rest.total } : {}),
            };
          }
        }
        if (page.length < step) {
          return { rows, more: false, ...(cursor === null ? { total: rows.length } : {}) };
        }
        step = Math.min(step * 4, MAX_WALK_PAGE);
      }
    } finally {
      spans.close();
      traces.close();
    }
  }

  /** The lowest span id L such that ids L…`id` all belong to trace `pk` (their FTS rows are its own). */
  private runStart(pk: number, id: number): number {
    return ((this.stmt.otherBelow.get({ pk, id }) as number | undefined) ?? 0) + 1;
  }

  /** The traces in list order below a keyset (a range of the newest-first index), with their first span. */
  private walkSql(filters: SearchFilters, below: boolean): string {
    return filters.sql(below ? [...filters.where, KEYSET] : filters.where, `t.id, t.sort_us, ${FIRST_SPAN}`);
  }

  private setSql(filters: SearchFilters, below: boolean): string {
    return `SELECT t.id, t.sort_us FROM traces t WHERE t.id IN (SELECT value FROM json_each(@pks))
      ${[...filters.where, ...(below ? [KEYSET] : [])].map((clause) => `AND ${clause}`).join(' ')}`;
  }

  /**
   * The newest `limit` of a known set of matching traces, below `after`: the set is small (its
   * doclists ended within a bounded read), so it is looked up by key and ordered here.
   */
  private fromSet(
    pks: ReadonlySet<number>,
    filters: SearchFilters,
    after: Key | null,
    limit: number,
  ): { rows: WalkRow[]; more: boolean; total: number } {
    const found = this.db.prepare(this.setSql(filters, after !== null)).all({
      ...filters.params,
      pks: JSON.stringify([...pks]),
      ...(after ? { afterSort: after.sortUs, afterId: after.id } : {}),
    }) as WalkRow[];
    found.sort((a, b) => b.sort_us - a.sort_us || b.id - a.id);
    return { rows: found.slice(0, limit), more: found.length > limit, total: found.length };
  }

  /** The whole rows of the page's traces, in the page's order. */
  private rowsOf(page: readonly WalkRow[]): TraceRow[] {
    if (page.length === 0) return [];
    const byId = new Map(
      (this.stmt.rows.all(JSON.stringify(page.map((r) => r.id))) as TraceRow[]).map((r) => [r.id, r]),
    );
    return page.map((r) => byId.get(r.id)!);
  }
}
