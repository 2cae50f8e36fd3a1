// Read side: the trace list (keyset paging over a maintained roll-up), one trace, one span.
import type Database from 'better-sqlite3';
import type {
  RunStatus,
  Span,
  SpanWithPayloads,
  TraceDetail,
  TraceListQuery,
  TraceListResponse,
  TraceValueField,
  TraceSummary,
} from '../../shared/types.ts';
import { millisToMicros } from '../../shared/units.ts';
import { EVENTS_JSON, SPAN_ORDER, spanFromSql, spanObjectSql } from './spanJson.ts';
import type { TraceRow } from './traceState.ts';

export const DEFAULT_LIST_LIMIT = 50;
export const MAX_LIST_LIMIT = 500;

/** A query the caller got wrong; `field` names the parameter. */
export class QueryError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

/** Cursor: opaque to clients; the (sort_us, id) of the last trace of the page, base64url. */
export function encodeCursor(row: Pick<TraceRow, 'sort_us' | 'id'>): string {
  return Buffer.from(`${row.sort_us}:${row.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { sortUs: number; id: number } {
  const match = /^(-?\d{1,17}):(\d{1,17})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match)
    throw new QueryError(
      'cursor',
      'cursor is not one this server gave out; pass nextCursor from a previous page unchanged',
    );
  return { sortUs: Number(match[1]), id: Number(match[2]) };
}

/**
 * The user's search text as an FTS5 query: each word quoted (so operators and punctuation in the
 * text are plain words) and matched as a prefix; all words must match.
 */
export function ftsQuery(text: string): string | null {
  const words = text.match(/[\p{L}\p{N}_]+/gu);
  if (!words) return null;
  return words.map((w) => `"${w}"*`).join(' AND ');
}

export function traceSummaryOf(row: TraceRow): TraceSummary {
  const running = row.status === 'running';
  const startTime = row.start_us === null ? null : row.start_us / 1000;
  const endTime = running || row.end_us === null ? null : row.end_us / 1000;
  return {
    traceId: row.trace_id,
    name: row.name,
    status: row.status,
    startTime,
    endTime,
    durationMs: startTime !== null && endTime !== null ? (row.end_us! - row.start_us!) / 1000 : null,
    spanCount: row.span_count,
    errorCount: row.error_count,
    promptTokens: row.prompt_tokens,
    completionTokens: row.completion_tokens,
    totalTokens: row.total_tokens,
    // Aggregates move by deltas, which can leave float dust (1e-19) behind; costs are far coarser.
    costUsd: Math.round(row.cost_usd * 1e12) / 1e12,
    tags: JSON.parse(row.tags) as string[],
    sessionId: row.session_id,
    userId: row.user_id,
    service: row.service,
    models: JSON.parse(row.models) as string[],
    updatedAt: row.updated_us / 1000,
  };
}

export class TraceQueries {
  private readonly db: Database.Database;
  private readonly stmt;

  constructor(db: Database.Database) {
    this.db = db;
    this.stmt = {
      traceById: db.prepare('SELECT * FROM traces WHERE trace_id = ?'),
      tracesByPks: db.prepare('SELECT * FROM traces WHERE id IN (SELECT value FROM json_each(?))'),
      tracePayload: db.prepare(
        `SELECT input, output, metadata, ${EVENTS_JSON('-?')} AS events FROM trace_payloads WHERE trace_pk = ?`,
      ),
      traceEvents: db.prepare(`SELECT ${EVENTS_JSON('-?')} AS events`),
      skeletons: db.prepare(
        `SELECT coalesce(json_group_array(${spanObjectSql(false)} ORDER BY ${SPAN_ORDER}), '[]') AS spans
         FROM ${spanFromSql(false)} WHERE s.trace_pk = ?`,
      ),
      fullSpans: db.prepare(
        `SELECT coalesce(json_group_array(${spanObjectSql(true)} ORDER BY ${SPAN_ORDER}), '[]') AS spans
         FROM ${spanFromSql(true)} WHERE s.trace_pk = ?`,
      ),
      oneSpan: db.prepare(
        `SELECT ${spanObjectSql(true)} AS span FROM ${spanFromSql(true)} WHERE t.trace_id = ? AND s.span_id = ?`,
      ),
      spansByPks: db.prepare(
        `SELECT coalesce(json_group_array(${spanObjectSql(false)} ORDER BY ${SPAN_ORDER}), '[]') AS spans
         FROM ${spanFromSql(false)} WHERE s.id IN (SELECT value FROM json_each(?))`,
      ),
    };
  }

  listTraces(query: TraceListQuery): TraceListResponse {
    const limit = Math.min(query.limit ?? DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT);
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    const none: TraceListResponse = { traces: [], nextCursor: null, total: 0 };
    if (query.q !== undefined && query.q.trim() !== '') {
      const match = ftsQuery(query.q);
      if (match === null) return none;
      where.push(`t.id IN (
        SELECT s.trace_pk FROM spans s WHERE s.id IN (SELECT rowid >> 2 FROM span_fts WHERE span_fts MATCH @q)
        UNION SELECT rowid >> 2 FROM trace_fts WHERE trace_fts MATCH @q)`);
      params.q = match;
    }
    if (query.name !== undefined) {
      where.push(`t.name LIKE @name ESCAPE '\\'`);
      params.name = '%' + query.name.replace(/[\\%_]/g, (c) => '\\' + c) + '%';
    }
    if (query.status !== undefined) {
      where.push('t.status = @status');
      params.status = query.status satisfies RunStatus;
    }
    // Model and tag match substrings: the substring becomes the exact values that contain it
    // (from the small set of distinct values, read off the tables' primary-key indexes), then
    // an exact lookup, instead of LIKE over every row.
    for (const field of ['model', 'tag'] as const) {
      const part = query[field];
      if (part === undefined) continue;
      const exact = this.distinctValues(field, part, Number.POSITIVE_INFINITY).map((v) => v.value);
      if (exact.length === 0) return none;
      const table = field === 'model' ? 'trace_models' : 'trace_tags';
      where.push(
        `t.id IN (SELECT trace_pk FROM ${table} WHERE ${field} IN (SELECT value FROM json_each(@${field})))`,
      );
      params[field] = JSON.stringify(exact);
    }
    if (query.since !== undefined) {
      where.push('t.sort_us >= @since');
      params.since = millisToMicros(query.since);
    }
    if (query.until !== undefined) {
      where.push('t.sort_us <= @until');
      params.until = millisToMicros(query.until);
    }
    const filters = where.length ? 'WHERE ' + where.join(' AND ') : '';
    const { total } = this.db.prepare(`SELECT count(*) AS total FROM traces t ${filters}`).get(params) as {
      total: number;
    };
    const paged = [...where];
    if (query.cursor !== undefined) {
      const { sortUs, id } = decodeCursor(query.cursor);
      paged.push('(t.sort_us < @cursorSort OR (t.sort_us = @cursorSort AND t.id < @cursorId))');
      Object.assign(params, { cursorSort: sortUs, cursorId: id });
    }
    const sql = `SELECT t.* FROM traces t ${paged.length ? 'WHERE ' + paged.join(' AND ') : ''}
      ORDER BY t.sort_us DESC, t.id DESC LIMIT @limit`;
    const rows = this.db.prepare(sql).all({ ...params, limit: limit + 1 }) as TraceRow[];
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    return {
      traces: page.map(traceSummaryOf),
      nextCursor: more ? encodeCursor(page[page.length - 1]!) : null,
      total,
    };
  }

  /**
   * Known values of a list filter with their trace counts, most used first; `contains` keeps
   * those that contain it (case-insensitive). Each GROUP BY walks an index (the primary keys of
   * trace_models and trace_tags, traces_by_name), one entry per trace.
   */
  distinctValues(field: TraceValueField, contains = '', limit = 50): { value: string; count: number }[] {
    const sql = {
      model: 'SELECT model AS value, count(*) AS count FROM trace_models GROUP BY model',
      tag: 'SELECT tag AS value, count(*) AS count FROM trace_tags GROUP BY tag',
      name: 'SELECT name AS value, count(*) AS count FROM traces GROUP BY name',
    }[field];
    const needle = contains.toLowerCase();
    const rows = (this.db.prepare(sql).all() as { value: string; count: number }[]).filter(
      (row) => needle === '' || row.value.toLowerCase().includes(needle),
    );
    rows.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    return rows.slice(0, limit);
  }

  summariesByPks(pks: readonly number[]): TraceSummary[] {
    const rows = this.stmt.tracesByPks.all(JSON.stringify(pks)) as TraceRow[];
    return rows.sort((a, b) => b.sort_us - a.sort_us || b.id - a.id).map(traceSummaryOf);
  }

  /** Skeletons of the given spans (all of one trace), for the live feed. */
  spansByPks(pks: readonly number[]): Span[] {
    const { spans } = this.stmt.spansByPks.get(JSON.stringify(pks)) as { spans: string };
    return JSON.parse(spans) as Span[];
  }

  traceRow(traceId: string): TraceRow | undefined {
    return this.stmt.traceById.get(traceId) as TraceRow | undefined;
  }

  traceDetail(row: TraceRow): TraceDetail & { events: unknown[]; error: unknown } {
    const payload = this.stmt.tracePayload.get(row.id, row.id) as
      | { input: string | null; output: string | null; metadata: string | null; events: string }
      | undefined;
    const events = payload?.events ?? (this.stmt.traceEvents.get(row.id) as { events: string }).events;
    return {
      ...traceSummaryOf(row),
      input: payload?.input ? JSON.parse(payload.input) : null,
      output: payload?.output ? JSON.parse(payload.output) : null,
      metadata: payload?.metadata ? (JSON.parse(payload.metadata) as Record<string, unknown>) : {},
      error: row.error_json ? JSON.parse(row.error_json) : null,
      events: JSON.parse(events) as unknown[],
    };
  }

  /** The JSON text of a trace's spans (skeletons, or whole spans with payloads), built by SQLite. */
  spansJson(tracePk: number, withPayloads: boolean): string {
    const stmt = withPayloads ? this.stmt.fullSpans : this.stmt.skeletons;
    return (stmt.get(tracePk) as { spans: string }).spans;
  }

  span(traceId: string, spanId: string): SpanWithPayloads | undefined {
    const row = this.stmt.oneSpan.get(traceId, spanId) as { span: string } | undefined;
    return row ? (JSON.parse(row.span) as SpanWithPayloads) : undefined;
  }
}
