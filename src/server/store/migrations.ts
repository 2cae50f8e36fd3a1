// Versioned schema. `PRAGMA user_version` holds the number of steps applied; opening a database
// runs the steps it lacks, each in its own transaction. Append new steps; never edit a shipped one
// (a database made by an older build has run the old text and must upgrade from it).
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  description: string;
  up(db: Database.Database): void;
}

// Conventions of the schema:
// - Times are integer epoch microseconds (`*_us`); the API divides by 1000 on the way out.
// - Traces and spans have integer primary keys (`id`) that other tables reference, so the big
//   per-span indexes hold integers, not 32-character ids.
// - spans.parent_span_id is tri-state: NULL = not known yet (an end event arrived first),
//   '' = known to be a root, otherwise the parent's span id. The parent is plain data: an orphan
//   is kept as is and the UI attaches it once the parent arrives; nothing walks the tree here.
// - Trace aggregates live on the traces row and are kept current at ingest by deltas
//   (store/aggregates.ts); no query ever groups over spans.
// - Payloads (input, output, attributes, links) live in their own tables so that listing traces
//   and loading a trace's skeleton never read them.
const v1: Migration = {
  version: 1,
  description: 'traces, spans, payloads, events, tag and model lookups',
  up(db) {
    db.exec(`
      CREATE TABLE traces (
        id INTEGER PRIMARY KEY,
        trace_id TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL DEFAULT '',
        explicit_name TEXT,
        service TEXT,
        status TEXT NOT NULL DEFAULT 'running',
        explicit_status TEXT,
        ended INTEGER NOT NULL DEFAULT 0,
        start_us INTEGER,
        end_us INTEGER,
        own_start_us INTEGER,
        own_end_us INTEGER,
        sort_us INTEGER NOT NULL,
        span_count INTEGER NOT NULL DEFAULT 0,
        error_count INTEGER NOT NULL DEFAULT 0,
        open_count INTEGER NOT NULL DEFAULT 0,
        prompt_tokens INTEGER NOT NULL DEFAULT 0,
        completion_tokens INTEGER NOT NULL DEFAULT 0,
        total_tokens INTEGER NOT NULL DEFAULT 0,
        cost_usd REAL NOT NULL DEFAULT 0,
        models TEXT NOT NULL DEFAULT '[]',
        tags TEXT NOT NULL DEFAULT '[]',
        session_id TEXT,
        user_id TEXT,
        error_json TEXT,
        updated_us INTEGER NOT NULL
      );
      CREATE INDEX traces_by_sort ON traces(sort_us DESC, id DESC);

      CREATE TABLE trace_payloads (
        trace_pk INTEGER PRIMARY KEY REFERENCES traces(id),
        input TEXT,
        output TEXT,
        metadata TEXT
      );

      CREATE TABLE trace_tags (
        tag TEXT NOT NULL,
        trace_pk INTEGER NOT NULL,
        PRIMARY KEY (tag, trace_pk)
      ) WITHOUT ROWID;

      CREATE TABLE trace_models (
        model TEXT NOT NULL,
        trace_pk INTEGER NOT NULL,
        PRIMARY KEY (model, trace_pk)
      ) WITHOUT ROWID;

      CREATE TABLE spans (
        id INTEGER PRIMARY KEY,
        trace_pk INTEGER NOT NULL,
        span_id TEXT NOT NULL,
        parent_span_id TEXT,
        name TEXT,
        type TEXT,
        step_order INTEGER,
        start_us INTEGER,
        end_us INTEGER,
        status TEXT,
        model TEXT,
        provider TEXT,
        prompt_tokens INTEGER,
        completion_tokens INTEGER,
        total_tokens INTEGER,
        cost_usd REAL,
        cost_source TEXT,
        ttft_ms REAL,
        error_json TEXT,
        destructive INTEGER,
        kind TEXT,
        input_preview TEXT,
        output_preview TEXT,
        input_bytes INTEGER NOT NULL DEFAULT 0,
        output_bytes INTEGER NOT NULL DEFAULT 0
      );
      CREATE UNIQUE INDEX spans_by_trace ON spans(trace_pk, span_id);
      -- Only known roots are indexed, so finding a trace's root costs one small lookup.
      CREATE INDEX spans_roots ON spans(trace_pk, start_us) WHERE parent_span_id = '';

      CREATE TABLE span_payloads (
        span_pk INTEGER PRIMARY KEY,
        input TEXT,
        output TEXT,
        attributes TEXT,
        links TEXT
      );

      -- owner > 0: a span's id; owner < 0: minus a trace's id (events on the trace itself).
      CREATE TABLE events (
        owner INTEGER NOT NULL,
        time_us INTEGER NOT NULL,
        name TEXT NOT NULL,
        attributes TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (owner, time_us, name)
      ) WITHOUT ROWID;
    `);
  },
};

// Full-text search for the trace list's `q`. Contentless (the text already lives in the payload
// tables, so it is not stored twice) with contentless_delete so a row can be replaced when a span
// is merged. One FTS row per (span, field): rowid = span id * 4 + field (0 name, 1 input, 2 output,
// 3 error message), so a span's start (name,
// input) and end (output) are each indexed once, without re-reading what an earlier event stored.
// Trace names and the trace's own input/output get the same treatment in trace_fts.
const v2: Migration = {
  version: 2,
  description: 'full-text search over span and trace names and payloads',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE span_fts USING fts5(text, content='', contentless_delete=1);
      CREATE VIRTUAL TABLE trace_fts USING fts5(text, content='', contentless_delete=1);
      INSERT INTO span_fts(rowid, text) SELECT id * 4, name FROM spans WHERE name IS NOT NULL;
      INSERT INTO span_fts(rowid, text) SELECT span_pk * 4 + 1, substr(input, 1, 65536) FROM span_payloads WHERE input IS NOT NULL;
      INSERT INTO span_fts(rowid, text) SELECT span_pk * 4 + 2, substr(output, 1, 65536) FROM span_payloads WHERE output IS NOT NULL;
      INSERT INTO span_fts(rowid, text) SELECT id * 4 + 3, error_json ->> '$.message' FROM spans WHERE error_json IS NOT NULL;
      INSERT INTO trace_fts(rowid, text) SELECT id * 4, name FROM traces;
      INSERT INTO trace_fts(rowid, text) SELECT trace_pk * 4 + 1, substr(input, 1, 65536) FROM trace_payloads WHERE input IS NOT NULL;
      INSERT INTO trace_fts(rowid, text) SELECT trace_pk * 4 + 2, substr(output, 1, 65536) FROM trace_payloads WHERE output IS NOT NULL;
    `);
  },
};

// Full-text indexing moved off the ingest transaction: indexing ~1 KB of payload costs several
// times more than storing it (bench/ingest.bench.ts). store/searchIndex.ts indexes when the writer
// is idle and before any search: rows past a watermark (ids only grow) are new and indexed whole;
// a change to a row below it is marked in search_pending (a bitmask of fields per owner: span
// id > 0, minus trace id < 0), so the ingest transaction writes nothing for a new span's search.
const v3: Migration = {
  version: 3,
  description: 'deferred full-text indexing: watermarks and a queue of changed fields',
  up(db) {
    db.exec(`
      CREATE TABLE search_pending (owner INTEGER PRIMARY KEY, fields INTEGER NOT NULL);
      CREATE TABLE search_state (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
      INSERT INTO search_state (key, value) VALUES
        ('span_watermark', (SELECT coalesce(max(id), 0) FROM spans)),
        ('trace_watermark', (SELECT coalesce(max(id), 0) FROM traces));
    `);
  },
};

// Traces whose end never comes (store/idleSweep.ts): the sweep finds running traces that have been
// quiet too long through two partial indexes, which hold only running traces, so a sweep reads
// just what it may finalise. Cache tokens (OTLP `spyglass.usage.cache_*_tokens`) get columns so a
// re-estimated cost keeps the cache-read discount whichever later patch triggers the estimate.
const v4: Migration = {
  version: 4,
  description: 'finalising idle traces; cache-token columns for cost estimates',
  up(db) {
    db.exec(`
      CREATE INDEX traces_idle ON traces(updated_us)
        WHERE status = 'running' AND open_count = 0 AND own_start_us IS NULL;
      CREATE INDEX traces_running ON traces(updated_us) WHERE status = 'running';
      ALTER TABLE spans ADD COLUMN cache_read_tokens INTEGER;
      ALTER TABLE spans ADD COLUMN cache_write_tokens INTEGER;
    `);
  },
};

// Trace names match substrings through their distinct values (store/traceValues.ts), read one
// B-tree seek per value, and a rare name drives the list query: both need names indexed.
const v5: Migration = {
  version: 5,
  description: 'trace names indexed, for the list filter',
  up(db) {
    db.exec('CREATE INDEX traces_by_name ON traces(name)');
  },
};

// What the SDK had to drop from a trace when its send buffer overflowed (SDK event `trace.drops`):
// kept on the trace so the UI can say so instead of showing a silently incomplete run.
const v6: Migration = {
  version: 6,
  description: 'spans and events the SDK dropped, per trace',
  up(db) {
    db.exec(`
      ALTER TABLE traces ADD COLUMN sdk_dropped_spans INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE traces ADD COLUMN sdk_dropped_events INTEGER NOT NULL DEFAULT 0;
    `);
  },
};

// Sessions group the traces of one conversation (`GET /api/traces?session=`), and a user's runs
// are listed the same way (`?user=`): partial indexes, since most traces carry neither.
const v7: Migration = {
  version: 7,
  description: 'session and user lookups for the trace list',
  up(db) {
    db.exec(`
      CREATE INDEX traces_by_session ON traces(session_id, sort_us DESC, id DESC)
        WHERE session_id IS NOT NULL;
      CREATE INDEX traces_by_user ON traces(user_id, sort_us DESC, id DESC) WHERE user_id IS NOT NULL;
    `);
  },
};

// Forks (src/server/forks/forkStore.ts): the edited output a rerun starts from. Builds before this
// step made the table on first use, so a database may have it already: IF NOT EXISTS, same columns.
const v8: Migration = {
  version: 8,
  description: 'forks: the edited step outputs reruns start from',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS forks (
        fork_id TEXT PRIMARY KEY,
        trace_id TEXT NOT NULL,
        span_id TEXT NOT NULL,
        output TEXT NOT NULL,
        created_us INTEGER NOT NULL
      )`);
  },
};

// Full-text search (store/searchList.ts) reads a word's doclist newest-first and needs each hit's
// trace: through the spans table that is a lookup in a wide row (payload previews) per hit, which
// a 16 MiB cache misses (2,606 hits: 15 ms); this narrow index answers it from a few cached pages
// (1.1 ms). Rows are appended in id order, so ingest adds to its right edge only.
const v9: Migration = {
  version: 9,
  description: 'the trace of each span row, for full-text search',
  up(db) {
    db.exec('CREATE INDEX spans_trace_of ON spans(id, trace_pk)');
  },
};

// Full-text search reads doclists in list order with early stop (store/searchBlocks.ts): blocks of
// 256 span (or trace) ids, each with an upper bound on the sort key of the traces it holds rows
// of, read highest bound first (the index). Built here for every stored row; the indexer and the
// writer keep them from then on. The shift (8) is searchBlocks.ts BLOCK_SHIFT's.
const v10: Migration = {
  version: 10,
  description: 'sort-key bounds per block of span and trace ids, for full-text search',
  up(db) {
    db.exec(`
      CREATE TABLE span_fts_blocks (block INTEGER PRIMARY KEY, top_us INTEGER NOT NULL);
      CREATE INDEX span_fts_blocks_by_top ON span_fts_blocks(top_us);
      CREATE TABLE trace_fts_blocks (block INTEGER PRIMARY KEY, top_us INTEGER NOT NULL);
      CREATE INDEX trace_fts_blocks_by_top ON trace_fts_blocks(top_us);
      INSERT INTO span_fts_blocks (block, top_us)
        SELECT s.id >> 8, max(t.sort_us) FROM spans s JOIN traces t ON t.id = s.trace_pk GROUP BY s.id >> 8;
      INSERT INTO trace_fts_blocks (block, top_us) SELECT id >> 8, max(sort_us) FROM traces GROUP BY id >> 8;
    `);
  },
};

// A trace's spans in the answers' order (spanJson.ts SPAN_ORDER: start time, those without one
// last, then id). Through spans_by_trace (trace_pk, span_id) SQLite fetched the rows in span-id
// order, which is random, then sorted them. Walking this index, the rows come in order and in
// about the order they were written (ids rise with time). At 100,000 spans, on a loaded 2-core
// machine: one column's walk 590-1,400 ms → 65-110 ms; the whole columnar skeleton 1.7-2.4 s →
// 0.8-1.3 s. Rows are mostly appended at their trace's right edge of the index.
const v11: Migration = {
  version: 11,
  description: "each trace's spans in start order, for the skeleton and default answers",
  up(db) {
    db.exec('CREATE INDEX spans_in_order ON spans(trace_pk, start_us IS NULL, start_us)');
  },
};

// The full-text index keeps only which rows hold a term (detail=none), not where in them. Every
// search is words matched as prefixes, all of which must occur (queries.ts ftsQuery): positions
// were never read. With realistic 2-20 KB payloads they were most of the index: 5.9 KB a span of
// 12.6 KB of payload, now 1.5 KB; indexing costs 157 µs a span instead of 220 (bench/ingest.bench.ts).
// The tables are made again empty and the watermarks go back to 0: the deferred indexer
// (searchIndex.ts) re-indexes every stored row in idle time, and until it has, a search reports the
// lag (lagMs) instead of blocking start-up for minutes on a large store.
const v12: Migration = {
  version: 12,
  description: 'full-text index without positions (detail=none), rebuilt by the deferred indexer',
  up(db) {
    db.exec(`
      DROP TABLE span_fts;
      DROP TABLE trace_fts;
      CREATE VIRTUAL TABLE span_fts USING fts5(text, content='', contentless_delete=1, detail=none);
      CREATE VIRTUAL TABLE trace_fts USING fts5(text, content='', contentless_delete=1, detail=none);
      DELETE FROM search_pending;
      UPDATE search_state SET value = 0 WHERE key IN ('span_watermark', 'trace_watermark');
    `);
  },
};

// The trace list filtered by status, newest first (queries.ts): walked in order and stopped at the
// page, and counted as one range. Through traces_by_sort every trace was tested, and the count read
// the whole table: status=error took 12 ms at 100,000 traces, against 0.3 ms for the newest page.
const v13: Migration = {
  version: 13,
  description: 'the trace list by status, newest first',
  up(db) {
    db.exec('CREATE INDEX traces_by_status ON traces(status, sort_us DESC, id DESC)');
  },
};

// The name filter matches substrings. Where names are few it becomes an IN list of the matching
// names (traceValues.ts); where they are ids ("run 4242" among 100,000 distinct names) every trace's
// name was tested, 50 ms for 11 matches. Trace names' trigrams are indexed (FTS5 trigram, whose
// phrases match substrings), kept by triggers wherever a name is written or changes, so a rare
// substring finds its few traces at once (queries.ts). Names are short: ~30 B a trace on disk.
const v14: Migration = {
  version: 14,
  description: 'trigram index of trace names, for the name filter',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE trace_name_grams USING fts5(name, tokenize='trigram', content='', contentless_delete=1);
      INSERT INTO trace_name_grams (rowid, name) SELECT id, name FROM traces WHERE name <> '';
      CREATE TRIGGER trace_name_grams_added AFTER INSERT ON traces WHEN new.name <> '' BEGIN
        INSERT INTO trace_name_grams (rowid, name) VALUES (new.id, new.name);
      END;
      CREATE TRIGGER trace_name_grams_renamed AFTER UPDATE OF name ON traces WHEN old.name IS NOT new.name BEGIN
        DELETE FROM trace_name_grams WHERE rowid = new.id;
        INSERT INTO trace_name_grams (rowid, name) SELECT new.id, new.name WHERE new.name <> '';
      END;
    `);
  },
};

// The full-text index moves to a file of its own (searchFile.ts), written on a thread of its own
// (searchThread.ts) so that indexing no longer takes the ingest thread's time. The tables here are
// dropped and the new file is filled by the indexer from scratch, as after v12; search_state keeps
// the id that ties a search file to this store.
const v15: Migration = {
  version: 15,
  description: 'the full-text index in a file of its own',
  up(db) {
    db.exec(`
      DROP TABLE span_fts;
      DROP TABLE trace_fts;
      DELETE FROM search_pending;
      DELETE FROM search_state;
      INSERT INTO search_state (key, value) VALUES ('index_id', abs(random()));
    `);
  },
};

export const MIGRATIONS: readonly Migration[] = [
  v1,
  v2,
  v3,
  v4,
  v5,
  v6,
  v7,
  v8,
  v9,
  v10,
  v11,
  v12,
  v13,
  v14,
  v15,
];
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Brings `db` up to SCHEMA_VERSION. Refuses a database made by a newer build. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const target = migrations.length;
  if (current > target) {
    throw new Error(
      `This database has schema version ${current}, newer than this build understands (${target}). ` +
        'Update Spyglass, or open a different file with --db.',
    );
  }
  for (const step of migrations.slice(current)) {
    db.transaction(() => {
      step.up(db);
      db.pragma(`user_version = ${step.version}`);
    })();
  }
  return target;
}
