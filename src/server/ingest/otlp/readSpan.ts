// One OTLP Span (JSON object or protobufjs message) → DecodedSpan, or the reason it is rejected.
import type { SpanLink } from '../../../shared/types.ts';
import type { SpanEventPatch } from '../model.ts';
import type { DecodedScope, DecodedSpan } from './decoded.ts';
import { isAllZero, readId } from './ids.ts';
import { MAX_EVENT_ATTRIBUTES, MAX_EVENTS, MAX_LINKS, MAX_SPAN_ATTRIBUTES } from './limits.ts';
import { readTime } from './times.ts';
import { asArray, pick, readAttributes } from './values.ts';

export type SpanResult = { ok: true; span: DecodedSpan } | { ok: false; field: string; message: string };

const KIND_NAMES: Record<string, number> = {
  SPAN_KIND_UNSPECIFIED: 0,
  SPAN_KIND_INTERNAL: 1,
  SPAN_KIND_SERVER: 2,
  SPAN_KIND_CLIENT: 3,
  SPAN_KIND_PRODUCER: 4,
  SPAN_KIND_CONSUMER: 5,
};
const STATUS_NAMES: Record<string, number> = {
  STATUS_CODE_UNSET: 0,
  STATUS_CODE_OK: 1,
  STATUS_CODE_ERROR: 2,
};

/** OTLP/JSON enums are integers; a tolerant reader also maps their names. Unknown → 0. */
function readEnum(value: unknown, names: Record<string, number>): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string')
    return names[value.toUpperCase()] ?? (/^\d+$/.test(value) ? Number(value) : 0);
  return 0;
}

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

function readEvents(list: unknown): { events: SpanEventPatch[]; capped: number } {
  const items = asArray(list);
  const events: SpanEventPatch[] = [];
  const n = Math.min(items.length, MAX_EVENTS);
  for (let i = 0; i < n; i++) {
    const raw = items[i];
    const time = readTime(pick(raw, 'timeUnixNano', 'time_unix_nano'), 'timeUnixNano', true);
    if (!time.ok || time.us === null) continue; // an event without a usable time cannot be placed; drop it alone
    const { attributes, dropped } = readAttributes(
      pick(raw, 'attributes', 'attributes'),
      MAX_EVENT_ATTRIBUTES,
    );
    if (dropped > 0) attributes['spyglass.otlp.capped_attributes'] = dropped;
    events.push({ timeUs: time.us, name: str(pick(raw, 'name', 'name')), attributes });
  }
  return { events, capped: items.length - n };
}

function readLinks(list: unknown): { links: SpanLink[]; dropped: number } {
  const items = asArray(list);
  const links: SpanLink[] = [];
  let dropped = Math.max(0, items.length - MAX_LINKS);
  for (const raw of items.slice(0, MAX_LINKS)) {
    const traceId = readId(pick(raw, 'traceId', 'trace_id'), 16, 'traceId');
    const spanId = readId(pick(raw, 'spanId', 'span_id'), 8, 'spanId');
    if (!traceId.ok || !spanId.ok || !traceId.hex || !spanId.hex) {
      dropped++;
      continue;
    }
    const { attributes } = readAttributes(pick(raw, 'attributes', 'attributes'), MAX_EVENT_ATTRIBUTES);
    links.push({ traceId: traceId.hex, spanId: spanId.hex, attributes });
  }
  return { links, dropped };
}

export function readSpan(
  raw: unknown,
  path: string,
  resource: Record<string, unknown>,
  scope: DecodedScope,
): SpanResult {
  if (raw === null || typeof raw !== 'object')
    return { ok: false, field: path, message: 'span must be an object' };
  const traceId = readId(pick(raw, 'traceId', 'trace_id'), 16, 'traceId');
  if (!traceId.ok) return { ok: false, field: `${path}.traceId`, message: traceId.problem };
  if (!traceId.hex || isAllZero(traceId.hex))
    return { ok: false, field: `${path}.traceId`, message: 'traceId is missing or all zeros' };
  const spanId = readId(pick(raw, 'spanId', 'span_id'), 8, 'spanId');
  if (!spanId.ok) return { ok: false, field: `${path}.spanId`, message: spanId.problem };
  if (!spanId.hex || isAllZero(spanId.hex))
    return { ok: false, field: `${path}.spanId`, message: 'spanId is missing or all zeros' };
  const parent = readId(pick(raw, 'parentSpanId', 'parent_span_id'), 8, 'parentSpanId');
  if (!parent.ok) return { ok: false, field: `${path}.parentSpanId`, message: parent.problem };

  const start = readTime(pick(raw, 'startTimeUnixNano', 'start_time_unix_nano'), 'startTimeUnixNano', true);
  if (!start.ok) return { ok: false, field: `${path}.startTimeUnixNano`, message: start.problem };
  const end = readTime(pick(raw, 'endTimeUnixNano', 'end_time_unix_nano'), 'endTimeUnixNano', false);
  if (!end.ok) return { ok: false, field: `${path}.endTimeUnixNano`, message: end.problem };
  if (end.us !== null && start.us !== null && end.us < start.us) {
    return {
      ok: false,
      field: `${path}.endTimeUnixNano`,
      message: 'endTimeUnixNano is before startTimeUnixNano',
    };
  }

  const attrs = readAttributes(pick(raw, 'attributes', 'attributes'), MAX_SPAN_ATTRIBUTES);
  const { events, capped: cappedEvents } = readEvents(pick(raw, 'events', 'events'));
  const { links, dropped: droppedLinks } = readLinks(pick(raw, 'links', 'links'));
  const status = pick(raw, 'status', 'status');
  const spanIdHex = spanId.hex;
  const parentHex = parent.hex && !isAllZero(parent.hex) && parent.hex !== spanIdHex ? parent.hex : null;

  return {
    ok: true,
    span: {
      path,
      traceId: traceId.hex,
      spanId: spanIdHex,
      parentSpanId: parentHex,
      name: str(pick(raw, 'name', 'name')),
      kind: readEnum(pick(raw, 'kind', 'kind'), KIND_NAMES),
      startUs: start.us!,
      endUs: end.us,
      exactNs: {
        ...(start.exactNs ? { start: start.exactNs } : {}),
        ...(end.exactNs ? { end: end.exactNs } : {}),
      },
      attributes: attrs.attributes,
      events,
      links,
      statusCode: readEnum(pick(status, 'code', 'code'), STATUS_NAMES),
      statusMessage: str(pick(status, 'message', 'message')),
      traceState: str(pick(raw, 'traceState', 'trace_state')),
      flags: num(pick(raw, 'flags', 'flags')),
      resource,
      scope,
      dropped: {
        attributes: num(pick(raw, 'droppedAttributesCount', 'dropped_attributes_count')),
        events: num(pick(raw, 'droppedEventsCount', 'dropped_events_count')),
        links: num(pick(raw, 'droppedLinksCount', 'dropped_links_count')) + droppedLinks,
        cappedAttributes: attrs.dropped,
        cappedEvents,
      },
    },
  };
}
