// Opening the database file: connection settings, then schema migrations.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { rebuildAttributesJson } from '../ingest/payloadAttributes.ts';
import { migrate } from './migrations.ts';

/**
 * Settings measured in shared/reference/performance-notes.md:
 * - page_size 16 KiB: a ~2.5 KB span row wastes most of a 4 KiB page (1.85× writes). It only takes
 *   effect on an empty file, so it is set before the first table is created (and before WAL,
 *   which freezes the page size).
 * - wal_autocheckpoint 4096 pages (64 MiB): checkpoints stop dominating (16384 pages measured
 *   2.85× with a 64 MiB cache, but let the WAL reach 256 MB; most of the gain is already there
 *   at 4096). journal_size_limit truncates the WAL back to 64 MiB after a checkpoint, so a burst
 *   does not leave a large file behind on a nearly full disk.
 * - cache_size 16 MiB, not 64: the memory SQLite's page cache once used stays in the process
 *   (glibc keeps the freed pages; shrink_memory frees them to it, not to the system), and 64 MiB
 *   kept the collector 30 MB above its idle size after any heavy load (bench/memory.bench.ts:
 *   1.24× its baseline 30 s after an import at 64 MiB, 1.10× at 16 MiB). Interior B-tree pages of
 *   a few-GB database still fit.
 * - synchronous = NORMAL in WAL mode: each commit is written to the WAL before the ingest is
 *   answered, but not fsynced. A crash of the collector process (kill -9) loses nothing that was
 *   acknowledged, because the written pages are in the OS's page cache; only a power loss or OS
 *   crash can drop the last few commits, and even then the database stays consistent. For a local
 *   developer tool that trade is right: FULL costs up to ~20% of ingest with 100-span batches.
 */
/**
 * 64 MiB of 16 KiB pages (see below); a bulk write turns it off for a while (Store.beginBulk), and
 * a store with a search thread turns it off for good: the thread checkpoints (searchIndex.ts).
 */
export const WAL_AUTOCHECKPOINT_PAGES = 4096;
/** The page cache, 16 MiB (negative: KiB, as PRAGMA cache_size takes it; see below). */
export const CACHE_KIB = -16384;

export function openDatabase(path: string, options: { readonly?: boolean } = {}): Database.Database {
  if (path !== ':memory:' && !options.readonly) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { readonly: options.readonly ?? false });
  if (!options.readonly) {
    db.pragma('page_size = 16384');
    db.pragma('journal_mode = WAL');
  }
  db.pragma('synchronous = NORMAL');
  db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
  db.pragma(`cache_size = ${CACHE_KIB}`);
  db.pragma('temp_store = MEMORY');
  db.pragma('busy_timeout = 5000');
  // Span attributes stored once (ingest/payloadAttributes.ts) are rebuilt on read, in spanJson.ts.
  db.function('spyglass_attributes', { deterministic: true }, (attributes, input, output) =>
    rebuildAttributesJson(attributes as string, input as string | null, output as string | null),
  );
  if (!options.readonly) migrate(db);
  return db;
}
