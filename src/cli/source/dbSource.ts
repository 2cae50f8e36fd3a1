// Traces straight from the database file, opened read-only with the store's own queries, for
// when no collector runs. Read-only: nothing here can change or lock out a collector that starts
// later. One limit follows: spans committed after the last full-text indexing are not found by
// text search until a collector indexes them (the store indexes lazily, see searchIndex.ts; its
// index is a file beside the database, searchFile.ts).
import { existsSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { openDatabase } from '../../server/store/db.ts';
import { attachSearchFileReadOnly } from '../../server/store/searchFile.ts';
import { TraceQueries } from '../../server/store/queries.ts';
import type { SpanWithPayloads, TraceListResponse } from '../../shared/types.ts';
import { NoSourceError, type ListQuery, type TraceAnswer, type TraceSource } from './types.ts';

export class DbSource implements TraceSource {
  readonly path: string;
  private readonly db: Database.Database;
  private readonly queries: TraceQueries;
  private readonly detachSearch: () => void;

  constructor(path: string) {
    if (!existsSync(path)) throw new NoSourceError(`no database at ${path}`);
    this.path = path;
    this.db = openDatabase(path, { readonly: true });
    this.detachSearch = attachSearchFileReadOnly(this.db, path);
    this.queries = new TraceQueries(this.db);
  }

  describe(): string {
    return `database ${this.path} (read-only)`;
  }

  async listTraces(query: ListQuery): Promise<TraceListResponse> {
    return this.queries.listTraces(query);
  }

  async getTrace(traceId: string, options: { payloads?: boolean } = {}): Promise<TraceAnswer | null> {
    const row = this.queries.traceRow(traceId);
    if (!row) return null;
    const trace = this.queries.traceDetail(row);
    // Skeletons carry the payload previews the digests quote; whole payloads only when asked.
    const spans = JSON.parse(this.queries.spansJson(row.id, options.payloads === true));
    return { trace, spans: spans as TraceAnswer['spans'] };
  }

  async getSpan(traceId: string, spanId: string): Promise<SpanWithPayloads | null> {
    return this.queries.span(traceId, spanId) ?? null;
  }

  close(): void {
    if (this.db.open) this.db.close();
    this.detachSearch();
  }
}
