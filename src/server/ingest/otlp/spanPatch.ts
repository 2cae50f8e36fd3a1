// One decoded OTLP span → SpanPatch: the OTLP facts (ids, times, kind, status, events, links),
// the convention mapping (type, model, tokens, payloads, …), and every attribute kept raw.
import type { SpanError } from '../../../shared/types.ts';
import type { SpanPatch } from '../model.ts';
import { mapConventions, type SpanMapping } from './conventions/combine.ts';
import type { DecodedSpan } from './decoded.ts';

const KIND_NAMES = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];

/** Span attributes holding a start or end time finer than the microsecond, in nanoseconds as sent. */
export const START_NS_ATTRIBUTE = 'otel.start_time_unix_nano';
export const END_NS_ATTRIBUTE = 'otel.end_time_unix_nano';

function errorOf(span: DecodedSpan, mapping: SpanMapping): SpanError {
  // The last exception event is the one that ended the span.
  const exception = span.events.findLast((e) => e.name === 'exception')?.attributes ?? {};
  const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
  return {
    message:
      text(span.statusMessage) ??
      mapping.errorMessage ??
      text(exception['exception.message']) ??
      mapping.errorType ??
      'error',
    type: text(exception['exception.type']) ?? mapping.errorType ?? null,
    stack: text(exception['exception.stacktrace']),
  };
}

/** Derived values that have no SpanPatch column go into attributes under `spyglass.*`. */
function derivedAttributes(span: DecodedSpan, mapping: SpanMapping): void {
  const a = span.attributes;
  a['otel.resource'] = span.resource;
  a['otel.scope'] =
    span.scope.attributes && Object.keys(span.scope.attributes).length > 0
      ? span.scope
      : { name: span.scope.name, version: span.scope.version };
  if (span.traceState) a['otel.trace_state'] = span.traceState;
  // The store's times are microseconds; finer times are kept exactly, as sent (export uses them).
  if (span.exactNs.start) a[START_NS_ATTRIBUTE] = span.exactNs.start;
  if (span.exactNs.end) a[END_NS_ATTRIBUTE] = span.exactNs.end;
  if (span.statusMessage) a['otel.status_message'] = span.statusMessage;
  const d = span.dropped;
  if (d.attributes > 0) a['otel.dropped_attributes_count'] = d.attributes;
  if (d.events > 0) a['otel.dropped_events_count'] = d.events;
  if (d.links > 0) a['otel.dropped_links_count'] = d.links;
  if (d.cappedAttributes > 0) a['spyglass.otlp.capped_attributes'] = d.cappedAttributes;
  if (d.cappedEvents > 0) a['spyglass.otlp.capped_events'] = d.cappedEvents;
  const extra: Array<[string, unknown]> = [
    ['spyglass.tool.name', mapping.toolName],
    ['spyglass.tool.call_id', mapping.toolCallId],
    ['spyglass.agent.name', mapping.agentName],
    ['spyglass.request_model', mapping.requestModel],
    ['spyglass.usage.cache_read_tokens', mapping.cacheReadTokens],
    ['spyglass.usage.cache_write_tokens', mapping.cacheWriteTokens],
    ['spyglass.usage.reasoning_tokens', mapping.reasoningTokens],
    ['spyglass.finish_reasons', mapping.finishReasons],
    ['spyglass.session_id', mapping.sessionId],
    ['spyglass.user_id', mapping.userId],
    ['spyglass.tags', mapping.tags],
    ['spyglass.cost_source', mapping.costUsd !== undefined ? 'reported' : undefined],
    ['spyglass.payload_guess', mapping.payloadGuessed],
  ];
  for (const [key, value] of extra) if (value !== undefined) a[key] = value;
}

/**
 * Spyglass's own attributes for what no AI convention names: the step order and the destructive
 * flag. Spyglass's OTLP export writes them, so a trace survives the round trip, and any OTel user
 * can set them by hand. Values of the wrong type are left as plain attributes.
 */
function spyglassFields(attributes: Record<string, unknown>): Pick<SpanPatch, 'stepOrder' | 'destructive'> {
  const fields: Pick<SpanPatch, 'stepOrder' | 'destructive'> = {};
  const stepOrder = attributes['spyglass.step_order'];
  if (typeof stepOrder === 'number' && Number.isSafeInteger(stepOrder)) fields.stepOrder = stepOrder;
  const destructive = attributes['spyglass.destructive'];
  if (typeof destructive === 'boolean') fields.destructive = destructive;
  return fields;
}

export function toSpanPatch(span: DecodedSpan, mapping: SpanMapping = mapConventions(span)): SpanPatch {
  const isError = span.statusCode === 2 || mapping.errorType !== undefined;
  const patch: SpanPatch = {
    traceId: span.traceId,
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    name: span.name,
    type: mapping.type,
    startUs: span.startUs,
    kind: KIND_NAMES[span.kind] ?? 'unspecified',
  };
  if (span.endUs !== null) patch.endUs = span.endUs;
  // OTLP normally carries ended spans; without an end the span stays running unless it failed.
  if (span.endUs !== null || isError) patch.status = isError ? 'error' : 'success';
  if (isError) patch.error = errorOf(span, mapping);
  const model = mapping.model;
  if (model !== undefined) patch.model = model;
  // Without a provider, ingestOtlpTraces fills it in from the price table (inferProviders).
  if (mapping.provider !== undefined) patch.provider = mapping.provider;
  if (mapping.promptTokens !== undefined) patch.promptTokens = mapping.promptTokens;
  if (mapping.completionTokens !== undefined) patch.completionTokens = mapping.completionTokens;
  if (mapping.totalTokens !== undefined) patch.totalTokens = mapping.totalTokens;
  if (mapping.cacheReadTokens !== undefined) patch.cacheReadTokens = mapping.cacheReadTokens;
  if (mapping.cacheWriteTokens !== undefined) patch.cacheWriteTokens = mapping.cacheWriteTokens;
  if (mapping.costUsd !== undefined) patch.costUsd = mapping.costUsd;
  if (mapping.timeToFirstTokenMs !== undefined) patch.timeToFirstTokenMs = mapping.timeToFirstTokenMs;
  if (mapping.input !== undefined) patch.input = mapping.input;
  if (mapping.output !== undefined) patch.output = mapping.output;
  Object.assign(patch, spyglassFields(span.attributes));
  derivedAttributes(span, mapping);
  patch.attributes = span.attributes;
  if (span.events.length > 0) patch.events = span.events;
  if (span.links.length > 0) patch.links = span.links;
  return patch;
}
