// GET /api/values/:field?q=TEXT&limit=N: the trace list filters' suggestions (model, tag, name),
// each known value containing the text with how many traces hold it; `attr` suggests span
// attribute keys, read from the newest spans (store/attrKeys.ts).
import type { FilterValuesResponse } from '../../../shared/types.ts';
import { HttpError, sendJson } from '../http.ts';
import type { Route } from '../router.ts';

const FIELDS = ['model', 'tag', 'name', 'attr'] as const;
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 200;

export const routes: Route[] = [
  {
    method: 'GET',
    path: '/api/values/:field',
    handle({ res, url, params, ctx }) {
      const field = params.field as (typeof FIELDS)[number];
      if (!FIELDS.includes(field)) {
        throw new HttpError(404, `No filter "${params.field}"; known: ${FIELDS.join(', ')}`, 'field');
      }
      for (const key of url.searchParams.keys()) {
        if (key !== 'q' && key !== 'limit')
          throw new HttpError(400, `Unknown query parameter "${key}"; known: q, limit`, key);
      }
      const text = url.searchParams.get('q') ?? '';
      if (text.length > 1000)
        throw new HttpError(400, 'Query parameter "q" is longer than 1000 characters', 'q');
      const limitText = url.searchParams.get('limit');
      const limit = limitText === null ? DEFAULT_LIMIT : Number(limitText);
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
        throw new HttpError(
          400,
          `Query parameter "limit" must be an integer from 1 to ${MAX_LIMIT}`,
          'limit',
        );
      }
      if (field === 'attr') {
        const body: FilterValuesResponse = { values: ctx.store.attributeKeys(text, limit), listed: true };
        return sendJson(res, 200, body);
      }
      const values = ctx.store.filterValues(field, text, limit);
      const body: FilterValuesResponse = { values: values ?? [], listed: values !== null };
      sendJson(res, 200, body);
    },
  },
];
