// The trace list with `q` (full-text search), newest first with early stop, exact on every page.
// A match is a trace with a hit in span_fts (rowid = span id * 4 + field) or trace_fts (trace id
// * 4 + field). Rowids are not in list order, so each doclist is read block by block in order of
// the blocks' sort-key bounds (searchBlocks.ts): once the blocks left unread all bound below S,
// every match that sorts above S is known. Hits are mapped to their traces as they are read, and
// the traces found are checked against the list's filters and cursor in batches; the search stops
// as soon as a page and one more are known to sort above everything unread.
//
// FTS5 reads a doclist newest-first (rowid descending) cheaply once it is open, but opening one
// costs a read of the whole doclist for a prefix query (the terms are merged first; measured the
// same as FTS5's own newest-50). So a reader, once open, reads on downward through the next
// blocks rather than reopening for each, and reopens only to jump far (or upward).
import type Database from 'better-sqlite3';
import { BLOCK_ROWIDS } from './searchBlocks.ts';
import type { TraceRow } from './traceState.ts';

/** How a doclist's readers are opened (tests set small ones to reach every path on small data). */
export interface ReaderLimits {
  /**
   * How many blocks below its position an open reader still reads on to reach the next block,
   * rather than a new reader opening there: 64 blocks of a common word's rows cost about one open.
   */
  readThroughBlocks: number;
  /** Readers one search may open per doclist; past that, one reads down from the top through all. */
  maxOpens: number;
}

const DEFAULT_LIMITS: ReaderLimits = { readThroughBlocks: 64, maxOpens: 8 };
/** Filter combinations whose check statement is kept prepared. */
const CHECK_CACHE = 32;

export interface SearchFilters {
  /** Filter clauses over `t` (traces), without the keyset. */
  where: readonly string[];
  params: Record<string, unknown>;
}

type Key = { sortUs: number; id: number };
/** A matched trace as the search sees it: its list key (full rows only for the page). */
type Found = { id: number; sort_us: number };
type Hit = { rowid: number; pk: number };
type Block = { block: number; top: number };

const KEYSET = '(t.sort_us < @afterSort OR (t.sort_us = @afterSort AND t.id < @afterId))';

/** An open read of a doclist, downward from `start`: every rowid in [low, start) has been read. */
interface Reader {
  rows: IterableIterator<Hit>;
  start: number;
  low: number;
  done: boolean;
  /** Opened from the top once maxOpens were used: reads on through everything. */
  throughAll: boolean;
}

/** One doclist (span_fts or trace_fts), read block by block, highest bound first. */
class BlockedDoclist {
  private readonly open: (below: number) => IterableIterator<Hit>;
  private readonly blocks: IterableIterator<Block>;
  private readonly onHit: (pk: number) => void;
  private readonly limits: ReaderLimits;
  /** The next block in bound order, not yet known to be read (undefined: not fetched; null: none). */
  private head: Block | null | undefined;
  /** Every reader this search opened (their read ranges), the current one last. */
  private readonly readers: Reader[] = [];

  constructor(
    open: (below: number) => IterableIterator<Hit>,
    blocks: IterableIterator<Block>,
    onHit: (pk: number) => void,
    limits: ReaderLimits,
  ) {
    this.limits = limits;
    this.open = open;
    this.blocks = blocks;
    this.onHit = onHit;
  }

  /** The highest bound of a block not wholly read (-Infinity: all read): no unread hit sorts above it. */
  nextTop(): number {
    for (;;) {
      if (this.head === undefined) {
        const step = this.blocks.next();
        this.head = step.done ? null : step.value;
      }
      if (this.head === null) return Number.NEGATIVE_INFINITY;
      if (!this.isRead(this.head.block)) return this.head.top;
      this.head = undefined;
    }
  }

  /** Reads the block nextTop() bounds (and whatever lies between it and the reader used). */
  readNext(): void {
    const block = this.head!.block;
    this.head = undefined;
    const lo = block * BLOCK_ROWIDS;
    const hi = lo + BLOCK_ROWIDS;
    let reader = this.readers.at(-1);
    const usable =
      reader !== undefined &&
      !reader.done &&
      reader.start >= hi &&
      (reader.throughAll || reader.low - hi <= this.limits.readThroughBlocks * BLOCK_ROWIDS);
    if (!usable) {
      reader?.rows.return?.();
      const throughAll = this.readers.length >= this.limits.maxOpens;
      const start = throughAll ? Number.MAX_SAFE_INTEGER : hi;
      reader = { rows: this.open(start), start, low: start, done: false, throughAll };
      this.readers.push(reader);
    }
    const r = reader!;
    // One row past the block tells it is done; that row (and the gap before it) counts as read.
    while (!r.done && r.low > lo) {
      const step = r.rows.next();
      if (step.done) {
        r.done = true;
        r.low = Number.NEGATIVE_INFINITY;
      } else {
        r.low = step.value.rowid;
        this.onHit(step.value.pk);
      }
    }
  }

  close(): void {
    this.readers.at(-1)?.rows.return?.();
    this.blocks.return?.();
  }

  private isRead(block: number): boolean {
    const lo = block * BLOCK_ROWIDS;
    const hi = lo + BLOCK_ROWIDS;
    return this.readers.some((r) => r.low <= lo && r.start >= hi);
  }
}

/** How many of `found` (sorted newest first) sort above `bound`. */
function countAbove(found: readonly Found[], bound: number): number {
  let low = 0;
  let high = found.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (found[mid]!.sort_us > bound) low = mid + 1;
    else high = mid;
  }
  return low;
}

const newestFirst = (a: Found, b: Found) => b.sort_us - a.sort_us || b.id - a.id;

export class SearchList {
  private readonly db: Database.Database;
  private readonly stmt;
  private readonly checks = new Map<string, Database.Statement>();
  private readonly limits: ReaderLimits;

  constructor(db: Database.Database, limits: ReaderLimits = DEFAULT_LIMITS) {
    this.db = db;
    this.limits = limits;
    this.stmt = {
      // FTS5 consumes ORDER BY rowid DESC (no sort); each hit's trace by primary key.
      spanHits: db.prepare(
        `SELECT f.rowid AS rowid, s.trace_pk AS pk FROM span_fts f
         JOIN spans s INDEXED BY spans_trace_of ON s.id = f.rowid >> 2
         WHERE span_fts MATCH @q AND f.rowid < @below ORDER BY f.rowid DESC`,
      ),
      traceHits: db.prepare(
        `SELECT rowid, rowid >> 2 AS pk FROM trace_fts
         WHERE trace_fts MATCH @q AND rowid < @below ORDER BY rowid DESC`,
      ),
      spanBlocks: db.prepare(
        'SELECT block, top_us AS top FROM span_fts_blocks ORDER BY top_us DESC, block DESC',
      ),
      traceBlocks: db.prepare(
        'SELECT block, top_us AS top FROM trace_fts_blocks ORDER BY top_us DESC, block DESC',
      ),
      rows: db.prepare('SELECT * FROM traces WHERE id IN (SELECT value FROM json_each(?))'),
    };
  }

  /** The statements this runs for a query, for checking their plans. */
  statements(filters: SearchFilters): string[] {
    return [
      this.stmt.spanHits.source,
      this.stmt.traceHits.source,
      this.stmt.spanBlocks.source,
      this.stmt.traceBlocks.source,
      this.checkSql(filters, false),
      this.checkSql(filters, true),
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
  ): { rows: Found[]; more: boolean; total?: number } {
    const need = limit + 1;
    const seen = new Set<number>();
    const unchecked: number[] = [];
    const onHit = (pk: number) => {
      if (!seen.has(pk)) {
        seen.add(pk);
        unchecked.push(pk);
      }
    };
    const doclist = (hits: Database.Statement, blocks: Database.Statement) =>
      new BlockedDoclist(
        (below) => hits.iterate({ q: match, below }) as IterableIterator<Hit>,
        blocks.iterate() as IterableIterator<Block>,
        onHit,
        this.limits,
      );
    const spans = doclist(this.stmt.spanHits, this.stmt.spanBlocks);
    const traces = doclist(this.stmt.traceHits, this.stmt.traceBlocks);
    /** Matched traces that pass the filters and sort below the cursor, newest first. */
    let passing: Found[] = [];
    try {
      for (;;) {
        const spanTop = spans.nextTop();
        const traceTop = traces.nextTop();
        const bound = Math.max(spanTop, traceTop);
        const complete = bound === Number.NEGATIVE_INFINITY;
        // Check the traces found so far only when they could fill the page: one statement per batch.
        if (complete || unchecked.length + countAbove(passing, bound) >= need) {
          if (unchecked.length > 0) {
            passing = [...passing, ...this.check(unchecked, filters, cursor)].sort(newestFirst);
            unchecked.length = 0;
          }
          if (complete) {
            // Every match is known: the exact total comes free (first page only).
            const total = cursor === null ? { total: passing.length } : {};
            return { rows: passing.slice(0, limit), more: passing.length > limit, ...total };
          }
          if (countAbove(passing, bound) >= need) return { rows: passing.slice(0, limit), more: true };
        }
        (spanTop >= traceTop ? spans : traces).readNext();
      }
    } finally {
      spans.close();
      traces.close();
    }
  }

  /** Which of these matched traces pass the filters and sort below the cursor, with their keys. */
  private check(pks: readonly number[], filters: SearchFilters, after: Key | null): Found[] {
    const sql = this.checkSql(filters, after !== null);
    let stmt = this.checks.get(sql);
    if (stmt === undefined) {
      if (this.checks.size >= CHECK_CACHE) this.checks.clear();
      stmt = this.db.prepare(sql);
      this.checks.set(sql, stmt);
    }
    return stmt.all({
      ...filters.params,
      pks: JSON.stringify(pks),
      ...(after ? { afterSort: after.sortUs, afterId: after.id } : {}),
    }) as Found[];
  }

  /**
   * The found traces are looked up by key (CROSS JOIN keeps that order): as `t.id IN (...)` the
   * planner may walk a filter's index instead, every error trace for status=error, and test each
   * against the list (14 ms rather than 1 for a common word at 100,000 traces).
   */
  private checkSql(filters: SearchFilters, below: boolean): string {
    const clauses = [...filters.where, ...(below ? [KEYSET] : [])];
    return `SELECT t.id, t.sort_us FROM json_each(@pks) p CROSS JOIN traces t ON t.id = p.value
      ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''}`;
  }

  /** The whole rows of the page's traces, in the page's order. */
  private rowsOf(page: readonly Found[]): TraceRow[] {
    if (page.length === 0) return [];
    const byId = new Map(
      (this.stmt.rows.all(JSON.stringify(page.map((r) => r.id))) as TraceRow[]).map((r) => [r.id, r]),
    );
    return page.map((r) => byId.get(r.id)!);
  }
}
