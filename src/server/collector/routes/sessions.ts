// GET /api/sessions (the sessions list) and /api/sessions/:sessionId (one session's turns).
// Every parameter is checked; a bad one gets a 400 that names it.
import type { SessionListQuery } from '../../../shared/types.ts';
import { MAX_SESSION_LIMIT, MAX_TURN_LIMIT } from '../../store/index.ts';
import { answering } from './answering.ts';
import { HttpError, sendJson } from '../http.ts';
import type { Route } from '../router.ts';

const MAX_TEXT = 1000;

function checkKeys(params: URLSearchParams, known: readonly string[]): void {
  for (const key of params.keys()) {
    if (!known.includes(key))
      throw new HttpError(400, `Unknown query parameter "${key}"; known: ${known.join(', ')}`, key);
    if (params.getAll(key).length > 1)
      throw new HttpError(400, `Query parameter "${key}" is given more than once`, key);
  }
}

function text(params: URLSearchParams, key: string, allowEmpty: boolean): string | undefined {
  const value = params.get(key);
  if (value === null) return undefined;
  if (value === '' && !allowEmpty) throw new HttpError(400, `Query parameter "${key}" is empty`, key);
  if (value.length > MAX_TEXT)
    throw new HttpError(400, `Query parameter "${key}" is longer than ${MAX_TEXT} characters`, key);
  return value;
}

function limit(params: URLSearchParams, max: number): number | undefined {
  const value = params.get('limit');
  if (value === null) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > max)
    throw new HttpError(
      400,
      `Query parameter "limit" must be an integer from 1 to ${max} (got "${value}")`,
      'limit',
    );
  return n;
}

export function parseSessionListQuery(params: URLSearchParams): SessionListQuery {
  checkKeys(params, ['limit', 'cursor', 'q', 'user']);
  const query: SessionListQuery = {};
  const n = limit(params, MAX_SESSION_LIMIT);
  if (n !== undefined) query.limit = n;
  const cursor = text(params, 'cursor', false);
  if (cursor !== undefined) query.cursor = cursor;
  const q = text(params, 'q', true);
  if (q) query.q = q;
  const user = text(params, 'user', false);
  if (user !== undefined) query.user = user;
  return query;
}

export const routes: Route[] = [
  {
    method: 'GET',
    path: '/api/sessions',
    handle({ res, url, ctx }) {
      const query = parseSessionListQuery(url.searchParams);
      const readAt = ctx.readPosition();
      sendJson(
        res,
        200,
        answering(() => ctx.store.listSessions(query)),
        readAt,
      );
    },
  },
  {
    method: 'GET',
    path: '/api/sessions/:sessionId',
    handle({ res, url, params, ctx }) {
      checkKeys(url.searchParams, ['limit', 'cursor']);
      const options: { limit?: number; cursor?: string } = {};
      const n = limit(url.searchParams, MAX_TURN_LIMIT);
      if (n !== undefined) options.limit = n;
      const cursor = text(url.searchParams, 'cursor', false);
      if (cursor !== undefined) options.cursor = cursor;
      const sessionId = params.sessionId!;
      const readAt = ctx.readPosition();
      const answer = answering(() => ctx.store.getSession(sessionId, options));
      if (!answer) throw new HttpError(404, `No trace has session id "${sessionId}"`, 'sessionId');
      sendJson(res, 200, answer, readAt);
    },
  },
];
