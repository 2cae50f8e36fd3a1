// Schema upgrades: a database made by an older build (here: only migration step 1, written by
// hand the way that build wrote it) is brought up to date, keeping and indexing what it held.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION, migrate } from '../../src/server/store/migrations.ts';
import { Store } from '../../src/server/store/index.ts';
import { makeTempDir, type TempDir } from '../helpers/tmp.ts';

let dir: TempDir | null = null;
afterEach(() => {
  dir?.remove();
  dir = null;
});

function makeV1Database(path: string): void {
  const db = new Database(path);
  db.pragma('page_size = 16384');
  db.pragma('journal_mode = WAL');
  migrate(db, MIGRATIONS.slice(0, 1));
  const now = Date.UTC(2026, 0, 1) * 1000;
  const trace = db
    .prepare(
      `INSERT INTO traces (trace_id, name, explicit_name, status, sort_us, start_us, end_us, span_count, updated_us)
              VALUES (?, 'old run', 'old run', 'success', ?, ?, ?, 1, ?)`,
    )
    .run('a'.repeat(32), now, now, now + 1000, now);
  const span = db
    .prepare(
      `INSERT INTO spans (trace_pk, span_id, parent_span_id, name, type, start_us, end_us, status)
              VALUES (?, ?, '', 'legacy step', 'tool', ?, ?, 'success')`,
    )
    .run(trace.lastInsertRowid, 'b'.repeat(16), now, now + 1000);
  db.prepare(`INSERT INTO span_payloads (span_pk, input, output) VALUES (?, ?, ?)`).run(
    span.lastInsertRowid,
    JSON.stringify('a quokka appeared'),
    JSON.stringify({ answer: 'marmot' }),
  );
  expect(db.pragma('user_version', { simple: true })).toBe(1);
  db.close();
}

describe('migrations', () => {
  it('numbers its steps 1..n', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('upgrades a version-1 database to the current schema, keeping and indexing its data', async () => {
    dir = makeTempDir();
    const path = dir.file('old.db');
    makeV1Database(path);
    const store = new Store(path);
    try {
      expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(SCHEMA_VERSION).toBeGreaterThan(1);
      const { traces } = store.listTraces();
      expect(traces.map((t) => t.name)).toEqual(['old run']);
      // The FTS index added by step 2 covers rows written before it existed.
      await store.catchUpSearch();
      expect(store.listTraces({ q: 'quokka' }).traces).toHaveLength(1);
      expect(store.listTraces({ q: 'marmot' }).traces).toHaveLength(1);
      expect(store.listTraces({ q: 'legacy' }).traces).toHaveLength(1);
      expect(store.listTraces({ q: 'old' }).traces).toHaveLength(1);
      expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      store.close();
    }
  });

  it('moves the full-text index (version 14) into a file of its own, keeping every row searchable', async () => {
    dir = makeTempDir();
    const path = dir.file('v14.db');
    makeV1Database(path);
    const old = new Database(path);
    migrate(old, MIGRATIONS.slice(0, 14));
    const hasFts = (db: Database.Database, schema: string) =>
      db.prepare(`SELECT 1 FROM ${schema}.sqlite_master WHERE name = 'span_fts'`).get() !== undefined;
    expect(hasFts(old, 'main')).toBe(true);
    old.close();
    const store = new Store(path);
    try {
      expect(hasFts(store.db, 'main')).toBe(false);
      expect(hasFts(store.db, 'search')).toBe(true);
      expect(existsSync(`${path}-search`)).toBe(true);
      await store.catchUpSearch();
      for (const q of ['quokka', 'marmot', 'legacy', 'old'])
        expect(store.listTraces({ q }).traces).toHaveLength(1);
      expect(store.listTraces({ q: 'quokka' }).searchLagMs ?? 0).toBe(0);
    } finally {
      store.close();
    }
  });

  it('makes the forks table in a numbered step, also over a database that made it on first use', () => {
    dir = makeTempDir();
    const hasForks = (db: Database.Database) =>
      db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'forks'`).get() !== undefined;
    const fresh = new Store(dir.file('fresh.db'));
    try {
      expect(hasForks(fresh.db)).toBe(true);
    } finally {
      fresh.close();
    }
    // A version-4 database from a build that created the table lazily, holding a fork.
    const path = dir.file('v4.db');
    const old = new Database(path);
    migrate(old, MIGRATIONS.slice(0, 4));
    old.exec(
      `CREATE TABLE IF NOT EXISTS forks (fork_id TEXT PRIMARY KEY, trace_id TEXT NOT NULL, span_id TEXT NOT NULL, output TEXT NOT NULL, created_us INTEGER NOT NULL)`,
    );
    old.prepare(`INSERT INTO forks VALUES ('f1', ?, ?, '"edited"', 1)`).run('a'.repeat(32), 'b'.repeat(16));
    old.close();
    const upgraded = new Store(path);
    try {
      expect(upgraded.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(upgraded.db.prepare('SELECT fork_id FROM forks').all()).toEqual([{ fork_id: 'f1' }]);
    } finally {
      upgraded.close();
    }
  });

  it('opens a current database without running anything again', () => {
    dir = makeTempDir();
    const path = dir.file('current.db');
    new Store(path).close();
    const store = new Store(path);
    expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(store.db.pragma('page_size', { simple: true })).toBe(16384);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    store.close();
  });

  it('refuses a database from a newer build with a clear message', () => {
    dir = makeTempDir();
    const path = dir.file('future.db');
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => new Store(path)).toThrow(/newer than this build/);
  });
});
