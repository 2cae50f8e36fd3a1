// Sessions: the traces that share a session id, rolled up by SQL over the traces table. Every
// query walks a partial index (traces_by_session, or traces_by_user for one user), so traces
// without a session are never read, and a session's turns are one index range.
import type Database from 'better-sqlite3';
import type {
  SessionListQuery,
  SessionListResponse,
  SessionResponse,
  SessionSummary,
  SessionTurn,
} from '../../shared/types.ts';
import { roundUsd } from '../../shared/units.ts';
import { QueryError, traceSummaryOf } from './queries.ts';
import type { TraceRow } from './traceState.ts';

export const DEFAULT_SESSION_LIMIT = 50;
export const MAX_SESSION_LIMIT = 500;
export const DEFAULT_TURN_LIMIT = 100;
export const MAX_TURN_LIMIT = 200;
/** A turn's input or output larger than this (JSON text) is left out of the session answer. */
const MAX_TURN_PAYLOAD_CHARS = 64 * 1024;

interface SessionRow {
  session_id: string;
  turns: number;
  running: number;
  first_start: number | null;
  last_end: number | null;
  last_us: number;
  tokens: number;
  cost: number;
  errors: number;
  user_id: string | null;
  first_name: string | null;
}

/**
 * The roll-up of the sessions whose traces `where` selects. Grouping follows the index order
 * (session id first), so only the groups are sorted, by last activity.
 */
function sessionsSql(
  index: 'traces_by_session' | 'traces_by_user',
  where: readonly string[],
  having: string,
) {
  return `SELECT g.*,
      (SELECT f.name FROM traces f INDEXED BY traces_by_session
        WHERE f.session_id = g.session_id ORDER BY f.sort_us, f.id LIMIT 1) AS first_name,
      (SELECT u.user_id FROM traces u INDEXED BY traces_by_session
        WHERE u.session_id = g.session_id AND u.user_id IS NOT NULL ORDER BY u.sort_us DESC, u.id DESC LIMIT 1) AS user_id
    FROM (
      SELECT t.session_id, count(*) AS turns, sum(t.status = 'running') AS running,
        min(t.start_us) AS first_start,
        max(CASE WHEN t.status <> 'running' THEN t.end_us END) AS last_end,
        max(max(coalesce(t.end_us, t.sort_us), t.sort_us)) AS last_us,
        sum(t.total_tokens) AS tokens, sum(t.cost_usd) AS cost, sum(t.status = 'error') AS errors
      FROM traces t INDEXED BY ${index}
      WHERE ${['t.session_id IS NOT NULL', ...where].join(' AND ')}
      GROUP BY t.session_id ${having ? `HAVING ${having}` : ''}
      ORDER BY last_us DESC, t.session_id DESC LIMIT @limit
    ) g ORDER BY g.last_us DESC, g.session_id DESC`;
}

function sessionOf(row: SessionRow): SessionSummary {
  const firstStart = row.first_start === null ? null : row.first_start / 1000;
  const lastEnd = row.last_end === null ? null : row.last_end / 1000;
  return {
    sessionId: row.session_id,
    userId: row.user_id,
    turns: row.turns,
    runningTurns: row.running,
    firstStart,
    lastEnd,
    lastActivity: row.last_us / 1000,
    durationMs: firstStart !== null && lastEnd !== null ? (row.last_end! - row.first_start!) / 1000 : null,
    tokens: row.tokens,
    costUsd: roundUsd(row.cost),
    errors: row.errors,
    firstTraceName: row.first_name ?? '',
  };
}

/** Cursors are opaque to clients: the sort key of the last row of a page, base64url JSON. */
function encodeCursor(key: [number, string | number]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeCursor<T extends string | number>(cursor: string, second: 'string' | 'number'): [number, T] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString());
  } catch {
    key = null;
  }
  if (!Array.isArray(key) || key.length !== 2 || !Number.isSafeInteger(key[0]) || typeof key[1] !== second) {
    throw new QueryError(
      'cursor',
      'cursor is not one this server gave out; pass nextCursor from a previous page unchanged',
    );
  }
  return key as [number, T];
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export class SessionQueries {
  private readonly db: Database.Database;
  private readonly turnsStmt;
  private readonly oneSessionStmt;

  constructor(db: Database.Database) {
    this.db = db;
    this.oneSessionStmt = db.prepare(sessionsSql('traces_by_session', ['t.session_id = @session'], ''));
    // A turn's input is its trace's, else its (first) root span's (OTel traces carry none of their
    // own), else its first model call's; its output likewise, from the last model call. The
    // fallbacks read only that trace's spans, and only when the payload before them is missing.
    const rootPayload = (
      column: 'input' | 'output',
    ) => `(SELECT p.${column} FROM spans s INDEXED BY spans_roots
          JOIN span_payloads p ON p.span_pk = s.id
          WHERE s.trace_pk = t.id AND s.parent_span_id = '' ORDER BY s.start_us LIMIT 1)`;
    const llmPayload = (
      column: 'input' | 'output',
      order: 'ASC' | 'DESC',
    ) => `(SELECT p.${column} FROM spans s
          JOIN span_payloads p ON p.span_pk = s.id
          WHERE s.trace_pk = t.id AND s.type = 'llm' AND p.${column} IS NOT NULL
          ORDER BY s.start_us ${order}, s.id ${order} LIMIT 1)`;
    this.turnsStmt = db.prepare(`
      SELECT t.*,
        coalesce(tp.input, ${rootPayload('input')}, ${llmPayload('input', 'ASC')}) AS turn_input,
        coalesce(tp.output, ${rootPayload('output')}, ${llmPayload('output', 'DESC')}) AS turn_output
      FROM traces t INDEXED BY traces_by_session
      LEFT JOIN trace_payloads tp ON tp.trace_pk = t.id
      WHERE t.session_id = @session AND t.session_id IS NOT NULL
        AND (@afterSort IS NULL OR t.sort_us > @afterSort OR (t.sort_us = @afterSort AND t.id > @afterId))
      ORDER BY t.sort_us, t.id LIMIT @limit`);
  }

  /** The list query's SQL and parameters (also what the plan test explains). */
  listStatement(query: SessionListQuery): { sql: string; params: Record<string, unknown> } {
    const limit = Math.min(query.limit ?? DEFAULT_SESSION_LIMIT, MAX_SESSION_LIMIT);
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: limit + 1 };
    if (query.q !== undefined && query.q !== '') {
      // LIKE is case-insensitive for ASCII, as the trace list's substring filters are.
      where.push(`t.session_id LIKE @q ESCAPE '\\'`);
      params.q = likePattern(query.q);
    }
    if (query.user !== undefined) {
      where.push('t.user_id = @user');
      params.user = query.user;
    }
    let having = '';
    if (query.cursor !== undefined) {
      const [lastUs, sessionId] = decodeCursor<string>(query.cursor, 'string');
      having = 'last_us < @cursorUs OR (last_us = @cursorUs AND t.session_id < @cursorId)';
      Object.assign(params, { cursorUs: lastUs, cursorId: sessionId });
    }
    const index = query.user !== undefined ? 'traces_by_user' : 'traces_by_session';
    return { sql: sessionsSql(index, where, having), params };
  }

  listSessions(query: SessionListQuery): SessionListResponse {
    const { sql, params } = this.listStatement(query);
    const limit = (params.limit as number) - 1;
    const rows = this.db.prepare(sql).all(params) as SessionRow[];
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    const last = page[page.length - 1];
    return {
      sessions: page.map(sessionOf),
      nextCursor: more && last ? encodeCursor([last.last_us, last.session_id]) : null,
      ...(query.cursor === undefined ? { total: more ? this.countSessions(query) : page.length } : {}),
    };
  }

  private countSessions(query: SessionListQuery): number {
    const index = query.user !== undefined ? 'traces_by_user' : 'traces_by_session';
    const where = ['t.session_id IS NOT NULL'];
    const params: Record<string, unknown> = {};
    if (query.q) {
      where.push(`t.session_id LIKE @q ESCAPE '\\'`);
      params.q = likePattern(query.q);
    }
    if (query.user !== undefined) {
      where.push('t.user_id = @user');
      params.user = query.user;
    }
    const sql = `SELECT count(DISTINCT t.session_id) FROM traces t INDEXED BY ${index} WHERE ${where.join(' AND ')}`;
    return this.db.prepare(sql).pluck().get(params) as number;
  }

  /** One session's roll-up and a page of its turns, oldest first; undefined when no trace has that id. */
  session(sessionId: string, options: { limit?: number; cursor?: string } = {}): SessionResponse | undefined {
    const row = this.oneSessionStmt.get({ session: sessionId, limit: 1 }) as SessionRow | undefined;
    if (!row) return undefined;
    const limit = Math.min(options.limit ?? DEFAULT_TURN_LIMIT, MAX_TURN_LIMIT);
    const after = options.cursor === undefined ? null : decodeCursor<number>(options.cursor, 'number');
    const rows = this.turnsStmt.all({
      session: sessionId,
      afterSort: after?.[0] ?? null,
      afterId: after?.[1] ?? null,
      limit: limit + 1,
    }) as (TraceRow & { turn_input: string | null; turn_output: string | null })[];
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    const last = page[page.length - 1];
    return {
      session: sessionOf(row),
      turns: page.map((turn): SessionTurn => {
        const input = payloadOf(turn.turn_input);
        const output = payloadOf(turn.turn_output);
        return {
          ...traceSummaryOf(turn),
          input: input.value,
          output: output.value,
          ...(input.truncated ? { inputTruncated: true } : {}),
          ...(output.truncated ? { outputTruncated: true } : {}),
        };
      }),
      nextCursor: more && last ? encodeCursor([last.sort_us, last.id]) : null,
    };
  }
}

function payloadOf(text: string | null): { value: unknown; truncated: boolean } {
  if (text === null) return { value: null, truncated: false };
  if (text.length > MAX_TURN_PAYLOAD_CHARS) return { value: null, truncated: true };
  return { value: JSON.parse(text) as unknown, truncated: false };
}
