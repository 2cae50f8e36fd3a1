// The trace list's attribute filters as SQL. Span attributes are stored as one flat JSON object
// per span (span_payloads.attributes, keys like "gen_ai.request.model"), so each filter is a
// correlated EXISTS over the trace's spans using SQLite's JSON functions: walking the
// newest-first index, a page fills after testing only the traces it shows. Values are bound, never
// spliced; the key reaches SQL only inside a bound JSON path.
import type { AttrFilter } from '../../shared/attrFilter.ts';
import { ATTRIBUTES_SQL } from './spanJson.ts';

/** A JSON path naming one top-level key, dots and all (`$."a.b"`); the parser refuses quotes. */
export function attrPath(key: string): string {
  return `$."${key}"`;
}

/**
 * Whether the span's attribute equals the filter's value, as text, number or boolean. IS, not =:
 * a value that is no number binds NULL, and `!=` must still see "not equal", not NULL.
 */
function equalsSql(n: number): string {
  const type = `json_type(${ATTRIBUTES_SQL}, @attrPath${n})`;
  const value = `json_extract(${ATTRIBUTES_SQL}, @attrPath${n})`;
  return `(CASE ${type}
    WHEN 'text' THEN ${value} IS @attrText${n}
    WHEN 'integer' THEN ${value} IS @attrNumber${n}
    WHEN 'real' THEN ${value} IS @attrNumber${n}
    WHEN 'true' THEN @attrText${n} = 'true'
    WHEN 'false' THEN @attrText${n} = 'false'
    ELSE 0 END)`;
}

function conditionSql(filter: AttrFilter, n: number): string {
  const type = `json_type(${ATTRIBUTES_SQL}, @attrPath${n})`;
  switch (filter.operator) {
    case 'exists':
      return `${type} IS NOT NULL`;
    case '=':
      return equalsSql(n);
    case '!=':
      // The span has the key, with another value: a span without it says nothing either way.
      return `${type} IS NOT NULL AND NOT ${equalsSql(n)}`;
    default:
      // Ordering compares numbers only; a text attribute holding digits is not a number.
      return `${type} IN ('integer', 'real') AND json_extract(${ATTRIBUTES_SQL}, @attrPath${n}) ${filter.operator} @attrNumber${n}`;
  }
}

/** WHERE clauses over traces `t` (one per filter) and the parameters they bind. */
export function attrFilterSql(filters: readonly AttrFilter[]): {
  where: string[];
  params: Record<string, unknown>;
} {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  filters.forEach((filter, n) => {
    where.push(`EXISTS (SELECT 1 FROM spans s JOIN span_payloads p ON p.span_pk = s.id
      WHERE s.trace_pk = t.id AND ${conditionSql(filter, n)})`);
    params[`attrPath${n}`] = attrPath(filter.key);
    if (filter.operator === 'exists') return;
    if (filter.operator === '=' || filter.operator === '!=') params[`attrText${n}`] = filter.value;
    params[`attrNumber${n}`] = filter.number ?? null;
  });
  return { where, params };
}
