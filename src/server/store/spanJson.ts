// SQL that renders spans as the API's JSON inside SQLite. At 100,000 spans, turning rows into JS
// objects and then JSON costs more than the query (performance-notes.md: 0.53 s against 1.3–1.5 s),
// so the trace answer is one string built by json_group_array and written to the socket as is.
// This is the only place that maps span columns to the API's Span shape (src/shared/types.ts).

import { STORED_ONCE_PREFIX } from '../ingest/payloadAttributes.ts';

/** `s` is the spans row; `t` the traces row. */
const SKELETON_FIELDS = `
  'spanId', s.span_id,
  'traceId', t.trace_id,
  'parentSpanId', nullif(s.parent_span_id, ''),
  'name', coalesce(s.name, ''),
  'type', coalesce(s.type, 'custom'),
  'stepOrder', s.step_order,
  'startTime', s.start_us / 1000.0,
  'endTime', s.end_us / 1000.0,
  'durationMs', (s.end_us - s.start_us) / 1000.0,
  'status', CASE WHEN s.end_us IS NULL THEN 'running'
                 WHEN s.status = 'error' OR s.error_json IS NOT NULL THEN 'error' ELSE 'success' END,
  'model', s.model,
  'provider', s.provider,
  'promptTokens', s.prompt_tokens,
  'completionTokens', s.completion_tokens,
  'totalTokens', coalesce(s.total_tokens, CASE WHEN s.prompt_tokens IS NULL AND s.completion_tokens IS NULL
                 THEN NULL ELSE coalesce(s.prompt_tokens, 0) + coalesce(s.completion_tokens, 0) END),
  'costUsd', s.cost_usd,
  'costSource', s.cost_source,
  'error', json(s.error_json),
  'destructive', json(CASE WHEN s.destructive THEN 'true' ELSE 'false' END),
  'inputPreview', s.input_preview,
  'outputPreview', s.output_preview,
  'timeToFirstTokenMs', s.ttft_ms,
  'kind', s.kind,
  'inputBytes', s.input_bytes,
  'outputBytes', s.output_bytes`;

export const EVENTS_JSON = (owner: string): string => `(
  SELECT coalesce(json_group_array(json_object('time', e.time_us / 1000.0, 'name', e.name,
         'attributes', json(e.attributes)) ORDER BY e.time_us, e.name), '[]')
  FROM events e WHERE e.owner = ${owner})`;

/**
 * A span's attributes as they arrived, over span_payloads `p`: those stored once are rebuilt
 * (ingest/payloadAttributes.ts). Every reader of attributes goes through it: the span answers,
 * the attribute filters and the attribute keys suggested for them.
 */
export const ATTRIBUTES_SQL = `(CASE
    WHEN substr(p.attributes, 1, ${STORED_ONCE_PREFIX.length}) = '${STORED_ONCE_PREFIX}'
    THEN spyglass_attributes(p.attributes, p.input, p.output) ELSE p.attributes END)`;

const PAYLOAD_FIELDS = `,
  'input', json(p.input),
  'output', json(p.output),
  'attributes', json(coalesce(${ATTRIBUTES_SQL}, '{}')),
  'links', json(coalesce(p.links, '[]')),
  'events', json(${EVENTS_JSON('s.id')})`;

export function spanObjectSql(withPayloads: boolean): string {
  return `json_object(${SKELETON_FIELDS}${withPayloads ? PAYLOAD_FIELDS : ''})`;
}

/** FROM clause matching spanObjectSql: spans `s`, traces `t`, payloads `p` (when wanted). */
export function spanFromSql(withPayloads: boolean): string {
  return `spans s JOIN traces t ON t.id = s.trace_pk${withPayloads ? ' LEFT JOIN span_payloads p ON p.span_pk = s.id' : ''}`;
}

/** The answers' span order; the index spans_in_order (migration v11) walks it without a sort. */
export const SPAN_ORDER = 's.start_us IS NULL, s.start_us, s.id';
