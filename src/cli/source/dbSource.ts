// Traces straight from the database file, opened read-only with the store's own queries, for
// when no collector runs. Read-only: nothing here can change or lock out a collector that starts
// later. One limit follows: spans committed after the last full-text indexing are not found by
// text search until a collector indexes them (the store indexes lazily, see searchIndex.ts).
import { existsSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { openDatabase } from '../../server/store/db.ts';
import { TraceQueries } from '../../server/store/queries.ts';
import { TraceColumnQueries } from '../../server/store/traceColumns.ts';
import { decodeTraceColumns, type TraceColumnsAnswer } from '../../shared/traceColumns.ts';
import type { SpanWithPayloads, TraceListResponse } from '../../shared/types.ts';
import { NoSourceError, type ListQuery, type TraceAnswer, type TraceSource } from './types.ts';

const SESSION_SCAN_LIMIT = 500;

export class DbSource implements TraceSource {
  readonly path: string;
  private readonly db: Database.Database;
  private readonly queries: TraceQueries;
  private readonly columns: TraceColumnQueries;

  constructor(path: string) {
    if (!existsSync(path)) throw new NoSourceError(`no database at ${path}`);
    this.path = path;
    this.db = openDatabase(path, { readonly: true });
    this.queries = new TraceQueries(this.db);
    this.columns = new TraceColumnQueries(this.db);
  }

  describe(): string {
    return `database ${this.path} (read-only)`;
  }

  async listTraces(query: ListQuery): Promise<TraceListResponse> {
    const { session, ...rest } = query;
    if (session === undefined) return this.queries.listTraces(rest);
    const answer = this.queries.listTraces({ ...rest, limit: SESSION_SCAN_LIMIT });
    return {
      traces: answer.traces.filter((t) => t.sessionId === session).slice(0, query.limit ?? 50),
      nextCursor: null,
    };
  }

  async getTrace(traceId: string, options: { payloads?: boolean } = {}): Promise<TraceAnswer | null> {
    const row = this.queries.traceRow(traceId);
    if (!row) return null;
    const trace = this.queries.traceDetail(row);
    if (options.payloads)
      return { trace, spans: JSON.parse(this.queries.spansJson(row.id, true)) as TraceAnswer['spans'] };
    // The columnar skeleton, as the collector answers ?format=columns: far less JSON to build and
    // parse at 100,000 spans. Times count from an integer base, as Store.getTraceColumnsJson does.
    const base = Number.isSafeInteger(row.start_us) ? row.start_us! : 0;
    const columns = JSON.parse(`{${this.columns.columnsJson(row.id, base).json}}`) as Omit<
      TraceColumnsAnswer,
      'trace'
    >;
    return { trace, spans: decodeTraceColumns({ ...columns, trace }) };
  }

  async getSpan(traceId: string, spanId: string): Promise<SpanWithPayloads | null> {
    return this.queries.span(traceId, spanId) ?? null;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
