// A parsed Spyglass trace file → one NormalizedBatch, after checking every trace and span of it.
// The file holds trace answers as the API gives them (epoch ms, derived fields such as previews
// and durations); those derived fields are ignored and recomputed by the store on the way in.
import { SPAN_TYPES, type SpanError, type SpanLink } from '../../shared/types.ts';
import { SPYGLASS_FILE_FORMAT, SPYGLASS_FILE_VERSION, type ImportProgress } from '../../shared/files.ts';
import { millisToMicros } from '../../shared/units.ts';
import type { NormalizedBatch, SpanEventPatch, SpanPatch, TracePatch } from '../ingest/model.ts';
import { FieldReader, Problems, describe, isRecord } from './fieldReader.ts';
import { problemsError } from './problemsError.ts';

const TRACE_ID = /^[0-9a-fA-F]{32}$/;
const SPAN_ID = /^[0-9a-fA-F]{16}$/;
const STATUSES = ['running', 'success', 'error'] as const;

export interface ReadFile {
  batch: NormalizedBatch;
  traceIds: string[];
  spanCount: number;
}

type Progress = (progress: ImportProgress) => void;

/** Throws ImportError (422) naming every problem found (up to MAX_PROBLEMS) when anything is wrong. */
export function readSpyglassFile(doc: Record<string, unknown>, onProgress: Progress = () => {}): ReadFile {
  const problems = new Problems();
  const top = new FieldReader(doc, '', problems);
  if (doc.version !== SPYGLASS_FILE_VERSION) {
    const found = doc.version === undefined ? 'no version' : `version ${describe(doc.version)}`;
    problems.add(
      'version',
      `this build reads ${SPYGLASS_FILE_FORMAT} version ${SPYGLASS_FILE_VERSION}, the file has ${found}; update Spyglass to open it`,
    );
    throw problemsError(problems);
  }
  const traces = top.array('traces', true) ?? [];
  const total = traces.reduce<number>(
    (n, t) => n + (isRecord(t) && Array.isArray(t.spans) ? t.spans.length : 0),
    0,
  );
  const batch: NormalizedBatch = { traces: [], spans: [], rejected: [] };
  const traceIds: string[] = [];
  const seenTraces = new Set<string>();
  traces.forEach((entry, t) => {
    const path = `traces[${t}]`;
    if (!isRecord(entry)) {
      problems.add(path, `expected an object with "trace" and "spans", found ${describe(entry)}`);
      return;
    }
    if (!isRecord(entry.trace)) {
      problems.add(`${path}.trace`, `expected an object, found ${describe(entry.trace)}`);
      return;
    }
    const trace = readTrace(new FieldReader(entry.trace, `${path}.trace`, problems));
    if (!trace) return;
    if (seenTraces.has(trace.traceId))
      problems.add(`${path}.trace.traceId`, `trace ${trace.traceId} appears twice in the file`);
    seenTraces.add(trace.traceId);
    const spans = new FieldReader(entry, path, problems).array('spans', true) ?? [];
    const seenSpans = new Set<string>();
    spans.forEach((raw, s) => {
      const spanPath = `${path}.spans[${s}]`;
      if (!isRecord(raw)) {
        problems.add(spanPath, `expected a span object, found ${describe(raw)}`);
        return;
      }
      const span = readSpan(new FieldReader(raw, spanPath, problems), trace.traceId);
      if (!span) return;
      if (seenSpans.has(span.spanId))
        problems.add(`${spanPath}.spanId`, `span ${span.spanId} appears twice in this trace`);
      seenSpans.add(span.spanId);
      batch.spans.push(span);
    });
    batch.traces.push(trace);
    traceIds.push(trace.traceId);
    onProgress({ phase: 'validate', done: batch.spans.length, total });
  });
  if (problems.any) throw problemsError(problems);
  return { batch, traceIds, spanCount: batch.spans.length };
}

function readError(r: FieldReader, key: string): SpanError | undefined {
  const value = r.obj[key];
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value) || typeof value.message !== 'string')
    return r.fail(key, 'expected { message, type, stack } with a string message');
  const opt = (v: unknown) => (typeof v === 'string' ? v : null);
  return { message: value.message, type: opt(value.type), stack: opt(value.stack) };
}

function readEvents(r: FieldReader, key: string): SpanEventPatch[] | undefined {
  const list = r.array(key);
  if (!list) return undefined;
  const events: SpanEventPatch[] = [];
  list.forEach((raw, i) => {
    if (!isRecord(raw)) {
      r.fail(`${key}[${i}]`, `expected an event object, found ${describe(raw)}`);
      return;
    }
    const e = r.child(raw, `${key}[${i}]`);
    const time = e.time('time', true);
    const name = e.string('name', true);
    const attributes = e.record('attributes');
    if (typeof time === 'number' && typeof name === 'string')
      events.push({ timeUs: millisToMicros(time), name, attributes: attributes ?? {} });
  });
  return events;
}

function readLinks(r: FieldReader): SpanLink[] | undefined {
  const list = r.array('links');
  if (!list) return undefined;
  const links: SpanLink[] = [];
  list.forEach((raw, i) => {
    if (!isRecord(raw)) {
      r.fail(`links[${i}]`, `expected a link object, found ${describe(raw)}`);
      return;
    }
    const l = r.child(raw, `links[${i}]`);
    const traceId = l.id('traceId', TRACE_ID, '32 hex digits', true);
    const spanId = l.id('spanId', SPAN_ID, '16 hex digits', true);
    if (traceId && spanId) links.push({ traceId, spanId, attributes: l.record('attributes') ?? {} });
  });
  return links;
}

function readTrace(r: FieldReader): TracePatch | undefined {
  const traceId = r.id('traceId', TRACE_ID, '32 hex digits', true);
  const name = r.string('name');
  const status = r.oneOf('status', STATUSES);
  const startTime = r.time('startTime');
  const endTime = r.time('endTime');
  const tags = r.stringList('tags');
  const sessionId = r.string('sessionId');
  const userId = r.string('userId');
  const service = r.string('service');
  const metadata = r.record('metadata');
  const error = readError(r, 'error');
  const events = readEvents(r, 'events');
  if (!traceId) return undefined;
  const patch: TracePatch = { traceId };
  if (name) patch.name = name;
  if (service) patch.service = service;
  if (typeof startTime === 'number') patch.startUs = millisToMicros(startTime);
  if (typeof endTime === 'number') patch.endUs = millisToMicros(endTime);
  if (status === 'success' || status === 'error') {
    patch.status = status;
    patch.ended = true;
  }
  if (r.obj.input !== undefined && r.obj.input !== null) patch.input = r.obj.input;
  if (r.obj.output !== undefined && r.obj.output !== null) patch.output = r.obj.output;
  if (tags?.length) patch.tags = tags;
  if (sessionId) patch.sessionId = sessionId;
  if (userId) patch.userId = userId;
  if (metadata && Object.keys(metadata).length) patch.metadata = metadata;
  if (error) patch.error = error;
  if (events?.length) patch.events = events;
  return patch;
}

function readSpan(r: FieldReader, traceId: string): SpanPatch | undefined {
  const spanId = r.id('spanId', SPAN_ID, '16 hex digits', true);
  const spanTraceId = r.id('traceId', TRACE_ID, '32 hex digits');
  if (spanTraceId && spanTraceId !== traceId)
    r.fail('traceId', `expected the enclosing trace's id ${traceId}, found ${spanTraceId}`);
  const parentSpanId = r.id('parentSpanId', SPAN_ID, '16 hex digits or null');
  const name = r.string('name', true);
  const type = r.oneOf('type', SPAN_TYPES, true);
  const fields = {
    stepOrder: r.number('stepOrder'),
    startTime: r.time('startTime'),
    endTime: r.time('endTime'),
    status: r.oneOf('status', STATUSES),
    model: r.string('model'),
    provider: r.string('provider'),
    promptTokens: r.count('promptTokens'),
    completionTokens: r.count('completionTokens'),
    totalTokens: r.count('totalTokens'),
    costUsd: r.nonNegative('costUsd'),
    timeToFirstTokenMs: r.nonNegative('timeToFirstTokenMs'),
    destructive: r.boolean('destructive'),
    kind: r.string('kind'),
    attributes: r.record('attributes'),
  };
  const error = readError(r, 'error');
  const events = readEvents(r, 'events');
  const links = readLinks(r);
  if (!spanId || !name || !type) return undefined;

  const patch: SpanPatch = { traceId, spanId, parentSpanId: parentSpanId ?? null, name, type };
  if (typeof fields.stepOrder === 'number') patch.stepOrder = fields.stepOrder;
  if (typeof fields.startTime === 'number') patch.startUs = millisToMicros(fields.startTime);
  if (typeof fields.endTime === 'number') patch.endUs = millisToMicros(fields.endTime);
  // 'running' is the absence of an end; only an outcome is stored.
  if (fields.status === 'success' || fields.status === 'error') patch.status = fields.status;
  for (const key of ['model', 'provider', 'kind'] as const)
    if (typeof fields[key] === 'string') patch[key] = fields[key];
  for (const key of [
    'promptTokens',
    'completionTokens',
    'totalTokens',
    'costUsd',
    'timeToFirstTokenMs',
  ] as const) {
    if (typeof fields[key] === 'number') patch[key] = fields[key];
  }
  if (typeof fields.destructive === 'boolean') patch.destructive = fields.destructive;
  if (error) patch.error = error;
  if (r.obj.input !== undefined && r.obj.input !== null) patch.input = r.obj.input;
  if (r.obj.output !== undefined && r.obj.output !== null) patch.output = r.obj.output;
  if (fields.attributes && Object.keys(fields.attributes).length) patch.attributes = fields.attributes;
  if (events?.length) patch.events = events;
  if (links?.length) patch.links = links;
  return patch;
}
