// The SDK protocol (sdk/src/protocol.ts) → NormalizedBatch. Every event is checked on its own: a bad
// event is rejected with the JSON path of the offending field and a reason, and the good events of
// the same request are kept. Pure: no I/O.
import { SPAN_TYPES, type SpanError } from '../../../shared/types.ts';
import { millisToMicros } from '../../../shared/units.ts';
import type { IngestRejection, IngestRequest } from '../../../../sdk/src/protocol.ts';
import type { NormalizedBatch, SpanPatch, TracePatch } from '../model.ts';

// The server takes only types from the SDK: typed as the SDK's protocol literal, this value stops
// compiling the day the SDK speaks another version, so the two cannot drift apart.
const PROTOCOL_VERSION: IngestRequest['protocol'] = 1;

export interface ValidatedIngest {
  batch: NormalizedBatch;
  accepted: number;
  errors: IngestRejection[];
}

/** The whole request is unusable (not an object, wrong protocol, no events array). */
export class IngestRequestError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

class Invalid extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
const KINDS = [
  'trace.start',
  'trace.update',
  'trace.end',
  'span.start',
  'span.end',
  'span.event',
  'trace.drops',
];
const KIND_SET = new Set(KINDS);
const SPAN_TYPE_SET = new Set<string>(SPAN_TYPES);
const MAX_NAME_CHARS = 1024;
// Epoch milliseconds between March 1973 and 2200: catches seconds (below 1e11 until the year 5138;
// as milliseconds they read as January 1970), microseconds and nanoseconds sent by mistake.
const MIN_TIME_MS = 100_000_000_000;
const MAX_TIME_MS = 7_258_118_400_000;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Field readers over the current event. One instance serves a whole request (no closures per event:
 * at 200 events per request they were as costly as parsing the JSON). A failure throws Invalid with
 * the field's key; the caller prefixes `events[i].`.
 */
class EventReader {
  event: Record<string, unknown> = {};

  fail(key: string, message: string): never {
    throw new Invalid(key, message);
  }

  id(key: string, pattern: RegExp, what: string): string {
    const value = this.event[key];
    if (typeof value === 'string') {
      if (pattern.test(value)) return value;
      const lower = value.toLowerCase();
      if (pattern.test(lower)) return lower;
    }
    const got = value === undefined ? 'nothing' : JSON.stringify(value).slice(0, 40);
    return this.fail(key, `must be ${what} (got ${got})`);
  }

  name(key = 'name'): string {
    const value = this.event[key];
    if (typeof value !== 'string' || value.trim() === '') this.fail(key, 'must be a non-empty string');
    if (value.length > MAX_NAME_CHARS) this.fail(key, `must be at most ${MAX_NAME_CHARS} characters`);
    return value;
  }

  time(key = 'time'): number {
    const value = this.event[key];
    if (typeof value !== 'number' || !(value >= MIN_TIME_MS && value <= MAX_TIME_MS)) {
      const seconds = typeof value === 'number' && value > 0 && value < MIN_TIME_MS;
      this.fail(
        key,
        `must be epoch milliseconds (a number such as Date.now() or performance.timeOrigin + performance.now())${seconds ? '; this looks like seconds: multiply by 1000' : ''}`,
      );
    }
    return millisToMicros(value);
  }

  string(key: string): string | undefined {
    const value = this.event[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') this.fail(key, 'must be a string');
    return value;
  }

  count(key: string): number | undefined {
    const value = this.event[key];
    if (value === undefined || value === null) return undefined;
    if (!Number.isSafeInteger(value) || (value as number) < 0)
      this.fail(key, 'must be a non-negative integer');
    return value as number;
  }

  nonNegative(key: string, what: string): number | undefined {
    const value = this.event[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
      this.fail(key, `must be a non-negative number (${what})`);
    return value;
  }

  boolean(key: string): boolean | undefined {
    const value = this.event[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') this.fail(key, 'must be true or false');
    return value;
  }

  object(key: string): Record<string, unknown> | undefined {
    const value = this.event[key];
    if (value === undefined || value === null) return undefined;
    if (!isObject(value)) this.fail(key, 'must be an object');
    return value;
  }

  status(): 'success' | 'error' | undefined {
    const value = this.event.status;
    if (value === undefined || value === null) return undefined;
    if (value !== 'success' && value !== 'error') this.fail('status', 'must be "success" or "error"');
    return value;
  }

  error(): SpanError | undefined {
    const value = this.event.error;
    if (value === undefined || value === null) return undefined;
    if (!isObject(value)) this.fail('error', 'must be an object { message, type?, stack? }');
    if (typeof value.message !== 'string') this.fail('error.message', 'must be a string');
    for (const k of ['type', 'stack'] as const) {
      if (value[k] !== undefined && value[k] !== null && typeof value[k] !== 'string')
        this.fail(`error.${k}`, 'must be a string');
    }
    return {
      message: value.message,
      type: (value.type as string | undefined) ?? null,
      stack: (value.stack as string | undefined) ?? null,
    };
  }

  tags(): string[] | undefined {
    const value = this.event.tags;
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) this.fail('tags', 'must be an array of strings');
    value.forEach((tag: unknown, i: number) => {
      if (typeof tag !== 'string' || tag === '') this.fail(`tags[${i}]`, 'must be a non-empty string');
    });
    return value as string[];
  }
}

function decodeEvent(event: unknown, r: EventReader, batch: NormalizedBatch): void {
  if (!isObject(event)) throw new Invalid('', 'must be an object with a "kind"');
  r.event = event;
  if (typeof event.kind !== 'string' || !KIND_SET.has(event.kind)) {
    r.fail('kind', `must be one of ${KINDS.join(', ')}`);
  }
  const traceId = r.id('traceId', TRACE_ID, '32 lowercase hex digits');
  switch (event.kind) {
    case 'trace.start': {
      const patch: TracePatch = { traceId, name: r.name(), startUs: r.time() };
      if (event.input !== undefined) patch.input = event.input;
      assign(patch, 'tags', r.tags());
      assign(patch, 'sessionId', r.string('sessionId'));
      assign(patch, 'userId', r.string('userId'));
      assign(patch, 'metadata', r.object('metadata'));
      batch.traces.push(patch);
      return;
    }
    case 'trace.update': {
      // Changes to a running trace (the SDK's updateTrace): no time, nothing required but the id.
      const patch: TracePatch = { traceId };
      if (event.name !== undefined && event.name !== null) patch.name = r.name();
      if (event.input !== undefined) patch.input = event.input;
      if (event.output !== undefined) patch.output = event.output;
      assign(patch, 'tags', r.tags());
      assign(patch, 'sessionId', r.string('sessionId'));
      assign(patch, 'userId', r.string('userId'));
      assign(patch, 'metadata', r.object('metadata'));
      batch.traces.push(patch);
      return;
    }
    case 'trace.end': {
      const patch: TracePatch = { traceId, endUs: r.time(), ended: true };
      if (event.output !== undefined) patch.output = event.output;
      const error = r.error();
      assign(patch, 'status', r.status() ?? (error ? 'error' : undefined));
      assign(patch, 'error', error);
      batch.traces.push(patch);
      return;
    }
    case 'trace.drops': {
      r.time();
      const patch: TracePatch = { traceId };
      assign(patch, 'sdkDroppedSpans', r.nonNegative('droppedSpans', 'a count'));
      assign(patch, 'sdkDroppedEvents', r.nonNegative('droppedEvents', 'a count'));
      batch.traces.push(patch);
      return;
    }
    case 'span.start': {
      const spanId = r.id('spanId', SPAN_ID, '16 lowercase hex digits');
      const parent = event.parentSpanId;
      const patch: SpanPatch = {
        traceId,
        spanId,
        parentSpanId:
          parent === undefined || parent === null
            ? null
            : r.id('parentSpanId', SPAN_ID, '16 lowercase hex digits or null'),
        name: r.name(),
        type: spanType(event.type, r),
        startUs: r.time(),
      };
      if (event.input !== undefined) patch.input = event.input;
      assign(patch, 'model', r.string('model'));
      assign(patch, 'provider', r.string('provider'));
      assign(patch, 'stepOrder', r.count('stepOrder'));
      assign(patch, 'destructive', r.boolean('destructive'));
      assign(patch, 'attributes', r.object('attributes'));
      batch.spans.push(patch);
      return;
    }
    case 'span.end': {
      const patch: SpanPatch = {
        traceId,
        spanId: r.id('spanId', SPAN_ID, '16 lowercase hex digits'),
        endUs: r.time(),
      };
      if (event.output !== undefined) patch.output = event.output;
      const error = r.error();
      assign(patch, 'status', r.status() ?? (error ? 'error' : undefined));
      assign(patch, 'error', error);
      if (event.name !== undefined && event.name !== null) patch.name = r.name(); // a rename
      assign(patch, 'model', r.string('model'));
      assign(patch, 'promptTokens', r.count('promptTokens'));
      assign(patch, 'completionTokens', r.count('completionTokens'));
      assign(patch, 'totalTokens', r.count('totalTokens'));
      assign(patch, 'cacheReadTokens', r.count('cacheReadTokens'));
      assign(patch, 'cacheWriteTokens', r.count('cacheWriteTokens'));
      assign(patch, 'costUsd', r.nonNegative('costUsd', 'US dollars'));
      assign(patch, 'timeToFirstTokenMs', r.nonNegative('timeToFirstTokenMs', 'milliseconds'));
      assign(patch, 'attributes', r.object('attributes'));
      batch.spans.push(patch);
      return;
    }
    case 'span.event': {
      const spanId =
        event.spanId === undefined || event.spanId === null
          ? null
          : r.id('spanId', SPAN_ID, '16 lowercase hex digits');
      const logged = { timeUs: r.time(), name: r.name(), attributes: r.object('attributes') ?? {} };
      if (spanId) batch.spans.push({ traceId, spanId, events: [logged] });
      else batch.traces.push({ traceId, events: [logged] });
      return;
    }
  }
}

function spanType(value: unknown, r: EventReader): SpanPatch['type'] {
  if (typeof value !== 'string' || !SPAN_TYPE_SET.has(value)) {
    r.fail('type', `must be one of ${SPAN_TYPES.join(', ')}`);
  }
  return value as SpanPatch['type'];
}

function assign<T extends object, K extends keyof T>(target: T, field: K, value: T[K] | undefined): void {
  if (value !== undefined) target[field] = value;
}

/** Validates a parsed IngestRequest. Throws IngestRequestError only when nothing in it is usable. */
export function validateIngest(body: unknown): ValidatedIngest {
  if (!isObject(body))
    throw new IngestRequestError('', 'the body must be a JSON object { protocol, events }');
  if (body.protocol !== PROTOCOL_VERSION) {
    throw new IngestRequestError(
      'protocol',
      `must be ${PROTOCOL_VERSION} (this collector speaks protocol ${PROTOCOL_VERSION}; got ${JSON.stringify(body.protocol) ?? 'nothing'})`,
    );
  }
  if (!Array.isArray(body.events)) throw new IngestRequestError('events', 'must be an array of events');
  const batch: NormalizedBatch = { traces: [], spans: [], rejected: [] };
  const errors: IngestRejection[] = [];
  const reader = new EventReader();
  const events: unknown[] = body.events;
  for (let index = 0; index < events.length; index++) {
    const tracesBefore = batch.traces.length;
    const spansBefore = batch.spans.length;
    try {
      decodeEvent(events[index], reader, batch);
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      batch.traces.length = tracesBefore;
      batch.spans.length = spansBefore;
      const field = error.field ? `events[${index}].${error.field}` : `events[${index}]`;
      errors.push({ index, field, message: error.message });
      batch.rejected.push({ field, message: error.message });
    }
  }
  return { batch, accepted: body.events.length - errors.length, errors };
}
