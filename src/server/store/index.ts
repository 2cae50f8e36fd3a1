// The store: one SQLite file (WAL) holding traces, spans and payloads. Writes go through
// `applyBatches` (one transaction per call); reads answer the query API and the live feed.
import type Database from 'better-sqlite3';
import type {
  SpanWithPayloads,
  TraceListQuery,
  TraceListResponse,
  TraceValueField,
  TraceSummary,
  Span,
} from '../../shared/types.ts';
import type { NormalizedBatch } from '../ingest/model.ts';
import { openDatabase } from './db.ts';
import { TraceQueries, traceSummaryOf } from './queries.ts';
import type { CostEstimator } from './spanMerge.ts';
import { BatchWriter, type ChangeSet } from './writer.ts';
import { SEARCH_CATCH_UP_MS, SearchIndexer } from './searchIndex.ts';
import { TraceColumnQueries } from './traceColumns.ts';

export type { ChangeSet } from './writer.ts';
export type { CostEstimator } from './spanMerge.ts';
export { QueryError, DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT } from './queries.ts';

export interface StoreOptions {
  /** Estimates a model call's cost when none was reported (src/server/pricing). */
  estimateCost?: CostEstimator | null;
}

export class Store {
  readonly db: Database.Database;
  readonly path: string;
  private readonly writer: BatchWriter;
  private readonly queries: TraceQueries;
  private readonly search: SearchIndexer;
  private readonly columns: TraceColumnQueries;

  constructor(path: string, options: StoreOptions = {}) {
    this.path = path;
    this.db = openDatabase(path);
    this.search = new SearchIndexer(this.db);
    this.writer = new BatchWriter(this.db, options.estimateCost ?? null, this.search);
    this.queries = new TraceQueries(this.db);
    this.columns = new TraceColumnQueries(this.db);
  }

  /** Commits every batch in one transaction; returns what changed (for the live feed). */
  applyBatches(batches: readonly NormalizedBatch[]): ChangeSet {
    return this.writer.apply(batches);
  }

  listTraces(query: TraceListQuery = {}): TraceListResponse {
    // A search first indexes what was committed before it (bounded; see searchIndex.ts).
    if (query.q !== undefined && query.q.trim() !== '') this.search.run({ budgetMs: SEARCH_CATCH_UP_MS });
    return this.queries.listTraces(query);
  }

  /** Known values of a list filter (model, tag, name) with their trace counts. */
  traceValues(field: TraceValueField, contains?: string, limit?: number): { value: string; count: number }[] {
    return this.queries.distinctValues(field, contains, limit);
  }

  /** Full-text indexing of recent commits, a slice at a time; `more` says whether a backlog remains. */
  indexSearch(options: { maxItems?: number; budgetMs?: number } = {}): { indexed: number; more: boolean } {
    return this.search.run(options);
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
   * The columnar trace answer (src/shared/traceColumns.ts) as JSON text, or undefined for an
   * unknown trace.
   */
  getTraceColumnsJson(traceId: string): string | undefined {
    const row = this.queries.traceRow(traceId);
    if (!row) return undefined;
    const trace = JSON.stringify(this.queries.traceDetail(row));
    // Times go out as integers from the trace's start, which must itself be an integer.
    const base = Number.isSafeInteger(row.start_us) ? row.start_us! : 0;
    return `{"trace":${trace},${this.columns.columnsJson(row.id, base).json}}`;
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
