// The public client. Both vendor styles live here as thin methods over the Recorder (explicit
// lifecycle) and the wrappers; with `enabled: false` every method is a no-op that still returns
// well-formed ids, so agent code runs the same with tracing off.
import { resolveConfig } from './config.ts';
import type { ResolvedConfig, SpyglassOptions } from './config.ts';
import { activeFrame, hasAsyncContext } from './context.ts';
import { registerForExit, unregisterForExit } from './exitHook.ts';
import type { ExitReason } from './exitHook.ts';
import { sendBeforeExit } from './lastSend.ts';
import { newSpanId, newTraceId } from './ids.ts';
import { createMasker } from './mask.ts';
import { Recorder } from './recorder.ts';
import { Transport } from './transport.ts';
import type { TransportStats } from './transport.ts';
import { SDK_NAME, SDK_VERSION } from './version.ts';
import { traced, wrapLlm, wrapTool } from './wrappers.ts';
import { ReplayController } from './replayController.ts';
import type { ReplayReport } from './replayController.ts';
import { ReplayDivergenceError } from './replayErrors.ts';
import { replayLlm, replayTool, replayTraced } from './replayWrappers.ts';
import type { ReplayDeps } from './replayWrappers.ts';
import { sanitize } from './sanitize.ts';
import { exportFixture } from './fixtures.ts';
import { clientVendor, instrumentClient } from './instrument.ts';
import { observeFunction } from './observe.ts';
import { activeOtelSpan, formatTraceparent } from './otel.ts';
import type { ObserveOptions } from './observe.ts';
import type { InstrumentOptions } from './instrument.ts';
import type { SpanHandle, TracedOptions, WrapOptions } from './wrappers.ts';
import type { TraceOptions, SpanOptions, SpanResult, TraceResult, TraceUpdate } from './types.ts';

export interface SpyglassStats extends TransportStats {
  enabled: boolean;
  /** false where AsyncLocalStorage is missing (browsers, some edge runtimes): parents link only synchronously. */
  asyncContext: boolean;
}

const NOOP_STATS: TransportStats = {
  queued: 0,
  queuedBytes: 0,
  inFlight: 0,
  sent: 0,
  dropped: 0,
  rejected: 0,
  failedRequests: 0,
  lastError: null,
};

export class Spyglass {
  readonly config: ResolvedConfig;
  private recorder: Recorder | null = null;
  private transport: Transport | null = null;
  private warned = new Set<string>();
  private exitGaveUp = false;
  private closed = false;
  /** Set in replay mode (options.replay, SPYGLASS_REPLAY, SPYGLASS_FORK): wrapped calls are served from a recording. */
  private replay: ReplayController | null = null;
  private replayDeps: ReplayDeps | null = null;

  /** `new Spyglass()`, `new Spyglass({ url })`, or a vendor's `new Spyglass('api-key', { ... })` (the key is ignored). */
  constructor(optionsOrApiKey?: SpyglassOptions | string, maybeOptions?: SpyglassOptions) {
    this.config = resolveConfig(optionsOrApiKey, maybeOptions);
    if (this.config.replay) {
      const replay = this.config.replay;
      this.replay = new ReplayController(replay, {
        url: replay.url,
        fetch: this.config.fetch,
        timeoutMs: this.config.requestTimeoutMs,
        headers: this.config.headers,
      });
    }
    if (!this.config.enabled || this.config.replay?.record === false) {
      this.setUpReplay();
      return;
    }
    try {
      this.transport = new Transport({
        url: this.config.url,
        fetch: this.config.fetch as never,
        preferFetch: this.config.fetchGiven,
        headers: this.config.headers,
        flushIntervalMs: this.config.flushIntervalMs,
        maxBatchEvents: this.config.maxBatchEvents,
        maxBatchBytes: this.config.maxBatchBytes,
        maxBufferEvents: this.config.maxBufferEvents,
        maxBufferBytes: this.config.maxBufferBytes,
        requestTimeoutMs: this.config.requestTimeoutMs,
        flushStallMs: this.config.flushTimeoutMs,
        parallel: this.config.parallelRequests,
        sdk: { name: SDK_NAME, version: SDK_VERSION },
        warn: (key, message) => this.warnOnce(key, message),
      });
      const transport = this.transport;
      const sink = {
        enqueue: (event: Parameters<Transport['enqueue']>[0], bytes: number) =>
          transport.enqueue(event, bytes),
      };
      this.recorder = new Recorder(this.replay ? this.replay.gate(sink) : sink, {
        limits: this.config.limits,
        masker: createMasker(this.config.mask),
        captureInput: this.config.captureInput,
        captureOutput: this.config.captureOutput,
      });
      registerForExit(this);
    } catch {
      this.recorder = null;
      this.transport = null;
    }
    this.setUpReplay();
  }

  private setUpReplay(): void {
    if (!this.replay) return;
    const masker = createMasker(this.config.mask);
    const limits = this.config.limits;
    const captureInput = this.config.captureInput;
    this.replayDeps = {
      controller: this.replay,
      recorder: this.recorder,
      // The same snapshot the recorder takes, through JSON as the collector stored it.
      normalize: (input) => {
        if (!captureInput || input === undefined) return undefined;
        const json = JSON.stringify(sanitize(input, limits, masker).value);
        return json === undefined ? undefined : JSON.parse(json);
      },
    };
  }

  private warnOnce(key: string, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    try {
      if (this.config.onWarning) this.config.onWarning(message);
      else console.warn(message);
    } catch {
      // a throwing warning hook is not the agent's problem
    }
  }

  /** Starts a trace and makes it the active one; returns its id (a string, so `await` works too). */
  startTrace(nameOrOptions?: string | TraceOptions): string {
    try {
      if (this.recorder) return this.recorder.startTrace(nameOrOptions, true);
    } catch {}
    return newTraceId();
  }

  endTrace(traceId?: string, result?: TraceResult): void {
    try {
      this.recorder?.endTrace(traceId, result);
    } catch {}
  }

  /** Starts a span in the active trace (or under `parentSpanId`); returns its id. */
  startSpan(options?: SpanOptions): string {
    try {
      if (this.recorder) return this.recorder.startSpan(options).spanId;
    } catch {}
    return newSpanId();
  }

  endSpan(spanId: string, result?: SpanResult): void {
    try {
      this.recorder?.endSpan(spanId, result);
    } catch {}
  }

  /** A point-in-time event: `event('name', attrs)` or `event({ name, trace_id, span_id, ...attrs })`. */
  event(
    nameOrEvent: string | Record<string, unknown>,
    attributes?: Record<string, unknown>,
    link?: { traceId?: string; spanId?: string },
  ): void {
    try {
      this.recorder?.event(nameOrEvent, attributes, link);
    } catch {}
  }

  /** Alias of event(), the name some tracing SDKs use. */
  track(nameOrEvent: string | Record<string, unknown>, attributes?: Record<string, unknown>): void {
    this.event(nameOrEvent, attributes);
  }

  /**
   * Traces every model call of an OpenAI or Anthropic client (chat completions, responses,
   * embeddings, streams and the `.stream()` helpers; Anthropic messages) with no per-call
   * wrapping. Patches that client object in place and returns it; results come back untouched.
   */
  instrument<T>(client: T, options?: InstrumentOptions): T {
    try {
      if (!this.recorder) return client;
      return instrumentClient(client, () => this.recorder, options);
    } catch {
      return client;
    }
  }

  /** instrument() under the names other tracing SDKs use for the same thing. */
  instrumentOpenAI<T>(client: T, options?: InstrumentOptions): T {
    return this.instrument(client, options);
  }

  instrumentAnthropic<T>(client: T, options?: InstrumentOptions): T {
    return this.instrument(client, options);
  }

  /**
   * Runs an OpenAI call (a function returning the request's promise) in an LLM span; resolves to
   * { result, spanId }. Given a client object instead (LangSmith's `wrapOpenAI(new OpenAI())`),
   * instruments it like instrument() and returns it.
   */
  wrapOpenAI<C extends object>(client: C & ({ chat: object } | { messages: object })): C;
  wrapOpenAI<T>(
    call: () => T | Promise<T>,
    messages?: unknown,
    parentSpanId?: string,
    stepOrder?: number,
    options?: WrapOptions,
  ): Promise<{ result: Awaited<T>; spanId: string }>;
  wrapOpenAI<T>(
    call: (() => T | Promise<T>) | object,
    messages?: unknown,
    parentSpanId?: string,
    stepOrder?: number,
    options?: WrapOptions,
  ): Promise<{ result: Awaited<T>; spanId: string }> | object {
    if (typeof call === 'object' && messages === undefined && clientVendor(call) !== null)
      return this.instrument(call);
    return this.wrapCall(call as () => T | Promise<T>, messages, parentSpanId, stepOrder, options);
  }

  private wrapCall<T>(
    call: () => T | Promise<T>,
    messages?: unknown,
    parentSpanId?: string,
    stepOrder?: number,
    options?: WrapOptions,
  ): Promise<{ result: Awaited<T>; spanId: string }> {
    const live = () =>
      this.recorder
        ? wrapLlm(this.recorder, call, messages, parentSpanId, stepOrder, options)
        : runUntraced(call);
    if (this.replayDeps)
      return replayLlm(this.replayDeps, messages, parentSpanId, stepOrder, options ?? {}, live);
    return live();
  }

  /** Runs a tool in a tool span; `isDestructive` marks tools that change the world (writes, payments, deletes). */
  wrapToolCall<T>(
    toolName: string,
    call: () => T | Promise<T>,
    parentSpanId?: string,
    stepOrder?: number,
    isDestructive?: boolean,
    options?: WrapOptions,
  ): Promise<{ result: Awaited<T>; spanId: string }> {
    const live = () =>
      this.recorder
        ? wrapTool(this.recorder, toolName, call, parentSpanId, stepOrder, isDestructive, options)
        : runUntraced(call);
    if (this.replayDeps)
      return replayTool(
        this.replayDeps,
        toolName,
        parentSpanId,
        stepOrder,
        isDestructive,
        options ?? {},
        live,
      );
    return live();
  }

  /** Runs fn in a span (starting a trace if none is active); spans inside it become its children. */
  traced<R>(name: string, fn: (span: SpanHandle) => R, options?: TracedOptions): R {
    const live = () => (this.recorder ? traced(this.recorder, name, fn, options) : fn(noopHandle()));
    if (this.replayDeps) return replayTraced(this.replayDeps, name, options ?? {}, live);
    return live();
  }

  withSpan<R>(options: TracedOptions & { name: string }, fn: (span: SpanHandle) => R): R {
    return this.traced(options?.name, fn, options);
  }

  /**
   * Wraps `fn` once; every call of the returned function runs in a span (a trace of its own when
   * none is active) that records its arguments and its return value. `traceable` is the same.
   */
  observe<A extends unknown[], R>(fn: (...args: A) => R, options?: ObserveOptions): (...args: A) => R {
    try {
      return observeFunction((name, body, opts) => this.traced(name, body, opts), fn, options);
    } catch {
      return fn;
    }
  }

  traceable<A extends unknown[], R>(fn: (...args: A) => R, options?: ObserveOptions): (...args: A) => R {
    return this.observe(fn, options);
  }

  /** Changes the current trace (or `fields.traceId`): name, input, output, tags (added), sessionId, userId, metadata (merged). */
  updateTrace(fields: TraceUpdate): void {
    try {
      this.recorder?.updateTrace(fields?.traceId, fields);
    } catch {}
  }

  /**
   * Changes the span of the traced()/withSpan()/observe() function that is running: output,
   * name, model, tokens as endSpan takes them; `metadata` and `attributes` are merged.
   */
  updateSpan(fields: SpanResult): void {
    try {
      activeFrame()?.update?.(fields as Record<string, unknown>);
    } catch {}
  }

  currentTraceId(): string | null {
    return this.recorder?.currentTraceId() ?? activeFrame()?.traceId ?? null;
  }

  currentSpanId(): string | null {
    return this.recorder?.currentSpanId() ?? null;
  }

  /**
   * The W3C `traceparent` header for a call to another service, so its spans (OpenTelemetry or
   * this SDK with `startTrace({ traceId })`) join this trace under the current span; null when no
   * span is running.
   */
  traceparent(): string | null {
    try {
      const traceId = this.currentTraceId();
      const spanId = this.currentSpanId();
      if (!traceId || !spanId) return null;
      const otel = activeOtelSpan();
      return formatTraceparent(traceId, spanId, otel?.spanId === spanId ? otel.traceFlags : 1);
    } catch {
      return null;
    }
  }

  /** Sends what is buffered now; resolves after one attempt (it does not wait out a down collector). */
  async flush(): Promise<void> {
    try {
      // In replay mode, events wait for the recording to load (they carry the link to it).
      await this.replay?.settled;
      await this.transport?.flush();
    } catch {}
  }

  /** Replay mode: resolves once the recording has loaded (or failed to: see `error`); null when not replaying. */
  async replayLoaded(): Promise<ReplayReport | null> {
    if (!this.replay) return null;
    await this.replay.settled;
    return this.replay.report();
  }

  /** Replay mode: how far the run got through its recording; null when not replaying. */
  replayReport(): ReplayReport | null {
    return this.replay?.report() ?? null;
  }

  /**
   * Replay mode: throws ReplayDivergenceError when recorded steps were never called (the agent
   * stopped early or skipped a step). A regression test calls it after the run.
   */
  async assertReplayComplete(): Promise<void> {
    if (!this.replay) return;
    await this.replay.settled;
    const report = this.replay.report();
    if (report.error)
      throw new ReplayDivergenceError({
        step: 1,
        expected: null,
        actual: null,
        difference: report.error,
        recordingTraceId: report.recordingTraceId ?? '',
      });
    const next = report.remaining[0];
    if (!next) return;
    const names = report.remaining.map((r) => `${r.type} '${r.name}'`).join(', ');
    throw new ReplayDivergenceError({
      step: next.step,
      expected: { type: next.type, name: next.name },
      actual: null,
      difference: `the run ended with ${report.remaining.length} recorded step(s) never called: ${names}`,
      recordingTraceId: report.recordingTraceId ?? '',
    });
  }

  /**
   * Saves a recorded trace as a Spyglass trace file, for a regression test to replay with
   * `new Spyglass({ replay: { file } })`. Flushes first so the run's last events are in. Node only.
   */
  async saveFixture(traceId: string, path: string): Promise<void> {
    await this.flush();
    await exportFixture({
      traceId,
      path,
      url: this.config.url,
      fetch: this.config.fetch,
      headers: this.config.headers,
    });
  }

  /** Ends traces left open, flushes, and stops: later calls are no-ops. */
  async shutdown(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    unregisterForExit(this);
    try {
      this.recorder?.endOpenTraces();
    } catch {}
    await this.flush();
    this.recorder = null;
  }

  /** @internal 'beforeExit': traces left open end (style two has no endTrace), then one bounded flush. */
  async flushOnExit(stallMs: number): Promise<void> {
    if (!this.transport || !this.recorder || this.exitGaveUp) return;
    this.recorder.endOpenTraces();
    const before = this.transport.stats();
    if (before.queued + before.inFlight === 0) return;
    await this.transport.flush(stallMs);
    // Unreachable or silent collector: give up here, otherwise each attempt would re-arm
    // beforeExit forever, and the sync send at 'exit' would only spend the rest of the budget.
    const after = this.transport.stats();
    if (after.failedRequests > before.failedRequests || after.queued + after.inFlight > 0)
      this.exitGaveUp = true;
  }

  /** @internal The process is ending: open spans end as errors carrying why, and the rest is sent synchronously. */
  lastChance(reason: ExitReason, deadline: number): void {
    const recorder = this.recorder;
    const transport = this.transport;
    if (!recorder || !transport) return;
    const cause = exitCause(reason);
    if (cause) recorder.endEverythingOpen(cause);
    else {
      recorder.endOpenSpans({ message: 'the process exited before this span ended', type: 'ProcessExit' });
      recorder.endOpenTraces();
    }
    if (this.exitGaveUp) return;
    const events = transport.unsent();
    if (events.length === 0) return;
    sendBeforeExit(
      transport.endpoint,
      transport.body(events),
      transport.headers,
      deadline - performance.now(),
    );
  }

  stats(): SpyglassStats {
    return {
      ...(this.transport?.stats() ?? NOOP_STATS),
      enabled: this.recorder !== null,
      asyncContext: hasAsyncContext(),
    };
  }
}

async function runUntraced<T>(call: () => T | Promise<T>): Promise<{ result: Awaited<T>; spanId: string }> {
  const result = await (typeof call === 'function' ? call() : call);
  return { result: result as Awaited<T>, spanId: newSpanId() };
}

/**
 * The error that open spans and traces end with; null for an ordinary exit with code 0. Plain
 * objects, not Errors: a stack would point into the SDK, not at the agent.
 */
function exitCause(reason: ExitReason): unknown {
  if (reason.kind === 'crash') return reason.error;
  if (reason.kind === 'signal')
    return { message: `the process was terminated by ${reason.signal}`, type: 'ProcessSignal' };
  return reason.code === 0
    ? null
    : { message: `the process exited with code ${reason.code}`, type: 'ProcessExit' };
}

function noopHandle(): SpanHandle {
  return {
    spanId: newSpanId(),
    traceId: newTraceId(),
    setOutput() {},
    setAttributes() {},
    update() {},
    event() {},
  };
}
