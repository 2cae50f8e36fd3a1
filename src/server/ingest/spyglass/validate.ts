// The SDK protocol (sdk/src/protocol.ts) → NormalizedBatch. Every event is checked on its own: a bad
// event is rejected with the JSON path of the offending field and a reason, and the good events of
// the same request are kept. Pure: no I/O.
import { SPAN_TYPES, type SpanError } from '../../../shared/types.ts';
import { millisToMicros } from '../../../shared/units.ts';
import type { IngestRejection } from '../../../../sdk/src/protocol.ts';
import { PROTOCOL_VERSION } from '../../../../sdk/src/protocol.ts';
import type { NormalizedBatch, SpanPatch, TracePatch } from '../model.ts';

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
const KINDS = ['trace.start', 'trace.end', 'span.start', 'span.end', 'span.event'];
const MAX_NAME_CHARS = 1024;
// Epoch milliseconds between 1970 and 2200: catches seconds, microseconds and nanoseconds sent by mistake.
const MAX_TIME_MS = 7_258_118_400_000;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Field readers bound to one event, so each failure names `events[i].field`. */
function reader(event: Record<string, unknown>, path: string) {
  const fail = (key: string, message: string): never => {
    throw new Invalid(`${path}.${key}`, message);
  };
  const optional = <T>(key: string, check: (v: unknown) => v is T, expected: string): T | undefined => {
    const value = event[key];
    if (value === undefined || value === null) return undefined;
    if (!check(value)) fail(key, `must be ${expected}`);
    return value as T;
  };
  const isString = (v: unknown): v is string => typeof v === 'string';
  const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
  const isNonNegative = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  return {
    fail,
    id(key: string, pattern: RegExp, what: string): string {
      const value = event[key];
      if (typeof value !== 'string' || !pattern.test(value.toLowerCase())) {
        fail(
          key,
          `must be ${what} (got ${value === undefined ? 'nothing' : JSON.stringify(value).slice(0, 40)})`,
        );
      }
      return (value as string).toLowerCase();
    },
    name(key = 'name'): string {
      const value = event[key];
      if (typeof value !== 'string' || value.trim() === '') fail(key, 'must be a non-empty string');
      if ((value as string).length > MAX_NAME_CHARS)
        fail(key, `must be at most ${MAX_NAME_CHARS} characters`);
      return value as string;
    },
    time(key = 'time'): number {
      const value = event[key];
      if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > MAX_TIME_MS) {
        fail(
          key,
          'must be epoch milliseconds (a number such as Date.now() or performance.timeOrigin + performance.now())',
        );
      }
      return millisToMicros(value as number);
    },
    string: (key: string) => optional(key, isString, 'a string'),
    count: (key: string) => optional(key, isCount, 'a non-negative integer'),
    cost: (key: string) => optional(key, isNonNegative, 'a non-negative number (US dollars)'),
    duration: (key: string) => optional(key, isNonNegative, 'a non-negative number of milliseconds'),
    boolean: (key: string) => optional(key, (v): v is boolean => typeof v === 'boolean', 'true or false'),
    object: (key: string) => optional(key, isObject, 'an object'),
    status(): 'success' | 'error' | undefined {
      return optional(
        'status',
        (v): v is 'success' | 'error' => v === 'success' || v === 'error',
        '"success" or "error"',
      );
    },
    error(): SpanError | undefined {
      const value = optional('error', isObject, 'an object { message, type?, stack? }');
      if (!value) return undefined;
      if (typeof value.message !== 'string') fail('error.message', 'must be a string');
      for (const k of ['type', 'stack'] as const) {
        if (value[k] !== undefined && value[k] !== null && typeof value[k] !== 'string')
          fail(`error.${k}`, 'must be a string');
      }
      return {
        message: value.message as string,
        type: (value.type as string | undefined) ?? null,
        stack: (value.stack as string | undefined) ?? null,
      };
    },
    tags(): string[] | undefined {
      const value = event.tags;
      if (value === undefined || value === null) return undefined;
      if (!Array.isArray(value)) fail('tags', 'must be an array of strings');
      (value as unknown[]).forEach((tag, i) => {
        if (typeof tag !== 'string' || tag === '') fail(`tags[${i}]`, 'must be a non-empty string');
      });
      return value as string[];
    },
  };
}

function decodeEvent(event: unknown, path: string, batch: NormalizedBatch): void {
  if (!isObject(event)) throw new Invalid(path, 'must be an object with a "kind"');
  const r = reader(event, path);
  if (typeof event.kind !== 'string' || !KINDS.includes(event.kind)) {
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
    case 'trace.end': {
      const patch: TracePatch = { traceId, endUs: r.time(), ended: true };
      if (event.output !== undefined) patch.output = event.output;
      const error = r.error();
      assign(patch, 'status', r.status() ?? (error ? 'error' : undefined));
      assign(patch, 'error', error);
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
        type: spanType(event.type, r.fail),
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
      assign(patch, 'model', r.string('model'));
      assign(patch, 'promptTokens', r.count('promptTokens'));
      assign(patch, 'completionTokens', r.count('completionTokens'));
      assign(patch, 'totalTokens', r.count('totalTokens'));
      assign(patch, 'costUsd', r.cost('costUsd'));
      assign(patch, 'timeToFirstTokenMs', r.duration('timeToFirstTokenMs'));
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

function spanType(value: unknown, fail: (key: string, message: string) => never): SpanPatch['type'] {
  if (typeof value !== 'string' || !(SPAN_TYPES as readonly string[]).includes(value)) {
    fail('type', `must be one of ${SPAN_TYPES.join(', ')}`);
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
  body.events.forEach((event: unknown, index: number) => {
    const path = `events[${index}]`;
    const before = { traces: batch.traces.length, spans: batch.spans.length };
    try {
      decodeEvent(event, path, batch);
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      batch.traces.length = before.traces;
      batch.spans.length = before.spans;
      errors.push({ index, field: error.field, message: error.message });
      batch.rejected.push({ field: error.field, message: error.message });
    }
  });
  return { batch, accepted: body.events.length - errors.length, errors };
}
