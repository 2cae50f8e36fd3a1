// Write-time bounds that let full-text search read doclists in list order (store/searchList.ts).
// FTS rowids follow span (and trace) row ids, which are not in list order: an import stores old
// traces last, a future-dated trace may be stored first, a long trace's spans come among later
// traces'. So ids are grouped in blocks of 2^BLOCK_SHIFT, and each block keeps `top_us`, an upper
// bound on the sort key (traces.sort_us) of every trace with a row in it. A search reads blocks in
// order of that bound: once every block whose bound is at least S has been read, every match of
// every trace that sorts above S is known, so the newest page can be answered without reading on.
//
// The bound may be high (a trace's sort key that later fell), never low: it is raised when the
// indexer writes a block's FTS rows (the traces' keys then), and when a trace's key rises later
// (BatchWriter: every block holding one of its rows).
import type Database from 'better-sqlite3';

/** Rows per block: 256 spans (or traces). Migration v10 built the first blocks with this shift. */
export const BLOCK_SHIFT = 8;
/** FTS rowids per block: four per row (rowid = id * 4 + field, migrations.ts v2). */
export const BLOCK_ROWIDS = 4 << BLOCK_SHIFT;

const RAISE = 'ON CONFLICT (block) DO UPDATE SET top_us = max(top_us, excluded.top_us)';

export class SearchBlocks {
  private readonly stmt;

  constructor(db: Database.Database) {
    this.stmt = {
      indexedSpans: db.prepare(
        `INSERT INTO span_fts_blocks (block, top_us)
         SELECT s.id >> ${BLOCK_SHIFT}, max(t.sort_us) FROM spans s JOIN traces t ON t.id = s.trace_pk
         WHERE s.id > ? AND s.id <= ? GROUP BY s.id >> ${BLOCK_SHIFT} ${RAISE}`,
      ),
      indexedTraces: db.prepare(
        `INSERT INTO trace_fts_blocks (block, top_us)
         SELECT id >> ${BLOCK_SHIFT}, max(sort_us) FROM traces
         WHERE id > ? AND id <= ? GROUP BY id >> ${BLOCK_SHIFT} ${RAISE}`,
      ),
      raiseSpans: db.prepare(
        `INSERT INTO span_fts_blocks (block, top_us)
         SELECT DISTINCT id >> ${BLOCK_SHIFT}, @sortUs FROM spans WHERE trace_pk = @pk AND true ${RAISE}`,
      ),
      raiseTrace: db.prepare(
        `INSERT INTO trace_fts_blocks (block, top_us) VALUES (@pk >> ${BLOCK_SHIFT}, @sortUs) ${RAISE}`,
      ),
    };
  }

  /** The indexer wrote the FTS rows of spans `from` < id ≤ `to` (or of traces): their blocks' bounds. */
  indexed(kind: 'span' | 'trace', from: number, to: number): void {
    (kind === 'span' ? this.stmt.indexedSpans : this.stmt.indexedTraces).run(from, to);
  }

  /**
   * A stored trace's sort key rose (its start became known, later than when it was first seen):
   * every block holding one of its rows may now bound too low. Rare, and one index range per trace.
   */
  sortRaised(pk: number, sortUs: number): void {
    this.stmt.raiseSpans.run({ pk, sortUs });
    this.stmt.raiseTrace.run({ pk, sortUs });
  }
}
