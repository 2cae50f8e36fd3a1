// The wrapping style: run the agent's own call inside a span, hand its result back untouched,
// record what it returned (or threw, rethrown unchanged). The call runs in the span's async
// context, so spans started inside it become its children without ids passed by hand.
import { nowMs } from './clock.ts';
import { runInFrame } from './context.ts';
import { ASYNC, CALL, CALL_NAME, RESPONSE, RETURNED } from './callMarks.ts';
import { errorAttributes, llmFacts, responseEnvelope } from './openaiShapes.ts';
import type { LlmFacts } from './openaiShapes.ts';
import type { Recorder } from './recorder.ts';
import { AutoAssembler, answerFacts } from './llmAnswer.ts';
import { StreamAssembler } from './streamAssembler.ts';
import { isAsyncIterable, tapStream } from './streamTap.ts';
import type { WireSpanType } from './protocol.ts';

export interface WrapOptions {
  name?: string;
  model?: string;
  provider?: string;
  input?: unknown;
  attributes?: Record<string, unknown>;
}

export interface SpanHandle {
  readonly spanId: string;
  readonly traceId: string;
  /** Replaces the output that would otherwise be recorded (the function's return value). */
  setOutput(output: unknown): void;
  setAttributes(attributes: Record<string, unknown>): void;
  /** Token counts, model, cost... anything endSpan accepts. */
  update(fields: Record<string, unknown>): void;
  event(name: string, attributes?: Record<string, unknown>): void;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

function invoke(call: unknown, arg?: unknown): unknown {
  return typeof call === 'function' ? (call as (a?: unknown) => unknown)(arg) : call;
}

export function failure(error: unknown): Record<string, unknown> {
  return { status: 'error', error, attributes: errorAttributes(error) };
}

/** What rebuilds a streamed answer from its chunks (OpenAI's StreamAssembler, Anthropic's). */
export interface ChunkAssembler {
  readonly chunks: number;
  /** true when the chunk carried the first piece of the answer. */
  add(chunk: unknown): boolean;
  result(): LlmFacts & { output: unknown };
  envelope(): Record<string, unknown>;
}

/** A streaming result: the span ends when the agent finishes reading it. */
export function recordStream(
  recorder: Recorder,
  spanId: string,
  stream: object,
  startTime: number,
  rename: boolean,
  assembler: ChunkAssembler = new StreamAssembler(),
): void {
  let firstTokenMs: number | undefined;
  const tapped = tapStream(stream, {
    chunk(value) {
      if (assembler.add(value) && firstTokenMs === undefined) firstTokenMs = nowMs() - startTime;
    },
    end({ error, cancelled }) {
      const facts = assembler.result();
      recorder.endSpan(spanId, {
        ...facts,
        ...(rename && facts.model ? { name: facts.model } : {}),
        ...(error !== undefined ? failure(error) : {}),
        timeToFirstTokenMs: firstTokenMs,
        attributes: {
          'llm.stream': true,
          'llm.stream.chunks': assembler.chunks,
          [RESPONSE]: assembler.envelope(),
          ...(cancelled ? { 'llm.stream.cancelled': true } : {}),
          ...(error !== undefined ? errorAttributes(error) : {}),
        },
      });
    },
  });
  if (!tapped) recorder.endSpan(spanId, { output: '[stream not recorded: the object could not be wrapped]' });
}

/** The model named by the request, when the caller passed the request body instead of the messages. */
function requestModel(messages: unknown): string | undefined {
  const model =
    typeof messages === 'object' && messages !== null && !Array.isArray(messages)
      ? (messages as { model?: unknown }).model
      : undefined;
  return typeof model === 'string' && model ? model : undefined;
}

/** An LLM span's name at start: the caller's, else the requested model, else "openai". Replay matches calls by it. */
export function llmCallName(messages: unknown, options: WrapOptions = {}): string {
  return options.name ?? options.model ?? requestModel(messages) ?? 'openai';
}

/** What an LLM span records as its input. */
export function llmInput(messages: unknown, options: WrapOptions = {}): unknown {
  return (
    options.input ??
    (Array.isArray(messages) ? { messages } : messages === undefined ? undefined : { input: messages })
  );
}

export function toolCallName(toolName: unknown): string {
  return typeof toolName === 'string' && toolName ? toolName : 'tool';
}

export async function wrapLlm(
  recorder: Recorder,
  call: unknown,
  messages: unknown,
  parentSpanId: unknown,
  stepOrder: unknown,
  options: WrapOptions = {},
): Promise<{ result: any; spanId: string }> {
  const name = llmCallName(messages, options);
  // Named after the model that answered (as hosted dashboards show LLM steps), unless the caller named it.
  const rename = options.name === undefined;
  const { spanId, traceId } = recorder.startSpan(
    {
      name,
      type: 'llm',
      model: options.model ?? requestModel(messages),
      provider: options.provider ?? 'openai',
      input: llmInput(messages, options),
      parentSpanId,
      stepOrder,
      attributes: { ...options.attributes, [CALL]: 'openai', [CALL_NAME]: name },
    },
    'llm',
  );
  const startTime = nowMs();
  let result: unknown;
  try {
    // clientCall: an instrumented client called inside wrapOpenAI is this same step, not a second one.
    result = await runInFrame({ traceId, spanId, clientCall: true }, () => invoke(call));
  } catch (error) {
    recorder.endSpan(spanId, failure(error));
    throw error;
  }
  try {
    const runner = result as { on?: unknown; done?: unknown } | null;
    if (
      isAsyncIterable(result) &&
      !Array.isArray((result as { choices?: unknown }).choices) &&
      !(typeof runner?.on === 'function' && typeof runner.done === 'function')
    ) {
      // OpenAI chunks or Anthropic events: the first one tells which.
      recordStream(recorder, spanId, result, startTime, rename, new AutoAssembler());
    } else if (runner && typeof runner.on === 'function' && typeof runner.done === 'function') {
      recordRunner(recorder, spanId, runner as Runner, startTime, rename);
    } else {
      // answerFacts reads Anthropic Messages too, and looks inside `.withResponse()`'s { data, response }.
      const facts = answerFacts(result);
      const envelope = responseEnvelope(result);
      recorder.endSpan(spanId, {
        ...facts,
        ...(rename && facts.model ? { name: facts.model } : {}),
        ...(envelope ? { attributes: { [RESPONSE]: envelope } } : {}),
      });
    }
  } catch {
    recorder.endSpan(spanId, {});
  }
  return { result, spanId };
}

interface Runner {
  on(event: string, listener: (value: unknown) => void): unknown;
  done(): Promise<unknown>;
}

/** openai's `.stream()` helpers (ChatCompletionStream, ResponseStream) emit events and read themselves. */
function recordRunner(
  recorder: Recorder,
  spanId: string,
  runner: Runner,
  startTime: number,
  rename: boolean,
): void {
  const assembler = new AutoAssembler();
  let firstTokenMs: number | undefined;
  const onChunk = (value: unknown) => {
    if (assembler.add(value) && firstTokenMs === undefined) firstTokenMs = nowMs() - startTime;
  };
  runner.on('chunk', onChunk);
  runner.on('event', onChunk);
  // Anthropic's MessageStream emits its raw events as 'streamEvent'.
  runner.on('streamEvent', onChunk);
  const end = (error?: unknown) => {
    const facts = assembler.result();
    recorder.endSpan(spanId, {
      ...facts,
      ...(rename && facts.model ? { name: facts.model } : {}),
      ...(error !== undefined ? failure(error) : {}),
      timeToFirstTokenMs: firstTokenMs,
      attributes: {
        'llm.stream': true,
        'llm.stream.chunks': assembler.chunks,
        [RESPONSE]: { ...assembler.envelope(), runner: true },
      },
    });
  };
  runner.done().then(
    () => end(),
    (error: unknown) => end(error ?? new Error('stream failed')),
  );
}

export async function wrapTool(
  recorder: Recorder,
  toolName: unknown,
  call: unknown,
  parentSpanId: unknown,
  stepOrder: unknown,
  destructive: unknown,
  options: WrapOptions = {},
): Promise<{ result: any; spanId: string }> {
  const name = toolCallName(toolName);
  const { spanId, traceId } = recorder.startSpan(
    {
      name,
      type: 'tool',
      input: options.input,
      parentSpanId,
      stepOrder,
      destructive: destructive === true,
      attributes: { ...options.attributes, [CALL]: 'tool' },
    },
    'tool',
  );
  let result: unknown;
  try {
    result = await runInFrame({ traceId, spanId }, () => invoke(call));
  } catch (error) {
    recorder.endSpan(spanId, failure(error));
    throw error;
  }
  recorder.endSpan(spanId, { output: result });
  return { result, spanId };
}

export interface TracedOptions extends WrapOptions {
  type?: WireSpanType | string;
  parentSpanId?: string;
  stepOrder?: number;
  destructive?: boolean;
  /** The trace's: set when traced() starts the trace, else applied to the current trace (tags added). */
  tags?: string[];
  sessionId?: string;
  userId?: string;
  metadata?: Record<string, unknown>;
}

/** The trace-level fields of TracedOptions that were given, for startTrace or updateTrace. */
function traceFields(options: TracedOptions): Record<string, unknown> | null {
  const fields: Record<string, unknown> = {};
  if (options.tags !== undefined) fields.tags = options.tags;
  if (options.sessionId !== undefined) fields.sessionId = options.sessionId;
  if (options.userId !== undefined) fields.userId = options.userId;
  if (options.metadata !== undefined) fields.metadata = options.metadata;
  return Object.keys(fields).length > 0 ? fields : null;
}

/** Runs `fn` in a new span (and a new trace when none is active); returns what fn returns, sync or async. */
export function traced<R>(
  recorder: Recorder,
  name: unknown,
  fn: (span: SpanHandle) => R,
  options: TracedOptions = {},
): R {
  const spanName = tracedName(name);
  // Only LLM and tool steps are served on replay (replayWrappers.ts); mark them so a recording knows which.
  const served = isServedType(options.type);
  const fields = traceFields(options);
  const ownTrace =
    recorder.currentTraceId() === null && options.parentSpanId === undefined
      ? recorder.startTrace({ ...fields, name: spanName, input: options.input }, false)
      : null;
  const startAttributes = served ? { ...options.attributes, [CALL]: 'traced' } : options.attributes;
  const { sessionId: _session, userId: _user, metadata: _metadata, tags: _tags, ...spanOptions } = options;
  const { spanId, traceId } = recorder.startSpan(
    {
      ...spanOptions,
      attributes: startAttributes,
      name: spanName,
      traceId: ownTrace ?? undefined,
      type: options.type ?? 'chain',
    },
    'chain',
  );
  if (!ownTrace && fields) recorder.updateTrace(traceId, fields);
  const extra: Record<string, unknown> = {};
  let attributes: Record<string, unknown> = { ...options.attributes };
  let outputSet = false;
  const handle: SpanHandle = {
    spanId,
    traceId,
    setOutput(output) {
      extra.output = output;
      outputSet = true;
    },
    setAttributes(attrs) {
      attributes = { ...attributes, ...attrs };
    },
    update(fields) {
      Object.assign(extra, fields);
      if ('output' in fields) outputSet = true;
    },
    event(eventName, attrs) {
      recorder.event(eventName, attrs, { traceId, spanId });
    },
  };
  const finish = (value: unknown, error?: unknown, isAsync = false) => {
    const facts =
      error === undefined && (options.type === 'llm' || options.type === 'embedding')
        ? llmFacts(value)
        : { output: value };
    const base = error === undefined ? facts : {};
    const replayable: Record<string, unknown> = {};
    if (served) replayable[ASYNC] = isAsync;
    if (served && error === undefined) {
      if (options.type === 'llm') replayable[RESPONSE] = responseEnvelope(value);
      if (outputSet) replayable[RETURNED] = value;
    }
    recorder.endSpan(spanId, {
      ...base,
      ...extra,
      ...(error !== undefined ? failure(error) : {}),
      attributes: { ...attributes, ...replayable, ...(error !== undefined ? errorAttributes(error) : {}) },
    });
    if (ownTrace)
      recorder.endTrace(ownTrace, {
        output: error === undefined ? (outputSet ? extra.output : value) : undefined,
        status: error === undefined ? 'success' : 'error',
        error,
      });
  };
  let result: R;
  try {
    result = runInFrame(
      { traceId, spanId, update: (f) => updateHandle(handle, f) },
      () => invoke(fn, handle) as R,
    );
  } catch (error) {
    finish(undefined, error);
    throw error;
  }
  if (isThenable(result)) {
    return Promise.resolve(result).then(
      (value) => {
        finish(value, undefined, true);
        return value;
      },
      (error: unknown) => {
        finish(undefined, error, true);
        throw error;
      },
    ) as R;
  }
  finish(result);
  return result;
}

/** updateSpan(): `metadata` and `attributes` are merged into the span's attributes, the rest is as endSpan takes it. */
function updateHandle(handle: SpanHandle, fields: Record<string, unknown>): void {
  const { metadata, attributes, ...rest } = fields;
  for (const extra of [metadata, attributes])
    if (typeof extra === 'object' && extra !== null) handle.setAttributes(extra as Record<string, unknown>);
  if (Object.keys(rest).length > 0) handle.update(rest);
}

export function tracedName(name: unknown): string {
  return typeof name === 'string' && name ? name : 'span';
}

export function isServedType(type: unknown): type is 'llm' | 'tool' {
  return type === 'llm' || type === 'tool';
}
