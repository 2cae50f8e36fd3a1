// How often the full-text index merges its segments (store/searchFile.ts, AUTOMERGE_SEGMENTS):
// less often than SQLite's default, since merging was ~40% of indexing realistic payloads and the
// indexer sets the pace of sustained ingest. A search file made before keeps working and is set
// the same way when the store opens it.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { NormalizedBatch } from '../../src/server/ingest/model.ts';
import { Store } from '../../src/server/store/index.ts';
import { searchFilePath } from '../../src/server/store/searchFile.ts';
import { spanIdOf, traceIdOf } from '../helpers/server.ts';
import { makeTempDir, type TempDir } from '../helpers/tmp.ts';

let dir: TempDir;
let store: Store | null = null;
afterEach(() => {
  store?.close();
  store = null;
  dir?.remove();
});

const automerge = (db: Database.Database, schema: string) =>
  ['span_fts', 'trace_fts'].map((table) =>
    db.prepare(`SELECT v FROM ${schema}.${table}_config WHERE k = 'automerge'`).pluck().get(),
  );

function batch(trace: number, word: string): NormalizedBatch {
  return {
    traces: [],
    spans: [
      {
        traceId: traceIdOf(trace),
        spanId: spanIdOf(trace),
        name: 'llm call',
        startUs: 1_700_000_000_000_000 + trace,
        endUs: 1_700_000_000_000_100 + trace,
        input: { messages: [{ role: 'user', content: `look up ${word}` }] },
      },
    ],
    rejected: [],
  };
}

describe('full-text index merging', () => {
  it('lets 16 segments gather on a level before merging, in a new search file', () => {
    dir = makeTempDir();
    store = new Store(dir.file('new.db'));
    expect(automerge(store.db, 'search')).toEqual([16, 16]);
  });

  it('sets the same in a search file made with SQLite’s default, and still finds what it holds', async () => {
    dir = makeTempDir();
    const path = dir.file('older.db');
    store = new Store(path);
    store.applyBatches([batch(1, 'zephyrine')]);
    await store.catchUpSearch();
    store.close();
    store = null;
    // As a search file made before the option was set, which merged at FTS5's default of 4.
    const older = new Database(searchFilePath(path));
    for (const table of ['span_fts', 'trace_fts'])
      older.exec(`INSERT INTO ${table} (${table}, rank) VALUES ('automerge', 4)`);
    expect(automerge(older, 'main')).toEqual([4, 4]);
    older.close();

    store = new Store(path);
    expect(automerge(store.db, 'search')).toEqual([16, 16]);
    store.applyBatches([batch(2, 'quillwort')]);
    await store.catchUpSearch();
    const found = (word: string) => store?.listTraces({ q: word }).traces.map((t) => t.traceId);
    expect(found('zephyrine')).toEqual([traceIdOf(1)]);
    expect(found('quillwort')).toEqual([traceIdOf(2)]);
  });
});
