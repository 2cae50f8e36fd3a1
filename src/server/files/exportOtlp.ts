// Traces → an OTLP/JSON ExportTraceServiceRequest, the body `POST /v1/traces` accepts (this
// collector's and any other OTLP/HTTP receiver's): lowercase hex ids, times as nanosecond decimal
// strings computed with BigInt from the stored microseconds, enums as integers, one ResourceSpans
// per trace (its service as service.name). docs/file-format.md lists the attribute mapping.
import type { TraceFileEntry } from '../../shared/files.ts';
import type { SpanWithPayloads } from '../../shared/types.ts';
import { APP_VERSION } from '../../shared/version.ts';
import type { Store } from '../store/index.ts';
import { UnknownTraceError } from './exportSpyglass.ts';
import { isRecord } from './fieldReader.ts';
import { spanAttributes, traceAttributes } from './otlpAttributes.ts';
import { END_NS_ATTRIBUTE, START_NS_ATTRIBUTE } from '../ingest/otlp/spanPatch.ts';
import { millisToNanoString, toKeyValues, type KeyValue } from './otlpValues.ts';

const SPAN_KINDS: Record<string, number> = {
  unspecified: 0,
  internal: 1,
  server: 2,
  client: 3,
  producer: 4,
  consumer: 5,
};
const STATUS_OK = 1;
const STATUS_ERROR = 2;

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano?: string;
  attributes: KeyValue[];
  events: Array<{ timeUnixNano: string; name: string; attributes: KeyValue[] }>;
  links: Array<{ traceId: string; spanId: string; attributes: KeyValue[] }>;
  status: { code: number; message?: string };
}

export interface OtlpExportRequest {
  resourceSpans: Array<{
    resource: { attributes: KeyValue[] };
    scopeSpans: Array<{ scope: { name: string; version: string }; spans: OtlpSpan[] }>;
  }>;
}

/** Entries as the store answers them (`getTraceJson(id, { payloads: true })`, parsed). */
export function loadEntries(store: Store, traceIds: readonly string[]): TraceFileEntry[] {
  return traceIds.map((id) => {
    const json = store.getTraceJson(id.toLowerCase(), { payloads: true });
    if (json === undefined) throw new UnknownTraceError(id);
    return JSON.parse(json) as TraceFileEntry;
  });
}

/**
 * A span time in nanoseconds: the exact value kept when it arrived over OTLP finer than the
 * microsecond (START_NS_ATTRIBUTE, END_NS_ATTRIBUTE), if it is still the stored time; else the stored one.
 */
function spanTimeNanos(ms: number, kept: unknown): string {
  const stored = millisToNanoString(ms);
  if (typeof kept !== 'string' || !/^\d{1,20}$/.test(kept)) return stored;
  return BigInt(kept) / 1000n === BigInt(stored) / 1000n ? kept : stored;
}

function toOtlpSpan(
  span: SpanWithPayloads,
  fallbackStartMs: number,
  rootExtras: Record<string, unknown> | null,
): OtlpSpan {
  // OTLP requires a start; a span stored without one (only its end arrived) borrows its end or the trace's start.
  const startMs = span.startTime ?? span.endTime ?? fallbackStartMs;
  const attributes = rootExtras ? { ...rootExtras, ...spanAttributes(span) } : spanAttributes(span);
  const out: OtlpSpan = {
    traceId: span.traceId,
    spanId: span.spanId,
    name: span.name,
    kind: SPAN_KINDS[span.kind ?? 'internal'] ?? 1,
    startTimeUnixNano: spanTimeNanos(startMs, span.attributes[START_NS_ATTRIBUTE]),
    attributes: toKeyValues(attributes),
    events: span.events.map((e) => ({
      timeUnixNano: millisToNanoString(e.time),
      name: e.name,
      attributes: toKeyValues(e.attributes),
    })),
    links: span.links.map((l) => ({
      traceId: l.traceId,
      spanId: l.spanId,
      attributes: toKeyValues(l.attributes),
    })),
    status:
      span.status === 'error'
        ? { code: STATUS_ERROR, message: span.error?.message ?? '' }
        : { code: span.status === 'success' ? STATUS_OK : 0 },
  };
  if (span.parentSpanId) out.parentSpanId = span.parentSpanId;
  if (span.endTime !== null)
    out.endTimeUnixNano = spanTimeNanos(Math.max(span.endTime, startMs), span.attributes[END_NS_ATTRIBUTE]);
  return out;
}

export function buildOtlpRequest(entries: readonly TraceFileEntry[]): OtlpExportRequest {
  return {
    resourceSpans: entries.map(({ trace, spans }) => {
      const extras = traceAttributes(trace);
      const fallbackStart = trace.startTime ?? Date.now();
      // Spans that came over OTLP keep their resource; the first one found stands for the trace.
      const stored = spans.find((s) => isRecord(s.attributes['otel.resource']))?.attributes[
        'otel.resource'
      ] as Record<string, unknown> | undefined;
      const resource = {
        ...stored,
        'service.name': trace.service ?? stored?.['service.name'] ?? 'spyglass-export',
      };
      return {
        resource: { attributes: toKeyValues(resource) },
        scopeSpans: [
          {
            scope: { name: 'spyglass', version: APP_VERSION },
            spans: spans.map((span) =>
              toOtlpSpan(span, fallbackStart, span.parentSpanId === null ? extras : null),
            ),
          },
        ],
      };
    }),
  };
}

export function exportOtlpFile(store: Store, traceIds: readonly string[]): string {
  return `${JSON.stringify(buildOtlpRequest(loadEntries(store, traceIds)))}\n`;
}
