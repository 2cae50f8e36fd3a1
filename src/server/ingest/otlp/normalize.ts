// DecodedRequest → NormalizedBatch: one SpanPatch per span, one TracePatch per trace carrying
// what OTLP knows about the trace as a whole (service, session, user, tags, metadata, and the
// root span's input/output). Name and status are left to the store, which derives them from the
// root span, or the service while the root has not arrived (store/traceState.ts).
import type { NormalizedBatch, SpanPatch, TracePatch } from '../model.ts';
import { mapConventions, type SpanMapping } from './conventions/combine.ts';
import type { DecodedRequest } from './decoded.ts';
import { storeOnce } from '../payloadAttributes.ts';
import { fillMastraInferences } from './mastraInferences.ts';
import { toSpanPatch } from './spanPatch.ts';

function traceOf(traces: Map<string, TracePatch>, traceId: string): TracePatch {
  let trace = traces.get(traceId);
  if (!trace) {
    trace = { traceId };
    traces.set(traceId, trace);
  }
  return trace;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * The trace's service: `service.name`, else the Phoenix project (OpenInference exporters often
 * set only `openinference.project.name`), which also beats the SDK's `unknown_service:<process>`.
 */
function serviceOf(resource: Record<string, unknown>): string | undefined {
  const service = text(resource['service.name']);
  const project = text(resource['openinference.project.name']);
  if (service?.startsWith('unknown_service')) return project ?? service;
  return service ?? project;
}

function addToTrace(
  trace: TracePatch,
  patch: SpanPatch,
  mapping: SpanMapping,
  resource: Record<string, unknown>,
): void {
  const isRoot = patch.parentSpanId === null;
  const service = resource['service.name'];
  const serviceName = serviceOf(resource);
  if (serviceName !== undefined && (isRoot || trace.service === undefined)) trace.service = serviceName;
  // Session and user: root span first, else the first span that has one.
  if (mapping.sessionId !== undefined && (isRoot || trace.sessionId === undefined))
    trace.sessionId = mapping.sessionId;
  if (mapping.userId !== undefined && (isRoot || trace.userId === undefined)) trace.userId = mapping.userId;
  if (mapping.tags) trace.tags = [...new Set([...(trace.tags ?? []), ...mapping.tags])];
  const project = resource['openinference.project.name'];
  const metadata = {
    ...(typeof service === 'string' ? { 'service.name': service } : {}),
    ...(typeof project === 'string' ? { 'openinference.project.name': project } : {}),
    ...mapping.metadata,
  };
  if (Object.keys(metadata).length > 0) trace.metadata = { ...trace.metadata, ...metadata };
  if (isRoot) {
    if (patch.input !== undefined) trace.input = patch.input;
    if (patch.output !== undefined) trace.output = patch.output;
  }
  // Trace-level values set on any span (Langfuse `langfuse.trace.*`) win over the root's payloads.
  if (mapping.traceName !== undefined) trace.name = mapping.traceName;
  if (mapping.traceInput !== undefined) trace.input = mapping.traceInput;
  if (mapping.traceOutput !== undefined) trace.output = mapping.traceOutput;
}

export function normalize(decoded: DecodedRequest): NormalizedBatch {
  const traces = new Map<string, TracePatch>();
  const spans: SpanPatch[] = [];
  for (const span of decoded.spans) {
    const mapping = mapConventions(span);
    const resource = span.resource;
    const patch = toSpanPatch(span, mapping);
    spans.push(patch);
    addToTrace(traceOf(traces, span.traceId), patch, mapping, resource);
  }
  fillMastraInferences(spans);
  // Last, once input and output are final: attributes they rebuild exactly are not stored twice.
  for (const patch of spans) if (patch.attributes) patch.attributes = storeOnce(patch.attributes, patch);
  return { traces: [...traces.values()], spans, rejected: decoded.rejected };
}
