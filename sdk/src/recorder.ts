// The explicit lifecycle (startTrace / startSpan / endSpan / endTrace / event) turned into wire
// events. Every public entry point catches everything: the agent gets its ids back even if the
// arguments are nonsense or something inside the SDK goes wrong.
import { activeFrame, enterFrame } from './context.ts';
import type { Frame } from './context.ts';
import { nowMs } from './clock.ts';
import { isSpanId, isTraceId, newSpanId, newTraceId } from './ids.ts';
import type { Masker } from './mask.ts';
import { asObject, count, pick, spanType, status, tags, wireError } from './normalize.ts';
import type { Loose } from './normalize.ts';
import type { SpanEndEvent, SpanStartEvent, WireError, WireEvent, WireSpanType } from './protocol.ts';
import { activeOtelSpan } from './otel.ts';
import type { OtelSpanRef } from './otel.ts';
import { Registry } from './registry.ts';
import type { TraceRecord } from './registry.ts';
import { sanitize } from './sanitize.ts';
import type { SanitizeLimits } from './sanitize.ts';

export interface RecorderSink {
  enqueue(event: WireEvent, approxBytes: number): void;
}

export interface RecorderSettings {
  limits: SanitizeLimits;
  masker: Masker | null;
  captureInput: boolean;
  captureOutput: boolean;
}

/** Fixed cost of an event's envelope in the byte estimate. */
const EVENT_BYTES = 200;

export class Recorder {
  readonly registry = new Registry();
  private readonly sink: RecorderSink;
  private readonly settings: RecorderSettings;
  /** The latest trace started and not ended: the vendors' "active trace" when no async context says otherwise. */
  private lastTraceId: string | null = null;

  constructor(sink: RecorderSink, settings: RecorderSettings) {
    this.sink = sink;
    this.settings = settings;
  }

  private capture(value: unknown, enabled: boolean): { value: unknown; bytes: number } {
    if (value === undefined || !enabled) return { value: undefined, bytes: 0 };
    const out = sanitize(value, this.settings.limits, this.settings.masker);
    return { value: out.value, bytes: out.approxBytes };
  }

  private attributes(value: unknown): { value: Record<string, unknown> | undefined; bytes: number } {
    if (typeof value !== 'object' || value === null) return { value: undefined, bytes: 0 };
    const out = sanitize(value, this.settings.limits, this.settings.masker);
    const attrs = out.value;
    return typeof attrs === 'object' && attrs !== null && !Array.isArray(attrs)
      ? { value: attrs as Record<string, unknown>, bytes: out.approxBytes }
      : { value: undefined, bytes: 0 };
  }

  startTrace(arg: unknown, enter: boolean): string {
    const opts = typeof arg === 'string' ? { name: arg } : asObject(arg);
    const given = pick(opts, ['traceId', 'trace_id', 'id'], 'string');
    const traceId = isTraceId(given) ? given : newTraceId();
    const time = nowMs();
    const name = this.maskText(
      (pick(opts, ['name'], 'string') as string | undefined)?.slice(0, 500) || 'trace',
    );
    const frame: Frame | null = enter ? { traceId, spanId: null } : null;
    this.registry.traces.set(traceId, {
      name,
      frame,
      ended: false,
      implicitRootSpanId: null,
      nextStep: 1,
      lastTime: time,
    });
    const input = this.capture(opts.input, this.settings.captureInput);
    const metadata = this.attributes(opts.metadata);
    this.sink.enqueue(
      {
        kind: 'trace.start',
        traceId,
        name,
        time,
        input: input.value,
        tags: tags(opts.tags)?.map((tag) => this.maskText(tag)),
        sessionId: this.maskText(pick(opts, ['sessionId', 'session_id'], 'string') as string | undefined),
        userId: this.maskText(pick(opts, ['userId', 'user_id'], 'string') as string | undefined),
        metadata: metadata.value,
      },
      EVENT_BYTES + input.bytes + metadata.bytes,
    );
    // Only the explicit startTrace() becomes "the active trace"; traces the SDK opens for traced()
    // or a lone span are reached through async context or ids, so concurrent ones stay apart.
    if (frame) {
      this.lastTraceId = traceId;
      enterFrame(frame);
    }
    return traceId;
  }

  /** Changes a started trace (the current one unless `traceId` is given): name, input, output, tags, session, user, metadata. */
  updateTrace(traceIdArg: unknown, fieldsArg: unknown): void {
    const fields = asObject(fieldsArg);
    const traceId = isTraceId(traceIdArg) ? traceIdArg : this.currentTraceId();
    if (!traceId) return;
    const input = this.capture(fields.input, this.settings.captureInput);
    const output = this.capture(fields.output, this.settings.captureOutput);
    const metadata = this.attributes(fields.metadata);
    const name = (pick(fields, ['name'], 'string') as string | undefined)?.slice(0, 500) || undefined;
    if (name) {
      const record = this.registry.traces.get(traceId);
      if (record) record.name = name;
    }
    this.sink.enqueue(
      {
        kind: 'trace.update',
        traceId,
        name,
        input: input.value,
        output: output.value,
        tags: tags(fields.tags),
        sessionId: pick(fields, ['sessionId', 'session_id'], 'string'),
        userId: pick(fields, ['userId', 'user_id'], 'string'),
        metadata: metadata.value,
      },
      EVENT_BYTES + input.bytes + output.bytes + metadata.bytes,
    );
  }

  endTrace(traceIdArg: unknown, resultArg: unknown): void {
    const result = asObject(resultArg);
    // endTrace() without an id ends the trace of this context, else the last one startTrace() made.
    const traceId = isTraceId(traceIdArg) ? traceIdArg : (this.currentTraceId() ?? this.lastTraceId);
    if (!traceId) return;
    closeTrace(this.registry.traces.end(traceId));
    const frame = activeFrame();
    if (frame?.traceId === traceId && frame.spanId === null) frame.closed = true;
    if (this.lastTraceId === traceId) this.lastTraceId = null;
    const output = this.capture(result.output, this.settings.captureOutput);
    const error = this.maskError(wireError(result.error));
    this.sink.enqueue(
      {
        kind: 'trace.end',
        traceId,
        time: nowMs(),
        output: output.value,
        status: status(result.status) ?? (error ? 'error' : undefined),
        error,
      },
      EVENT_BYTES + output.bytes,
    );
  }

  /**
   * The trace that running code belongs to: an active OpenTelemetry span that is nearer than the
   * SDK's own context, else the SDK's async context. Falling back to "the latest trace started"
   * put a setInterval heartbeat inside whichever request's trace happened to be open; code outside
   * any trace's context now starts its own.
   */
  currentTraceId(): string | null {
    const frame = this.usableFrame();
    return this.otelParent(frame)?.traceId ?? frame?.traceId ?? null;
  }

  currentSpanId(): string | null {
    const frame = this.usableFrame();
    return this.otelParent(frame)?.spanId ?? frame?.spanId ?? null;
  }

  /**
   * The OpenTelemetry span SDK spans join: the active one when the SDK has no context of its
   * own, or one started inside the current SDK span (same trace, not the span active when the
   * SDK span began). An OTel span of another trace inside an SDK span does not split the run.
   */
  private otelParent(frame: Frame | undefined): OtelSpanRef | null {
    const otel = activeOtelSpan();
    if (!otel) return null;
    if (!frame) return otel;
    return frame.otelSpanId !== otel.spanId && frame.traceId === otel.traceId ? otel : null;
  }

  private usableFrame(): Frame | undefined {
    const frame = activeFrame();
    if (!frame) return undefined;
    // A frame left by startTrace outlives its trace (enterWith); an ended trace is not "active".
    if (frame.closed || (frame.spanId === null && this.registry.traces.get(frame.traceId)?.ended))
      return undefined;
    return frame;
  }

  /** Where a new span goes: explicit parent (its trace from the registry), else an OTel or SDK context, else a trace of its own. */
  private placement(
    opts: Loose,
    name: string,
  ): { traceId: string; parentSpanId: string | null; trace: TraceRecord | undefined; implicit: boolean } {
    const parent = pick(opts, ['parentSpanId', 'parent_span_id', 'parentId'], 'string');
    const explicitTrace = pick(opts, ['traceId', 'trace_id'], 'string');
    if (isSpanId(parent)) {
      const traceId =
        this.registry.spans.get(parent)?.traceId ??
        (isTraceId(explicitTrace) ? explicitTrace : this.currentTraceId());
      if (traceId)
        return { traceId, parentSpanId: parent, trace: this.registry.traces.get(traceId), implicit: false };
    }
    if (isTraceId(explicitTrace))
      return {
        traceId: explicitTrace,
        parentSpanId: null,
        trace: this.registry.traces.get(explicitTrace),
        implicit: false,
      };
    const frame = this.usableFrame();
    const otel = this.otelParent(frame);
    // Joining an OTel trace: its spans and ours make one trace; its start and end are OTel's.
    if (otel)
      return {
        traceId: otel.traceId,
        parentSpanId: otel.spanId,
        trace: this.registry.traces.get(otel.traceId),
        implicit: false,
      };
    if (frame)
      return {
        traceId: frame.traceId,
        parentSpanId: frame.spanId,
        trace: this.registry.traces.get(frame.traceId),
        implicit: false,
      };
    // No trace at all: give the span one of its own rather than lose it.
    const traceId = this.startTrace({ name }, false);
    return { traceId, parentSpanId: null, trace: this.registry.traces.get(traceId), implicit: true };
  }

  startSpan(arg: unknown, defaultType: WireSpanType = 'custom'): { spanId: string; traceId: string } {
    const opts = asObject(arg);
    const spanId = newSpanId();
    const type = spanType(opts.type ?? opts.kind, defaultType);
    const name = this.maskText((pick(opts, ['name'], 'string') as string | undefined)?.slice(0, 500) || type);
    const where = this.placement(opts, name);
    const time = nowMs();
    if (where.implicit && where.trace) where.trace.implicitRootSpanId = spanId;
    if (where.trace) where.trace.lastTime = time;
    this.registry.spans.set(spanId, { traceId: where.traceId, startTime: time, ended: false });
    const input = this.capture(opts.input, this.settings.captureInput);
    const attributes = this.attributes(opts.attributes ?? opts.metadata);
    const event: SpanStartEvent = {
      kind: 'span.start',
      traceId: where.traceId,
      spanId,
      parentSpanId: where.parentSpanId,
      name,
      type,
      time,
      model: pick(opts, ['model'], 'string'),
      provider: pick(opts, ['provider'], 'string'),
      input: input.value,
      stepOrder: this.registry.stepFor(where.trace, stepOrder(opts)),
      destructive: pick(opts, ['destructive', 'isDestructive', 'is_destructive'], 'boolean'),
      attributes: attributes.value,
    };
    this.sink.enqueue(event, EVENT_BYTES + input.bytes + attributes.bytes);
    return { spanId, traceId: where.traceId };
  }

  endSpan(spanIdArg: unknown, resultArg: unknown): void {
    if (!isSpanId(spanIdArg)) return;
    const record = this.registry.spans.get(spanIdArg);
    const traceId = record?.traceId ?? this.currentTraceId();
    if (!traceId) return;
    const result = asObject(resultArg);
    const usage = asObject(result.usage);
    const time = nowMs();
    this.registry.spans.end(spanIdArg);
    const output = this.capture(result.output, this.settings.captureOutput);
    const attributes = this.attributes(result.attributes ?? result.metadata);
    const error = this.maskError(wireError(result.error));
    const event: SpanEndEvent = {
      kind: 'span.end',
      traceId,
      spanId: spanIdArg,
      time,
      output: output.value,
      status: status(result.status) ?? (error ? 'error' : 'success'),
      error,
      name: this.maskText(
        (pick(result, ['name'], 'string') as string | undefined)?.slice(0, 500) || undefined,
      ),
      model: pick(result, ['model'], 'string'),
      promptTokens:
        count(result, ['prompt_tokens', 'promptTokens', 'input_tokens', 'inputTokens']) ??
        count(usage, ['prompt_tokens', 'input_tokens', 'promptTokens']),
      completionTokens:
        count(result, ['completion_tokens', 'completionTokens', 'output_tokens', 'outputTokens']) ??
        count(usage, ['completion_tokens', 'output_tokens', 'completionTokens']),
      totalTokens:
        count(result, ['total_tokens', 'totalTokens']) ?? count(usage, ['total_tokens', 'totalTokens']),
      cacheReadTokens:
        count(result, ['cacheReadTokens', 'cache_read_tokens']) ??
        count(usage, ['cache_read_input_tokens']) ??
        count(asObject(usage.prompt_tokens_details), ['cached_tokens']) ??
        count(asObject(usage.input_tokens_details), ['cached_tokens']),
      cacheWriteTokens:
        count(result, ['cacheWriteTokens', 'cache_write_tokens']) ??
        count(usage, ['cache_creation_input_tokens']),
      // Cost only when the caller knows it: the collector prices model + tokens from its own table.
      costUsd: roundUsd(count(result, ['cost_usd', 'costUsd', 'cost'])),
      timeToFirstTokenMs: count(result, ['timeToFirstTokenMs', 'time_to_first_token_ms', 'ttftMs']),
      attributes: attributes.value,
    };
    if (
      event.totalTokens === undefined &&
      event.promptTokens !== undefined &&
      event.completionTokens !== undefined
    ) {
      event.totalTokens = event.promptTokens + event.completionTokens;
    }
    this.sink.enqueue(event, EVENT_BYTES + output.bytes + attributes.bytes);
    const trace = this.registry.traces.get(traceId);
    if (trace) {
      trace.lastTime = time;
      if (trace.implicitRootSpanId === spanIdArg) this.endTrace(traceId, { status: event.status });
    }
  }

  event(nameOrObject: unknown, attributesArg: unknown, linkArg: unknown): void {
    const obj = typeof nameOrObject === 'object' && nameOrObject !== null ? (nameOrObject as Loose) : {};
    const link = { ...obj, ...asObject(linkArg) };
    const name =
      typeof nameOrObject === 'string'
        ? nameOrObject
        : (pick(obj, ['name', 'event', 'type'], 'string') ?? 'event');
    const spanId = pick(link, ['spanId', 'span_id'], 'string');
    const linkedSpan = isSpanId(spanId) ? spanId : (this.currentSpanId() ?? undefined);
    const traceGiven = pick(link, ['traceId', 'trace_id'], 'string');
    const traceId = isTraceId(traceGiven)
      ? traceGiven
      : ((linkedSpan && this.registry.spans.get(linkedSpan)?.traceId) ?? this.currentTraceId());
    if (!traceId) return;
    const rest: Loose = {};
    for (const [key, value] of Object.entries(obj)) {
      if (!['name', 'event', 'type', 'spanId', 'span_id', 'traceId', 'trace_id'].includes(key))
        rest[key] = value;
    }
    const attributes = this.attributes({ ...rest, ...asObject(attributesArg) });
    this.sink.enqueue(
      {
        kind: 'span.event',
        traceId,
        spanId: linkedSpan,
        time: nowMs(),
        name: this.maskText(String(name).slice(0, 500)),
        attributes: attributes.value,
      },
      EVENT_BYTES + attributes.bytes,
    );
  }

  /** Ends traces that were started and never ended (style two has no endTrace), at their last activity. */
  endOpenTraces(): void {
    for (const [traceId, trace] of [...this.registry.traces.openEntries()]) {
      closeTrace(this.registry.traces.end(traceId));
      this.sink.enqueue({ kind: 'trace.end', traceId, time: trace.lastTime }, EVENT_BYTES);
    }
    this.lastTraceId = null;
  }

  /**
   * The last moment of a process that is going away (exit, crash, signal): every span still open
   * ends as an error carrying why, and so does every open trace. Spans first, so a trace's
   * implicit root is not ended twice.
   */
  endEverythingOpen(error: unknown): void {
    const wire = this.endOpenSpans(error);
    for (const [traceId] of [...this.registry.traces.openEntries()]) {
      closeTrace(this.registry.traces.end(traceId));
      this.sink.enqueue(
        { kind: 'trace.end', traceId, time: nowMs(), status: 'error', error: wire },
        EVENT_BYTES,
      );
    }
    this.lastTraceId = null;
  }

  /** Ends every open span as an error carrying `error`; returns that error as sent. */
  endOpenSpans(error: unknown): WireError | undefined {
    const wire = this.maskError(wireError(error));
    for (const [spanId, span] of [...this.registry.spans.openEntries()]) {
      this.registry.spans.end(spanId);
      this.sink.enqueue(
        { kind: 'span.end', traceId: span.traceId, spanId, time: nowMs(), status: 'error', error: wire },
        EVENT_BYTES,
      );
    }
    return wire;
  }

  /** How many spans are still open (for stats and tests). */
  openSpanCount(): number {
    return this.registry.spans.openCount;
  }

  /** Every string the SDK sends goes through the masker, error messages and stacks included. */
  private maskText<T extends string | undefined>(text: T): T {
    return (text !== undefined && this.settings.masker ? this.settings.masker.maskString(text) : text) as T;
  }

  private maskError(error: WireError | undefined): WireError | undefined {
    if (!error || !this.settings.masker) return error;
    return {
      message: this.maskText(error.message),
      ...(error.type !== undefined ? { type: this.maskText(error.type) } : {}),
      ...(error.stack !== undefined ? { stack: this.maskText(error.stack) } : {}),
    };
  }
}

function closeTrace(record: TraceRecord | undefined): void {
  if (!record) return;
  record.ended = true;
  if (record.frame) record.frame.closed = true;
}

/** Dollars to 1e-12 (as the collector stores them), so a cost summed in floats arrives without noise. */
function roundUsd(usd: number | undefined): number | undefined {
  return usd === undefined ? undefined : Math.round(usd * 1e12) / 1e12;
}

function stepOrder(opts: Loose): number | undefined {
  const value = count(opts, ['stepOrder', 'step_order', 'step']);
  return value !== undefined && Number.isInteger(value) ? value : undefined;
}
