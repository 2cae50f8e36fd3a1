// Read side: the trace list (keyset paging over a maintained roll-up), one trace, one span.
import type Database from 'better-sqlite3';
import type {
  RunStatus,
  Span,
  SpanWithPayloads,
  TraceDetail,
  TraceListQuery,
  TraceListResponse,
  TraceSummary,
} from '../../shared/types.ts';
import { type AttrFilter, AttrFilterError, parseAttrFilter } from '../../shared/attrFilter.ts';
import { millisToMicros, roundUsd } from '../../shared/units.ts';
import { attrFilterSql } from './attrFilterSql.ts';
import { SearchList } from './searchList.ts';
import { searchTermsOf } from './cjkPairs.ts';
import { EVENTS_JSON, SPAN_ORDER, spanFromSql, spanObjectSql } from './spanJson.ts';
import type { TraceRow } from './traceState.ts';
import { TraceValues, VALUE_SOURCES, type ValueCount, type ValueField } from './traceValues.ts';

export const DEFAULT_LIST_LIMIT = 50;
/**
 * A filter held by fewer traces than this drives the list query (its traces are looked up and
 * sorted); above it, walking the newest-first index and testing each trace stops sooner.
 */
const DRIVE_BELOW_TRACES = 2_000;
const VALUE_FIELDS: readonly ValueField[] = ['model', 'tag', 'name'];

/**
 * `t` holds one of the field's values (@modelValues, @tagValues, @nameValues: JSON arrays). A model
 * or tag is probed per trace, one primary-key seek per value: as an IN list SQLite first collected
 * every trace holding the values (25,000 of 100,000 for a common model) before testing the first.
 */
function memberSql(field: ValueField): string {
  const { table, column, owner } = VALUE_SOURCES[field];
  return field === 'name'
    ? 't.name IN (SELECT value FROM json_each(@nameValues))'
    : `EXISTS (SELECT 1 FROM json_each(@${field}Values) v JOIN ${table} m
         ON m.${column} = v.value AND m.${owner} = t.id)`;
}

function likeSql(field: ValueField): string {
  const { table, column, owner } = VALUE_SOURCES[field];
  return field === 'name'
    ? `t.name LIKE @name ESCAPE '\\'`
    : `t.id IN (SELECT ${owner} FROM ${table} WHERE ${column} LIKE @${field} ESCAPE '\\')`;
}

/**
 * The list query. Driven by a rare filter: its traces (few) are looked up by primary key and
 * sorted. Otherwise the newest-first index is walked and each trace tested until the page is full
 * (INDEXED BY: the planner cannot know a filter is common and would sort every match).
 */
/** How the list query finds its rows: walking an index in list order, or from a rare filter's values. */
type ListPlan =
  | { index: 'traces_by_sort' | 'traces_by_session' | 'traces_by_user' | 'traces_by_status' }
  | { driver: ValueField | 'nameGrams' };

/**
 * Traces whose name holds @nameGrams, a phrase of the trigram index (migration v14): a superset
 * of the names LIKE matches (the index folds case beyond ASCII), which the LIKE clause then checks.
 */
const NAME_GRAMS_SOURCE = 'SELECT rowid AS pk FROM trace_name_grams WHERE trace_name_grams MATCH @nameGrams';

function listSql(where: readonly string[], plan: ListPlan, columns = 't.*'): string {
  const order = 'ORDER BY t.sort_us DESC, t.id DESC LIMIT @limit';
  if ('index' in plan) {
    return `SELECT ${columns} FROM traces t INDEXED BY ${plan.index}
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ${order}`;
  }
  const driver = plan.driver;
  if (driver === 'nameGrams') {
    return `SELECT ${columns} FROM (${NAME_GRAMS_SOURCE}) d CROSS JOIN traces t ON t.id = d.pk
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ${order}`;
  }
  const { table, column, owner } = VALUE_SOURCES[driver];
  const rest = where.filter((clause) => clause !== memberSql(driver));
  const source =
    driver === 'name'
      ? `SELECT id AS pk FROM traces WHERE name IN (SELECT value FROM json_each(@nameValues))`
      : `SELECT DISTINCT ${owner} AS pk FROM ${table} WHERE ${column} IN (SELECT value FROM json_each(@${driver}Values))`;
  return `SELECT ${columns} FROM (${source}) d CROSS JOIN traces t ON t.id = d.pk
    ${rest.length ? `WHERE ${rest.join(' AND ')}` : ''} ${order}`;
}
export const MAX_LIST_LIMIT = 500;

/** A query the caller got wrong; `field` names the parameter. */
export class QueryError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

function parseAttrFilterOrRefuse(expression: string): AttrFilter {
  try {
    return parseAttrFilter(expression);
  } catch (error) {
    if (error instanceof AttrFilterError) throw new QueryError('attr', error.message);
    throw error;
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
 * text are plain words) and matched as a prefix; all words must match. A word is a run of what the
 * unicode61 tokenizer keeps together (letters, digits, and the marks it folds away), so each quoted
 * string is one token: the index has no positions (migrations.ts v12), and FTS5 refuses a phrase
 * of two tokens there. "get_weather" is thus "get" and "weather", anywhere in the same field.
 * Chinese and Japanese words are matched by their pairs of characters, as they are indexed
 * (cjkPairs.ts).
 */
export function ftsQuery(text: string): string | null {
  const words = text.match(/[\p{L}\p{N}\p{M}]+/gu);
  if (!words) return null;
  return words.flatMap(searchTermsOf).join(' AND ');
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
    costUsd: roundUsd(row.cost_usd),
    tags: JSON.parse(row.tags) as string[],
    sessionId: row.session_id,
    userId: row.user_id,
    service: row.service,
    models: JSON.parse(row.models) as string[],
    updatedAt: row.updated_us / 1000,
    droppedSpans: row.sdk_dropped_spans ?? 0,
    droppedEvents: row.sdk_dropped_events ?? 0,
  };
}

/**
 * A count of the list's matches that reads one index range, which exists for no filter, a status,
 * a session, a user, a time range, or one exact model or tag; null for anything else, which needs
 * a test per trace.
 */
function cheapCountSql(query: TraceListQuery, params: Record<string, unknown>): string | null {
  const given = (Object.keys(query) as (keyof TraceListQuery)[]).filter(
    (key) =>
      key !== 'limit' &&
      key !== 'cursor' &&
      key !== 'q' &&
      query[key] !== undefined &&
      !(key === 'attr' && query.attr!.length === 0),
  );
  if (given.length === 0) return 'SELECT count(*) FROM traces';
  if (given.every((key) => key === 'since' || key === 'until')) {
    const range = given.map((key) => (key === 'since' ? 'sort_us >= @since' : 'sort_us <= @until'));
    return `SELECT count(*) FROM traces INDEXED BY traces_by_sort WHERE ${range.join(' AND ')}`;
  }
  if (given.length > 1) return null;
  const key = given[0]!;
  if (key === 'status')
    return 'SELECT count(*) FROM traces INDEXED BY traces_by_status WHERE status = @status';
  if (key === 'session') return 'SELECT count(*) FROM traces WHERE session_id = @session';
  if (key === 'user') return 'SELECT count(*) FROM traces WHERE user_id = @user';
  if (key === 'model' || key === 'tag') {
    const values = params[`${key}Values`];
    if (typeof values !== 'string' || (JSON.parse(values) as string[]).length !== 1) return null;
    const { table, column } = VALUE_SOURCES[key];
    return `SELECT count(*) FROM ${table} WHERE ${column} = (SELECT value FROM json_each(@${key}Values))`;
  }
  return null;
}

export class TraceQueries {
  private readonly db: Database.Database;
  private readonly stmt;
  private readonly values: TraceValues;
  private readonly search: SearchList;

  constructor(db: Database.Database) {
    this.db = db;
    this.values = new TraceValues(db);
    this.search = new SearchList(db);
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
      nameGramsWithin: db.prepare(`SELECT count(*) FROM (${NAME_GRAMS_SOURCE} LIMIT @cap)`).pluck(),
      spansMatching: db
        .prepare(
          `SELECT DISTINCT s.span_id FROM span_fts f JOIN spans s ON s.id = f.rowid >> 2
           WHERE span_fts MATCH @q AND s.trace_pk = @tracePk LIMIT @limit`,
        )
        .pluck(),
      spanIdsInOrder: db
        .prepare(`SELECT s.id FROM spans s WHERE s.trace_pk = ? ORDER BY ${SPAN_ORDER}`)
        .pluck(),
      skeletonPiece: db.prepare(
        `SELECT coalesce(json_group_array(${spanObjectSql(false)} ORDER BY ${SPAN_ORDER}), '[]') AS spans
         FROM ${spanFromSql(false)} WHERE s.id IN (SELECT value FROM json_each(?))`,
      ),
      fullPiece: db.prepare(
        `SELECT coalesce(json_group_array(${spanObjectSql(true)} ORDER BY ${SPAN_ORDER}), '[]') AS spans
         FROM ${spanFromSql(true)} WHERE s.id IN (SELECT value FROM json_each(?))`,
      ),
      spansByPks: db.prepare(
        `SELECT coalesce(json_group_array(${spanObjectSql(false)} ORDER BY ${SPAN_ORDER}), '[]') AS spans
         FROM ${spanFromSql(false)} WHERE s.id IN (SELECT value FROM json_each(?))`,
      ),
    };
  }

  listTraces(query: TraceListQuery): TraceListResponse {
    const limit = Math.min(query.limit ?? DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT);
    const filtered = this.filters(query);
    if (filtered === null) return { traces: [], nextCursor: null, total: 0 };
    const { where, params, plan, countSql } = filtered;
    const cursor = query.cursor === undefined ? null : decodeCursor(query.cursor);
    if (query.q !== undefined && query.q.trim() !== '') {
      const match = ftsQuery(query.q);
      if (match === null) return { traces: [], nextCursor: null, total: 0 };
      const found = this.search.list(match, { where, params }, cursor, limit);
      return {
        traces: found.rows.map(traceSummaryOf),
        nextCursor: found.more ? encodeCursor(found.rows[found.rows.length - 1]!) : null,
        // Only when exact and free: the search knew every match (a missing total is "unknown").
        ...(found.total !== undefined ? { total: found.total } : {}),
      };
    }
    const bound: Record<string, unknown> = { ...params, limit: limit + 1 };
    const clauses = [...where];
    if (cursor !== null) {
      clauses.push('(t.sort_us < @cursorSort OR (t.sort_us = @cursorSort AND t.id < @cursorId))');
      Object.assign(bound, { cursorSort: cursor.sortUs, cursorId: cursor.id });
    }
    const rows = this.db.prepare(listSql(clauses, plan)).all(bound) as TraceRow[];
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    return {
      traces: page.map(traceSummaryOf),
      nextCursor: more ? encodeCursor(page[page.length - 1]!) : null,
      // The exact total, with the first page only (later pages would count the same again), when
      // it costs one index range. Otherwise counting every match would take longer than the page
      // (14 ms for status=error&model=… at 100,000 traces, for a 0.3 ms page): the UI asks
      // GET /api/traces/count after it has painted the page.
      ...(cursor === null && (!more || countSql !== null)
        ? { total: more ? this.count(countSql!, params) : page.length }
        : {}),
    };
  }

  /** The SQL the full-text list runs for `query`, for checking plans (tests). */
  searchStatements(query: TraceListQuery): { sql: string[]; params: Record<string, unknown> } | null {
    const filtered = this.filters(query);
    if (filtered === null) return null;
    const { where, params } = filtered;
    return { sql: this.search.statements({ where, params }), params };
  }

  /**
   * The list's filters other than `q` and the cursor, as clauses over `t`, their parameters and
   * the plan that serves them; null when they cannot match anything.
   */
  private filters(
    query: TraceListQuery,
  ): { where: string[]; params: Record<string, unknown>; plan: ListPlan; countSql: string | null } | null {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    // model, tag and name match substrings: each becomes an exact IN list over its distinct
    // values (traceValues.ts), which an index serves; the fewest-traces one may drive the plan.
    let driver: { field: ValueField | 'nameGrams'; traces: number } | null = null;
    for (const field of VALUE_FIELDS) {
      const text = query[field];
      if (text === undefined) continue;
      const values = this.values.containing(field, text);
      if (values === null) {
        // Too many distinct values to list: match the substring row by row. A name of three
        // characters or more has its trigrams indexed: when few traces hold them, they drive.
        where.push(likeSql(field));
        params[field] = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        if (field === 'name' && [...text].length >= 3) {
          params.nameGrams = `"${text.replaceAll('"', '""')}"`;
          const traces = this.stmt.nameGramsWithin.get({
            nameGrams: params.nameGrams,
            cap: DRIVE_BELOW_TRACES,
          }) as number;
          if (traces < DRIVE_BELOW_TRACES && (driver === null || traces < driver.traces))
            driver = { field: 'nameGrams', traces };
        }
        continue;
      }
      if (values.length === 0) return null;
      params[`${field}Values`] = JSON.stringify(values);
      const traces = this.values.tracesWithin(field, values, DRIVE_BELOW_TRACES);
      if (traces < DRIVE_BELOW_TRACES && (driver === null || traces < driver.traces))
        driver = { field, traces };
      where.push(memberSql(field));
    }
    if (query.attr !== undefined && query.attr.length > 0) {
      const attr = attrFilterSql(query.attr.map(parseAttrFilterOrRefuse));
      where.push(...attr.where);
      Object.assign(params, attr.params);
    }
    if (query.status !== undefined) {
      where.push('t.status = @status');
      params.status = query.status satisfies RunStatus;
    }
    if (query.session !== undefined) {
      where.push('t.session_id = @session');
      params.session = query.session;
    }
    if (query.user !== undefined) {
      where.push('t.user_id = @user');
      params.user = query.user;
    }
    if (query.since !== undefined) {
      where.push('t.sort_us >= @since');
      params.since = millisToMicros(query.since);
    }
    if (query.until !== undefined) {
      where.push('t.sort_us <= @until');
      params.until = millisToMicros(query.until);
    }
    // A session or a user is one exact value with its own ordered index (migration 5): it drives.
    // A status has one too (migration 13); a rare model, tag or name is fewer traces still.
    const plan: ListPlan =
      query.session !== undefined
        ? { index: 'traces_by_session' }
        : query.user !== undefined
          ? { index: 'traces_by_user' }
          : driver !== null
            ? { driver: driver.field }
            : query.status !== undefined
              ? { index: 'traces_by_status' }
              : { index: 'traces_by_sort' };
    return { where, params, plan, countSql: cheapCountSql(query, params) };
  }

  /** Known values of a filterable field that contain `text`, with their trace counts. */
  suggest(field: ValueField, text: string, limit: number): ValueCount[] | null {
    return this.values.suggestions(field, text, limit);
  }

  /**
   * How many traces match the list's filters (`q` aside): exact, and as long as counting them takes
   * (GET /api/traces/count). The list's first page carries it only when one index range counts it.
   */
  countTraces(query: TraceListQuery): number {
    const filtered = this.filters(query);
    if (filtered === null) return 0;
    const { where, params, countSql } = filtered;
    return this.count(
      countSql ?? `SELECT count(*) FROM traces t ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
      params,
    );
  }

  private count(sql: string, params: Record<string, unknown>): number {
    return this.db.prepare(sql).pluck().get(params) as number;
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

  /**
   * Ids of a trace's spans whose name, input, output or error message matches the search text
   * (ftsQuery: words as prefixes), at most `limit` (+1 to tell the caller there were more).
   */
  spansMatching(tracePk: number, text: string, limit: number): string[] {
    const q = ftsQuery(text);
    if (q === null) return [];
    return this.stmt.spansMatching.all({ q, tracePk, limit: limit + 1 }) as string[];
  }

  /** A trace's span row ids in answer order (8 bytes a span: a 1M-span trace is 8 MB, not 450). */
  spanPksInOrder(tracePk: number): number[] {
    return this.stmt.spanIdsInOrder.all(tracePk) as number[];
  }

  /** The JSON array text of the given spans (already in answer order), built by SQLite. */
  spansJsonOf(pks: readonly number[], withPayloads: boolean): string {
    const stmt = withPayloads ? this.stmt.fullPiece : this.stmt.skeletonPiece;
    return (stmt.get(JSON.stringify(pks)) as { spans: string }).spans;
  }

  span(traceId: string, spanId: string): SpanWithPayloads | undefined {
    const row = this.stmt.oneSpan.get(traceId, spanId) as { span: string } | undefined;
    return row ? (JSON.parse(row.span) as SpanWithPayloads) : undefined;
  }
}
