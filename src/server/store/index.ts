// The store: one SQLite file (WAL) holding traces, spans and payloads. Writes go through
// `applyBatches` (one transaction per call); reads answer the query API and the live feed.
import { isDiskFull } from './diskFull.ts';
import type Database from 'better-sqlite3';
import type {
  SessionListQuery,
  SessionListResponse,
  SessionResponse,
  SpanWithPayloads,
  TraceListQuery,
  TraceListResponse,
  TraceSummary,
  Span,
} from '../../shared/types.ts';
import type { NormalizedBatch } from '../ingest/model.ts';
import { AttrKeys } from './attrKeys.ts';
import { checkpointOnThread } from './checkpointThread.ts';
import { CACHE_KIB, WAL_AUTOCHECKPOINT_PAGES, openDatabase } from './db.ts';
import { TraceQueries, traceSummaryOf } from './queries.ts';
import { SessionQueries } from './sessionQueries.ts';
import type { CostEstimator } from './spanMerge.ts';
import { BatchWriter, type ChangeSet } from './writer.ts';
import { SEARCH_CATCH_UP_MS, SearchIndexer } from './searchIndex.ts';
import { SearchThreadClient } from './searchThreadClient.ts';
import { COLUMN_PART_SPANS, TraceColumnQueries } from './traceColumns.ts';
import type { ValueCount, ValueField } from './traceValues.ts';

/** The page cache while a bulk write runs (negative: KiB, as PRAGMA cache_size takes it). */
const BULK_CACHE_KIB = -8192;

export type { ChangeSet } from './writer.ts';
export type { CostEstimator } from './spanMerge.ts';
export { QueryError, DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT } from './queries.ts';
export { MAX_SESSION_LIMIT, MAX_TURN_LIMIT } from './sessionQueries.ts';

export interface StoreOptions {
  /** Estimates a model call's cost when none was reported (src/server/pricing). */
  estimateCost?: CostEstimator | null;
  /**
   * The search thread's entry (searchThreadClient.ts): full-text indexing runs there, beside the
   * writer. Without one (and for an in-memory store) it runs on the store's own thread.
   */
  searchThreadEntry?: URL | null;
  /** Told of failures that no request sees (a search thread's job that failed). */
  log?: (line: string) => void;
}

export class Store {
  readonly db: Database.Database;
  readonly path: string;
  private readonly writer: BatchWriter;
  private readonly queries: TraceQueries;
  private readonly search: SearchIndexer;
  private readonly columns: TraceColumnQueries;
  private checkpointing: Promise<void> = Promise.resolve();
  /** Between beginBulk and endBulk (an import's one long transaction). */
  bulkWriting = false;
  private readonly sessions: SessionQueries;
  private readonly attrKeys: AttrKeys;

  constructor(path: string, options: StoreOptions = {}) {
    this.path = path;
    this.db = openDatabase(path);
    const thread =
      options.searchThreadEntry && path !== ':memory:'
        ? new SearchThreadClient(options.searchThreadEntry, path)
        : null;
    this.search = new SearchIndexer(this.db, path, {
      thread,
      onError: (error) => options.log?.(error.message),
      onThreadLost: () => {
        if (!this.bulkWriting) this.restoreAutocheckpoint();
      },
    });
    // The search thread checkpoints the WAL (searchIndex.ts CHECKPOINT_ONLY_EVERY_MS).
    this.restoreAutocheckpoint();
    this.writer = new BatchWriter(this.db, options.estimateCost ?? null, this.search);
    this.queries = new TraceQueries(this.db);
    this.columns = new TraceColumnQueries(this.db);
    this.sessions = new SessionQueries(this.db);
    this.attrKeys = new AttrKeys(this.db);
  }

  /** Commits every batch in one transaction; returns what changed (for the live feed). */
  applyBatches(batches: readonly NormalizedBatch[]): ChangeSet {
    return this.writer.apply(batches);
  }

  /**
   * Opens a transaction that lasts across event-loop turns: every applyBatches until endBulk joins
   * it (as a savepoint), so a file imported in pieces is still committed whole or not at all. The
   * caller keeps other writers out meanwhile (IngestQueue.exclusive). The automatic checkpoint is
   * off until endBulk's checkpoint, on its own thread, has folded the bulk write into the file.
   */
  beginBulk(): void {
    this.bulkWriting = true;
    this.db.pragma('wal_autocheckpoint = 0');
    // A bulk write fills any cache with dirty pages that spill to the WAL anyway; a small one
    // spills in short stretches, and its memory (which glibc keeps once SQLite has used it, even
    // after shrink_memory) stays small: measured 74 MB of heap kept after a 48 MB import at
    // 64 MiB of cache, 18 MB at 8 MiB, with the same import time.
    this.db.pragma(`cache_size = ${BULK_CACHE_KIB}`);
    this.db.exec('BEGIN IMMEDIATE');
  }

  /** Commits or rolls back the transaction beginBulk opened, then gives its page cache back. */
  endBulk(commit: boolean): void {
    this.bulkWriting = false;
    if (this.db.inTransaction) this.db.exec(commit ? 'COMMIT' : 'ROLLBACK');
    if (commit) this.search.noteBulkCommitted();
    this.releaseMemory();
    this.db.pragma(`cache_size = ${CACHE_KIB}`);
    // The search thread was given nothing while the transaction was open (searchIndex.ts).
    this.search.run({ maxItems: 0 });
    if (this.path === ':memory:' || !commit) {
      this.restoreAutocheckpoint();
      return;
    }
    const restore = () => {
      if (!this.db.inTransaction) this.restoreAutocheckpoint();
    };
    // One checkpoint at a time, each after the last: a second one started while the first still
    // runs would find the checkpointer busy and return at once, and settled() would then stop
    // waiting while the first thread still has the database open (close would leave -wal/-shm).
    this.checkpointing = this.checkpointing.then(() => checkpointOnThread(this.path)).then(restore, restore);
  }

  /** SQLite's automatic checkpoint on this connection: off while the search thread checkpoints. */
  private restoreAutocheckpoint(): void {
    if (!this.db.open) return;
    this.db.pragma(`wal_autocheckpoint = ${this.search.onThread ? 0 : WAL_AUTOCHECKPOINT_PAGES}`);
  }

  /** Resolves when every checkpoint started by endBulk is done (tests, and close). */
  async settled(): Promise<void> {
    await this.checkpointing;
  }

  /** Lets the search thread finish its job and end: before close, which cannot wait for it. */
  stopSearchThread(): Promise<void> {
    return this.search.close();
  }

  /**
   * Frees what SQLite can of its page cache. After bulk work the cache is full of pages nobody
   * will read soon.
   */
  releaseMemory(): void {
    if (this.db.open) this.db.pragma('shrink_memory');
  }

  /**
   * Waits, at most SEARCH_CATCH_UP_MS, for what was committed before a search to be indexed
   * (searchIndex.ts): call before a search, whose answer then says how far behind the index still
   * is, so the UI can tell what it may miss. No lag means nothing to wait for (the common case).
   */
  async catchUpSearch(budgetMs = SEARCH_CATCH_UP_MS): Promise<void> {
    try {
      await this.search.catchUp(budgetMs);
    } catch (error) {
      // Indexing writes; on a full disk the search still runs over what is indexed already.
      if (!isDiskFull(error)) throw error;
    }
  }

  /** The trace list; with `q`, call catchUpSearch first. */
  listTraces(query: TraceListQuery = {}): TraceListResponse {
    if (query.q === undefined || query.q.trim() === '') return this.queries.listTraces(query);
    const answer = this.queries.listTraces(query);
    const lagMs = this.search.lagMs();
    return lagMs > 0 ? { ...answer, searchLagMs: Math.round(lagMs) } : answer;
  }

  /** How many traces match the list's filters (`q` aside), exactly. */
  countTraces(query: TraceListQuery): number {
    return this.queries.countTraces(query);
  }

  /** The statements a full-text list runs for `query` and its filters' parameters, for checking plans. */
  searchListStatements(query: TraceListQuery): { sql: string[]; params: Record<string, unknown> } | null {
    return this.queries.searchStatements(query);
  }

  /** Sessions (traces sharing a session id) rolled up, latest activity first. */
  listSessions(query: SessionListQuery = {}): SessionListResponse {
    return this.sessions.listSessions(query);
  }

  /** The list query's SQL and parameters, for checking its plan. */
  sessionListStatement(query: SessionListQuery = {}): { sql: string; params: Record<string, unknown> } {
    return this.sessions.listStatement(query);
  }

  /** One session and a page of its turns (oldest first); undefined for an unknown session id. */
  getSession(
    sessionId: string,
    options: { limit?: number; cursor?: string } = {},
  ): SessionResponse | undefined {
    return this.sessions.session(sessionId, options);
  }

  /**
   * Known values of a list filter (model, tag, name) that contain `text`, with how many traces
   * hold each, most first; null when the field has too many distinct values to list.
   */
  filterValues(field: ValueField, text: string, limit: number): ValueCount[] | null {
    return this.queries.suggest(field, text, limit);
  }

  /** Span attribute keys containing `text`, from the newest spans, with their trace counts. */
  attributeKeys(text: string, limit: number): ValueCount[] {
    return this.attrKeys.containing(text, limit);
  }

  /** Full-text indexing of recent commits, a slice at a time; `more` says whether a backlog remains. */
  indexSearch(options: { maxItems?: number; budgetMs?: number } = {}): { indexed: number; more: boolean } {
    return this.search.run(options);
  }

  /**
   * The span search of an open trace, over whole payloads: ids of the trace's spans whose name,
   * input, output or error matches `text`, at most `limit`. Undefined for an unknown trace.
   * Call catchUpSearch first.
   */
  searchSpans(
    traceId: string,
    text: string,
    limit = 10_000,
  ): { spanIds: string[]; truncated: boolean; searchLagMs?: number } | undefined {
    const row = this.queries.traceRow(traceId);
    if (!row) return undefined;
    const ids = this.queries.spansMatching(row.id, text, limit);
    const truncated = ids.length > limit;
    const lagMs = this.search.lagMs();
    return {
      spanIds: truncated ? ids.slice(0, limit) : ids,
      truncated,
      ...(lagMs > 0 ? { searchLagMs: Math.round(lagMs) } : {}),
    };
  }

  /** Whether full-text indexing runs on its own thread (else on this one, in slices: IngestQueue). */
  get indexesOnThread(): boolean {
    return this.search.onThread;
  }

  /** How long ago the oldest commit not yet in the full-text index ended (0: the index is current). */
  searchLagMs(): number {
    return this.search.lagMs();
  }

  /** What searchLagMs will have grown to once everything committed so far is indexed, at the recent pace. */
  projectedSearchLagMs(): number {
    return this.search.projectedLagMs();
  }

  /** The stored trace's primary key (the live feed keeps its changes by it). */
  tracePk(traceId: string): number | undefined {
    return this.queries.traceRow(traceId)?.id;
  }

  /** Whether this trace is stored already (an import merges into it). */
  hasTrace(traceId: string): boolean {
    return this.queries.traceRow(traceId) !== undefined;
  }

  getTraceSummary(traceId: string): TraceSummary | undefined {
    const row = this.queries.traceRow(traceId);
    return row ? traceSummaryOf(row) : undefined;
  }

  /**
   * The trace answer `{ trace, spans }` as JSON text, or undefined for an unknown trace. The spans
   * array is built by SQLite and spliced in unparsed, so a 100k-span trace never becomes JS objects.
   */
  getTraceJson(traceId: string, options: { payloads?: boolean } = {}): string | undefined {
    const row = this.queries.traceRow(traceId);
    if (!row) return undefined;
    const trace = JSON.stringify(this.queries.traceDetail(row));
    return `{"trace":${trace},"spans":${this.queries.spansJson(row.id, options.payloads ?? false)}}`;
  }

  /**
   * The same answer as getTraceJson, as a sequence of JSON text pieces of at most
   * `spansPerPiece` spans each, for a caller that writes them as they come. Each piece is queried
   * when the caller asks for it and no statement stays open between pieces, so commits go on
   * in between and neither the store nor the caller ever holds the whole answer: a 1M-span trace
   * with payloads is far past what one string can hold. Undefined for an unknown trace.
   */
  traceJsonPieces(
    traceId: string,
    options: { payloads?: boolean; spansPerPiece?: number } = {},
  ): Iterable<string> | undefined {
    const row = this.queries.traceRow(traceId);
    if (!row) return undefined;
    const queries = this.queries;
    const payloads = options.payloads ?? false;
    const perPiece = options.spansPerPiece ?? 5_000;
    return (function* () {
      yield `{"trace":${JSON.stringify(queries.traceDetail(row))},"spans":[`;
      const pks = queries.spanPksInOrder(row.id);
      for (let i = 0; i < pks.length; i += perPiece) {
        const array = queries.spansJsonOf(pks.slice(i, i + perPiece), payloads);
        // Each piece is a JSON array; the answer's one array is their insides joined by commas.
        yield (i > 0 ? ',' : '') + array.slice(1, -1);
      }
      yield ']}';
    })();
  }

  /**
   * The columnar trace answer (src/shared/traceColumns.ts) as JSON text pieces: the head line,
   * then each part of at most `spansPerPart` spans on a line of its own, queried when the caller
   * asks for it (as traceJsonPieces), so the client can use the first part while the collector
   * builds the next, and neither side holds the whole answer as text. The span ids are read once,
   * up front, so `spanCount` and the parts agree even while spans are being added. Undefined for
   * an unknown trace.
   */
  traceColumnsPieces(traceId: string, options: { spansPerPart?: number } = {}): Iterable<string> | undefined {
    const row = this.queries.traceRow(traceId);
    if (!row) return undefined;
    const trace = JSON.stringify(this.queries.traceDetail(row));
    const pks = this.queries.spanPksInOrder(row.id);
    // Times go out as integers from the trace's start, which must itself be an integer.
    const base = Number.isSafeInteger(row.start_us) ? row.start_us! : 0;
    const perPart = options.spansPerPart ?? COLUMN_PART_SPANS;
    const columns = this.columns;
    return (function* () {
      yield `{"trace":${trace},"spanCount":${pks.length},"timeBaseUs":${base},"parts":[\n`;
      for (let from = 0; from < pks.length; from += perPart) {
        const part = columns.partJson(from, pks.slice(from, from + perPart), base);
        yield from + perPart < pks.length ? `${part},\n` : `${part}\n`;
      }
      yield ']}';
    })();
  }

  getSpan(traceId: string, spanId: string): SpanWithPayloads | undefined {
    return this.queries.span(traceId, spanId);
  }

  /** Summaries of the traces a commit touched, newest first. */
  summariesOf(changes: ChangeSet): TraceSummary[] {
    return changes.tracePks.length ? this.queries.summariesByPks(changes.tracePks) : [];
  }

  /** Skeletons of the spans a commit touched in one trace. */
  spansOf(spanPks: readonly number[]): Span[] {
    return spanPks.length ? this.queries.spansByPks(spanPks) : [];
  }

  close(): void {
    if (!this.db.open) return;
    // Fold the WAL back into the file so a closed database is one self-contained file.
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // A checkpoint is an optimisation; closing must not fail for it.
    }
    this.db.close();
  }
}
