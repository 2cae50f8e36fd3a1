// The full-text index lives in a database file of its own beside the store (`<db>-search`),
// attached to every connection as the schema `search`. With realistic 2-20 KB payloads, indexing a
// span costs more than storing it (bench/ingest.bench.ts), and SQLite lets one writer at a time
// into a file: in a file of its own the index is written by a thread of its own
// (searchThread.ts) while the ingest thread goes on committing to the store.
//
// The index is derived data. A missing search file, one made for another store (told apart by an
// id the store keeps in search_state), one made by an earlier version of the indexing (the texts
// it indexed are cut into other words: SEARCH_FORMAT), or one that has indexed rows the store does
// not have, is made again empty and the indexer re-indexes every row. The last is a store rolled
// back under its index: an older copy put back in its place, or commits a power cut took back
// (WAL, synchronous = NORMAL) after the search file had committed their rows. Row ids are not
// AUTOINCREMENT, so new rows would take the ids the index has passed: never indexed, and found by
// the old rows' words.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export const SEARCH_SCHEMA = 'search';

/**
 * How the indexed texts are made (searchJob.ts), kept in the search file: a file of another
 * format is made again. 2: JSON escapes are undone before indexing (a word after a line break was
 * indexed with the escape's letter in front of it). 3: Chinese and Japanese are indexed as pairs of
 * characters (cjkPairs.ts), and a string payload that is not JSON text keeps its backslashes.
 */
const SEARCH_FORMAT = 3;

/** Where a store's full-text index is kept; an in-memory store keeps it in memory too. */
export function searchFilePath(storePath: string): string {
  return storePath === ':memory:' ? ':memory:' : `${storePath}-search`;
}

const TABLES = `
  CREATE VIRTUAL TABLE IF NOT EXISTS search.span_fts USING fts5(text, content='', contentless_delete=1, detail=none);
  CREATE VIRTUAL TABLE IF NOT EXISTS search.trace_fts USING fts5(text, content='', contentless_delete=1, detail=none);
  CREATE TABLE IF NOT EXISTS search.search_progress (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
`;

/** Attaches the index as `search` (the schema must exist: see openSearchFile). */
export function attachSearchFile(db: Database.Database, storePath: string): void {
  db.prepare(`ATTACH DATABASE ? AS ${SEARCH_SCHEMA}`).run(searchFilePath(storePath));
  db.pragma(`${SEARCH_SCHEMA}.synchronous = NORMAL`);
  db.pragma(`${SEARCH_SCHEMA}.cache_size = -4096`);
}

/**
 * Attaches the store's index to its own connection, making it (again) when it is missing or belongs
 * to another store. Returns the indexer's watermarks: every row up to them is indexed.
 */
export function openSearchFile(db: Database.Database, storePath: string): { span: number; trace: number } {
  const storeId = db.prepare(`SELECT value FROM main.search_state WHERE key = 'index_id'`).pluck().get();
  attachSearchFile(db, storePath);
  if (
    progressOf(db, 'index_id') !== storeId ||
    (progressOf(db, 'format') ?? 1) !== SEARCH_FORMAT ||
    indexedPastStore(db)
  ) {
    db.exec(`DETACH DATABASE ${SEARCH_SCHEMA}`);
    const path = searchFilePath(storePath);
    if (path !== ':memory:')
      for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    attachSearchFile(db, storePath);
    // As the store's (db.ts): FTS5 leaves of ~4 KB would each take a 4 KiB page plus an overflow
    // page, twice the index's size on disk. Set before the first table, and before WAL.
    db.pragma(`${SEARCH_SCHEMA}.page_size = 16384`);
    db.pragma(`${SEARCH_SCHEMA}.journal_mode = WAL`);
    db.exec(TABLES);
    db.prepare(
      `INSERT INTO search.search_progress (key, value)
       VALUES ('index_id', ?), ('format', ?), ('span_watermark', 0), ('trace_watermark', 0)`,
    ).run(storeId, SEARCH_FORMAT);
  }
  mergeLess(db);
  return { span: progressOf(db, 'span_watermark') ?? 0, trace: progressOf(db, 'trace_watermark') ?? 0 };
}

/**
 * Segments FTS5 lets gather on one level of an index before it merges them into one on the next
 * (its `automerge` option; SQLite's default is 4). Each merge rewrites the doclists it merges, so
 * the more often it merges, the more often each row is written again: with realistic 2-20 KB
 * payloads, merging was close to 40% of the indexing cost at the default. At 16 the indexer
 * indexes about 20% more rows a second (bench/ingest.bench.ts, "deferred full-text indexer" and
 * "bare loop with full-text rows", three runs each), and the gap grows with the index. The price is
 * more segments for a search to read, at most 15 a level: FTS5's own newest 50 for a rare word
 * took 0.17 ms instead of 0.16 (bench/query.bench.ts).
 */
const AUTOMERGE_SEGMENTS = 16;

/** Sets AUTOMERGE_SEGMENTS on both tables, also in a search file made before it was chosen. */
function mergeLess(db: Database.Database): void {
  for (const table of ['span_fts', 'trace_fts']) {
    const current = db.prepare(`SELECT v FROM search.${table}_config WHERE k = 'automerge'`).pluck().get();
    // The option is written as a literal: FTS5 refuses it as a bound parameter.
    if (current !== AUTOMERGE_SEGMENTS)
      db.exec(`INSERT INTO search.${table} (${table}, rank) VALUES ('automerge', ${AUTOMERGE_SEGMENTS})`);
  }
}

/** The index's watermarks are past the store's newest rows (see the top of this file). */
function indexedPastStore(db: Database.Database): boolean {
  const newest = (table: 'spans' | 'traces') =>
    db.prepare(`SELECT coalesce(max(id), 0) FROM main.${table}`).pluck().get() as number;
  return (
    (progressOf(db, 'span_watermark') ?? 0) > newest('spans') ||
    (progressOf(db, 'trace_watermark') ?? 0) > newest('traces')
  );
}

function progressOf(db: Database.Database, key: string): number | undefined {
  const table = db.prepare(`SELECT 1 FROM search.sqlite_schema WHERE name = 'search_progress'`).pluck().get();
  if (!table) return undefined;
  return db.prepare('SELECT value FROM search.search_progress WHERE key = ?').pluck().get(key) as
    | number
    | undefined;
}

/**
 * Attaches the store's index to a read-only connection (the CLI reading a database file while no
 * collector runs). A store whose index is missing, made for another store or past its rows, gets
 * an empty one from a temporary folder, so a search finds nothing rather than failing (or finding
 * rows by another row's words); returns its remover.
 */
export function attachSearchFileReadOnly(db: Database.Database, storePath: string): () => void {
  const storeId = db.prepare(`SELECT value FROM main.search_state WHERE key = 'index_id'`).pluck().get();
  const path = searchFilePath(storePath);
  if (existsSync(path)) {
    attachSearchFile(db, storePath);
    if (progressOf(db, 'index_id') === storeId && !indexedPastStore(db)) return () => {};
    db.exec(`DETACH DATABASE ${SEARCH_SCHEMA}`);
  }
  const folder = mkdtempSync(join(tmpdir(), 'spyglass-search-'));
  const empty = new Database(join(folder, 'empty-search'));
  empty.exec(TABLES.replaceAll('search.', ''));
  empty.close();
  db.prepare(`ATTACH DATABASE ? AS ${SEARCH_SCHEMA}`).run(join(folder, 'empty-search'));
  return () => rmSync(folder, { recursive: true, force: true });
}
