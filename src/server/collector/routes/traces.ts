// The query API: GET /api/traces, /api/traces/count, /api/traces/:traceId,
// /api/traces/:traceId/spans/:spanId.
// Every parameter is checked; a bad one gets a 400 that names it.
import type {
  RunStatus,
  TraceCountResponse,
  TraceListQuery,
  TraceSpanSearchResponse,
} from '../../../shared/types.ts';
import { AttrFilterError, MAX_ATTR_FILTERS, parseAttrFilter } from '../../../shared/attrFilter.ts';
import { TRACE_COLUMNS_MEDIA_TYPE } from '../../../shared/traceColumns.ts';
import { MAX_LIST_LIMIT } from '../../store/index.ts';
import { HttpError, sendJson, streamJsonText } from '../http.ts';
import type { Route } from '../router.ts';
import { answering } from './answering.ts';

const LIST_PARAMS = new Set([
  'limit',
  'cursor',
  'q',
  'name',
  'status',
  'model',
  'tag',
  'session',
  'user',
  'since',
  'until',
  'attr',
]);
/** Parameters that may be given more than once (each one more filter). */
const REPEATABLE = new Set(['attr']);
const STATUSES: readonly RunStatus[] = ['running', 'success', 'error'];

export function parseListQuery(params: URLSearchParams): TraceListQuery {
  const query: TraceListQuery = {};
  for (const key of params.keys()) {
    if (!LIST_PARAMS.has(key)) {
      throw new HttpError(
        400,
        `Unknown query parameter "${key}"; known: ${[...LIST_PARAMS].join(', ')}`,
        key,
      );
    }
    if (!REPEATABLE.has(key) && params.getAll(key).length > 1)
      throw new HttpError(400, `Query parameter "${key}" is given more than once`, key);
  }
  const text = (key: 'cursor' | 'q' | 'name' | 'model' | 'tag' | 'session' | 'user') => {
    const value = params.get(key);
    if (value === null) return;
    if (value === '' && key !== 'q') throw new HttpError(400, `Query parameter "${key}" is empty`, key);
    if (value.length > 1000)
      throw new HttpError(400, `Query parameter "${key}" is longer than 1000 characters`, key);
    query[key] = value;
  };
  (['cursor', 'q', 'name', 'model', 'tag', 'session', 'user'] as const).forEach(text);
  const limit = params.get('limit');
  if (limit !== null) {
    const n = Number(limit);
    if (!/^\d+$/.test(limit) || n < 1 || n > MAX_LIST_LIMIT) {
      throw new HttpError(
        400,
        `Query parameter "limit" must be an integer from 1 to ${MAX_LIST_LIMIT} (got "${limit}")`,
        'limit',
      );
    }
    query.limit = n;
  }
  const status = params.get('status');
  if (status !== null) {
    if (!(STATUSES as readonly string[]).includes(status)) {
      throw new HttpError(
        400,
        `Query parameter "status" must be one of ${STATUSES.join(', ')} (got "${status}")`,
        'status',
      );
    }
    query.status = status as RunStatus;
  }
  for (const key of ['since', 'until'] as const) {
    const value = params.get(key);
    if (value === null) continue;
    const ms = Number(value);
    if (value.trim() === '' || !Number.isFinite(ms) || ms < 0) {
      throw new HttpError(400, `Query parameter "${key}" must be epoch milliseconds (got "${value}")`, key);
    }
    query[key] = ms;
  }
  const attr = params.getAll('attr');
  if (attr.length > MAX_ATTR_FILTERS)
    throw new HttpError(
      400,
      `Query parameter "attr" is given ${attr.length} times; at most ${MAX_ATTR_FILTERS}`,
      'attr',
    );
  attr.forEach((expression) => {
    try {
      parseAttrFilter(expression);
    } catch (error) {
      if (error instanceof AttrFilterError)
        throw new HttpError(400, `Query parameter "attr": ${error.message}`, 'attr');
      throw error;
    }
  });
  if (attr.length > 0) query.attr = attr;
  if (query.since !== undefined && query.until !== undefined && query.since > query.until) {
    throw new HttpError(400, 'Query parameter "since" is later than "until"', 'since');
  }
  return query;
}

export const routes: Route[] = [
  {
    method: 'GET',
    path: '/api/traces',
    async handle({ res, url, ctx }) {
      const query = parseListQuery(url.searchParams);
      if (query.q !== undefined && query.q.trim() !== '') await ctx.store.catchUpSearch();
      const readAt = ctx.readPosition();
      sendJson(
        res,
        200,
        answering(() => ctx.store.listTraces(query)),
        readAt,
      );
    },
  },
  {
    // The exact number of traces the list's filters match, for the list's status bar when the first
    // page came without it (counting every match can take longer than the page; queries.ts).
    method: 'GET',
    path: '/api/traces/count',
    handle({ res, url, ctx }) {
      for (const key of ['limit', 'cursor', 'q'] as const) {
        if (url.searchParams.has(key))
          throw new HttpError(
            400,
            `Query parameter "${key}" is not taken by /api/traces/count, which counts the list's filters`,
            key,
          );
      }
      const query = parseListQuery(url.searchParams);
      const total = answering(() => ctx.store.countTraces(query));
      sendJson(res, 200, { total } satisfies TraceCountResponse);
    },
  },
  {
    method: 'GET',
    path: '/api/traces/:traceId',
    handle({ req, res, url, params, ctx }) {
      for (const key of url.searchParams.keys()) {
        if (key !== 'include' && key !== 'format')
          throw new HttpError(400, `Unknown query parameter "${key}"; known: include, format`, key);
      }
      const include = url.searchParams.get('include');
      if (include !== null && include !== 'payloads') {
        throw new HttpError(
          400,
          `Query parameter "include" must be "payloads" (got "${include}")`,
          'include',
        );
      }
      // The columnar skeleton (docs/protocol.md): ?format=columns, or asked for by media type.
      const format = url.searchParams.get('format');
      if (format !== null && format !== 'columns')
        throw new HttpError(400, `Query parameter "format" must be "columns" (got "${format}")`, 'format');
      if (
        format === 'columns' ||
        (include === null && (req.headers.accept ?? '').includes(TRACE_COLUMNS_MEDIA_TYPE))
      ) {
        if (include !== null)
          throw new HttpError(
            400,
            'Query parameter "include" cannot be combined with format=columns',
            'include',
          );
        const readAt = ctx.readPosition();
        const parts = ctx.store.traceColumnsPieces(params.traceId!.toLowerCase());
        if (parts === undefined)
          throw new HttpError(404, `No trace with id "${params.traceId}" is stored`, 'traceId');
        return streamJsonText(res, 200, parts, {
          'Content-Type': `${TRACE_COLUMNS_MEDIA_TYPE}; charset=utf-8`,
          Vary: 'Accept',
          ...readAt,
        });
      }
      const readAt = ctx.readPosition();
      const pieces = ctx.store.traceJsonPieces(params.traceId!.toLowerCase(), {
        payloads: include === 'payloads',
      });
      if (pieces === undefined)
        throw new HttpError(404, `No trace with id "${params.traceId}" is stored`, 'traceId');
      return streamJsonText(res, 200, pieces, readAt);
    },
  },
  {
    method: 'GET',
    path: '/api/traces/:traceId/search',
    async handle({ res, url, params, ctx }) {
      for (const key of url.searchParams.keys()) {
        if (key !== 'q') throw new HttpError(400, `Unknown query parameter "${key}"; known: q`, key);
      }
      const q = url.searchParams.get('q') ?? '';
      if (q.trim() === '') throw new HttpError(400, 'Query parameter "q" is missing or empty', 'q');
      if (q.length > 1000)
        throw new HttpError(400, 'Query parameter "q" is longer than 1000 characters', 'q');
      await ctx.store.catchUpSearch();
      const answer = ctx.store.searchSpans(params.traceId!.toLowerCase(), q);
      if (answer === undefined)
        throw new HttpError(404, `No trace with id "${params.traceId}" is stored`, 'traceId');
      sendJson(res, 200, answer satisfies TraceSpanSearchResponse);
    },
  },
  {
    method: 'GET',
    path: '/api/traces/:traceId/spans/:spanId',
    handle({ res, params, ctx }) {
      const traceId = params.traceId!.toLowerCase();
      const span = ctx.store.getSpan(traceId, params.spanId!.toLowerCase());
      if (span) return sendJson(res, 200, span);
      if (!ctx.store.getTraceSummary(traceId)) {
        throw new HttpError(404, `No trace with id "${params.traceId}" is stored`, 'traceId');
      }
      throw new HttpError(404, `Trace "${params.traceId}" has no span with id "${params.spanId}"`, 'spanId');
    },
  },
];
