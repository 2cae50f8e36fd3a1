// Deferred full-text indexing (migrations.ts v3). Spans and traces with ids above a watermark are
// new since the last indexing and are indexed whole; changes to older rows are marked in
// search_pending with the fields that changed. Indexing runs in small chunks: when the writer is
// idle, and after a commit once the index lags more than a bound (IngestQueue), so sustained
// ingest cannot starve it. A search first spends at most SEARCH_CATCH_UP_MS catching up, then
// answers with the lag that remains (`lagMs`), so the UI can say what it may be missing instead of
// one search freezing the collector while it indexes a flood.
//
// FTS rows: rowid = owner id * 4 + field slot (see migrations.ts v2), one row per indexed field,
// replaced in place (contentless_delete) when the field changes.
import type Database from 'better-sqlite3';
import { SearchBlocks } from './searchBlocks.ts';

export const FIELD_NAME = 1;
export const FIELD_INPUT = 2;
export const FIELD_OUTPUT = 4;
export const FIELD_ERROR = 8;
const ALL_FIELDS = FIELD_NAME | FIELD_INPUT | FIELD_OUTPUT | FIELD_ERROR;

const SEARCH_TEXT_CHARS = 65_536;
/**
 * Longest a search spends indexing before it runs (~27 µs per 1 KB span, bench/ingest.bench.ts):
 * enough for the backlog of a burst; a larger backlog is the ingest-time indexer's to work off.
 */
export const SEARCH_CATCH_UP_MS = 100;

/** A commit's high-water marks, kept until the indexer has passed them (see `lagMs`). */
interface CommitMark {
  atMs: number;
  spanId: number;
  traceId: number;
  /** The commit left changed fields of already indexed rows in search_pending. */
  pending: boolean;
}

/** Stored JSON → the text to index: a JSON string is indexed as its text, anything else as JSON. */
function searchText(json: string | null): string | null {
  if (json === null) return null;
  const text = json.startsWith('"') ? (JSON.parse(json) as string) : json;
  return text.length > SEARCH_TEXT_CHARS ? text.slice(0, SEARCH_TEXT_CHARS) : text;
}

interface Texts {
  id: number;
  name: string | null;
  input: string | null;
  output: string | null;
  error: string | null;
}

type Kind = 'span' | 'trace';

export class SearchIndexer {
  private readonly stmt;
  /** Sort-key bounds per block of FTS rows (searchBlocks.ts), written with the rows. */
  readonly blocks: SearchBlocks;
  private readonly watermark: Record<Kind, number>;
  private readonly indexChunk: (limit: number) => number;
  /** Commits not yet wholly indexed, oldest first (a queue read from `marksHead`). */
  private marks: CommitMark[] = [];
  private marksHead = 0;
  private newest = { spanId: 0, traceId: 0 };
  /** When search_pending was last seen empty after indexing (performance.now()). */
  private pendingClearedAtMs = -Infinity;

  constructor(db: Database.Database) {
    const spanTexts = `SELECT s.id, s.name, p.input, p.output, s.error_json ->> '$.message' AS error
      FROM spans s LEFT JOIN span_payloads p ON p.span_pk = s.id`;
    const traceTexts = `SELECT t.id, t.name, p.input, p.output, NULL AS error
      FROM traces t LEFT JOIN trace_payloads p ON p.trace_pk = t.id`;
    this.stmt = {
      state: db.prepare('SELECT key, value FROM search_state'),
      setState: db.prepare('UPDATE search_state SET value = ? WHERE key = ?'),
      maxSpan: db.prepare('SELECT coalesce(max(id), 0) FROM spans').pluck(),
      maxTrace: db.prepare('SELECT coalesce(max(id), 0) FROM traces').pluck(),
      anyPending: db.prepare('SELECT 1 FROM search_pending LIMIT 1').pluck(),
      takePending: db.prepare('SELECT owner, fields FROM search_pending ORDER BY owner LIMIT ?'),
      donePending: db.prepare('DELETE FROM search_pending WHERE owner = ?'),
      newSpans: db.prepare(`${spanTexts} WHERE s.id > ? ORDER BY s.id LIMIT ?`),
      newTraces: db.prepare(`${traceTexts} WHERE t.id > ? ORDER BY t.id LIMIT ?`),
      span: db.prepare(`${spanTexts} WHERE s.id = ?`),
      trace: db.prepare(`${traceTexts} WHERE t.id = ?`),
      fts: {
        span: db.prepare('INSERT OR REPLACE INTO span_fts (rowid, text) VALUES (?, ?)'),
        trace: db.prepare('INSERT OR REPLACE INTO trace_fts (rowid, text) VALUES (?, ?)'),
      },
    };
    this.blocks = new SearchBlocks(db);
    const state = new Map(
      (this.stmt.state.all() as { key: string; value: number }[]).map((r) => [r.key, r.value]),
    );
    this.watermark = { span: state.get('span_watermark') ?? 0, trace: state.get('trace_watermark') ?? 0 };
    this.indexChunk = db.transaction((limit: number) => this.chunk(limit));
    // Rows a crash or an earlier run left unindexed count from start-up.
    this.noteCommit(performance.now());
  }

  /**
   * Records what a commit that just ended wrote (O(1): two max(rowid) lookups and one probe), so
   * `lagMs` can tell how old the oldest unindexed change is.
   */
  noteCommit(atMs: number): void {
    const spanId = this.stmt.maxSpan.get() as number;
    const traceId = this.stmt.maxTrace.get() as number;
    const pending = this.stmt.anyPending.get() !== undefined;
    const grew =
      spanId > Math.max(this.newest.spanId, this.watermark.span) ||
      traceId > Math.max(this.newest.traceId, this.watermark.trace);
    this.newest = { spanId, traceId };
    if (grew || pending) this.marks.push({ atMs, spanId, traceId, pending });
  }

  /**
   * How long ago the oldest change not yet searchable was committed (0 when the index is
   * current): an upper bound on what a search may miss.
   */
  lagMs(nowMs: number = performance.now()): number {
    while (this.marksHead < this.marks.length && this.covered(this.marks[this.marksHead]!)) this.marksHead++;
    if (this.marksHead === this.marks.length) {
      this.marks = [];
      this.marksHead = 0;
      return 0;
    }
    if (this.marksHead > 1024) {
      this.marks = this.marks.slice(this.marksHead);
      this.marksHead = 0;
    }
    return Math.max(0, nowMs - this.marks[this.marksHead]!.atMs);
  }

  private covered(mark: CommitMark): boolean {
    return (
      mark.spanId <= this.watermark.span &&
      mark.traceId <= this.watermark.trace &&
      (!mark.pending || this.pendingClearedAtMs >= mark.atMs)
    );
  }

  /** Whether a change to this span (owner > 0) or trace (owner < 0) must be marked: it was indexed already. */
  isIndexed(owner: number): boolean {
    return owner > 0 ? owner <= this.watermark.span : -owner <= this.watermark.trace;
  }

  hasBacklog(): boolean {
    return (
      (this.stmt.maxSpan.get() as number) > this.watermark.span ||
      (this.stmt.maxTrace.get() as number) > this.watermark.trace ||
      this.stmt.anyPending.get() !== undefined
    );
  }

  /** Indexes in chunks until nothing is left, `maxItems` are done, or `budgetMs` has passed. */
  run(options: { maxItems?: number; budgetMs?: number; chunk?: number } = {}): {
    indexed: number;
    more: boolean;
  } {
    const deadline = performance.now() + (options.budgetMs ?? Infinity);
    const maxItems = options.maxItems ?? Infinity;
    const chunk = options.chunk ?? 200;
    let indexed = 0;
    while (indexed < maxItems && performance.now() < deadline) {
      const n = this.indexChunk(Math.min(chunk, maxItems - indexed));
      indexed += n;
      if (n === 0) return { indexed, more: false };
    }
    return { indexed, more: this.hasBacklog() };
  }

  private chunk(limit: number): number {
    let done = 0;
    for (const kind of ['span', 'trace'] as const) {
      if (done >= limit) break;
      const stmt = kind === 'span' ? this.stmt.newSpans : this.stmt.newTraces;
      const rows = stmt.all(this.watermark[kind], limit - done) as Texts[];
      if (!rows.length) continue;
      for (const row of rows) this.write(kind, row, ALL_FIELDS);
      this.blocks.indexed(kind, this.watermark[kind], rows[rows.length - 1]!.id);
      this.watermark[kind] = rows[rows.length - 1]!.id;
      this.stmt.setState.run(this.watermark[kind], `${kind}_watermark`);
      done += rows.length;
    }
    if (done >= limit) return done;
    const pending = this.stmt.takePending.all(limit - done) as { owner: number; fields: number }[];
    if (pending.length < limit - done) this.pendingClearedAtMs = performance.now();
    for (const { owner, fields } of pending) {
      const kind: Kind = owner > 0 ? 'span' : 'trace';
      const row = (kind === 'span' ? this.stmt.span : this.stmt.trace).get(Math.abs(owner)) as
        | Texts
        | undefined;
      if (row) this.write(kind, row, fields);
      this.stmt.donePending.run(owner);
    }
    return done + pending.length;
  }

  private write(kind: Kind, row: Texts, fields: number): void {
    const insert = this.stmt.fts[kind];
    const base = row.id * 4;
    if (fields & FIELD_NAME && row.name !== null) insert.run(base, row.name);
    if (fields & FIELD_INPUT && row.input !== null) insert.run(base + 1, searchText(row.input));
    if (fields & FIELD_OUTPUT && row.output !== null) insert.run(base + 2, searchText(row.output));
    if (fields & FIELD_ERROR && row.error !== null) insert.run(base + 3, row.error);
  }
}
