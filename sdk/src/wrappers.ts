// The wrapping style: run the agent's own call inside a span, hand its result back untouched,
// record what it returned (or threw, rethrown unchanged). The call runs in the span's async
// context, so spans started inside it become its children without ids passed by hand.
import { nowMs } from './clock.ts';
import { runInFrame } from './context.ts';
import { errorAttributes, llmFacts } from './openaiShapes.ts';
import type { Recorder } from './recorder.ts';
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
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

function invoke(call: unknown, arg?: unknown): unknown {
  return typeof call === 'function' ? (call as (a?: unknown) => unknown)(arg) : call;
}

function failure(error: unknown): Record<string, unknown> {
  return { status: 'error', error, attributes: errorAttributes(error) };
}

/** An OpenAI streaming result: the span ends when the agent finishes reading it. */
function recordStream(recorder: Recorder, spanId: string, stream: object, startTime: number): void {
  const assembler = new StreamAssembler();
  let firstTokenMs: number | undefined;
  const tapped = tapStream(stream, {
    chunk(value) {
      if (assembler.add(value) && firstTokenMs === undefined) firstTokenMs = nowMs() - startTime;
    },
    end({ error, cancelled }) {
      const facts = assembler.result();
      recorder.endSpan(spanId, {
        ...facts,
        ...(error !== undefined ? failure(error) : {}),
        timeToFirstTokenMs: firstTokenMs,
        attributes: { 'llm.stream': true, 'llm.stream.chunks': assembler.chunks, ...(cancelled ? { 'llm.stream.cancelled': true } : {}), ...(error !== undefined ? errorAttributes(error) : {}) },
      });
    },
  });
  if (!tapped) recorder.endSpan(spanId, { output: '[stream not recorded: the object could not be wrapped]' });
}

export async function wrapLlm(recorder: Recorder, call: unknown, messages: unknown, parentSpanId: unknown, stepOrder: unknown, options: WrapOptions = {}): Promise<{ result: any; spanId: string }> {
  const input = options.input ?? (Array.isArray(messages) ? { messages } : messages === undefined ? undefined : { input: messages });
  const { spanId, traceId } = recorder.startSpan(
    { name: options.name ?? 'openai', type: 'llm', model: options.model, provider: options.provider ?? 'openai', input, parentSpanId, stepOrder, attributes: options.attributes },
    'llm',
  );
  const startTime = nowMs();
  let result: unknown;
  try {
    result = await runInFrame({ traceId, spanId }, () => invoke(call));
  } catch (error) {
    recorder.endSpan(spanId, failure(error));
    throw error;
  }
  try {
    const runner = result as { on?: unknown; done?: unknown } | null;
    if (isAsyncIterable(result) && !Array.isArray((result as { choices?: unknown }).choices) && !(typeof runner?.on === 'function' && typeof runner.done === 'function')) {
      recordStream(recorder, spanId, result, startTime);
    } else if (runner && typeof runner.on === 'function' && typeof runner.done === 'function') {
      recordRunner(recorder, spanId, runner as Runner, startTime);
    } else {
      recorder.endSpan(spanId, llmFacts(result));
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
function recordRunner(recorder: Recorder, spanId: string, runner: Runner, startTime: number): void {
  const assembler = new StreamAssembler();
  let firstTokenMs: number | undefined;
  const onChunk = (value: unknown) => {
    if (assembler.add(value) && firstTokenMs === undefined) firstTokenMs = nowMs() - startTime;
  };
  runner.on('chunk', onChunk);
  runner.on('event', onChunk);
  const end = (error?: unknown) =>
    recorder.endSpan(spanId, {
      ...assembler.result(),
      ...(error !== undefined ? failure(error) : {}),
      timeToFirstTokenMs: firstTokenMs,
      attributes: { 'llm.stream': true, 'llm.stream.chunks': assembler.chunks },
    });
  runner.done().then(() => end(), (error: unknown) => end(error ?? new Error('stream failed')));
}

export async function wrapTool(recorder: Recorder, toolName: unknown, call: unknown, parentSpanId: unknown, stepOrder: unknown, destructive: unknown, options: WrapOptions = {}): Promise<{ result: any; spanId: string }> {
  const name = typeof toolName === 'string' && toolName ? toolName : 'tool';
  const { spanId, traceId } = recorder.startSpan(
    { name, type: 'tool', input: options.input, parentSpanId, stepOrder, destructive: destructive === true, attributes: options.attributes },
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
  tags?: string[];
}

/** Runs `fn` in a new span (and a new trace when none is active); returns what fn returns, sync or async. */
export function traced<R>(recorder: Recorder, name: unknown, fn: (span: SpanHandle) => R, options: TracedOptions = {}): R {
  const spanName = typeof name === 'string' && name ? name : 'span';
  const ownTrace = recorder.currentTraceId() === null && options.parentSpanId === undefined ? recorder.startTrace({ name: spanName, input: options.input, tags: options.tags }, false) : null;
  const { spanId, traceId } = recorder.startSpan({ ...options, name: spanName, traceId: ownTrace ?? undefined, type: options.type ?? 'chain' }, 'chain');
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
  const finish = (value: unknown, error?: unknown) => {
    const facts = error === undefined && (options.type === 'llm' || options.type === 'embedding') ? llmFacts(value) : { output: value };
    const base = error === undefined ? facts : {};
    recorder.endSpan(spanId, { ...base, ...extra, ...(error !== undefined ? failure(error) : {}), attributes: { ...attributes, ...(error !== undefined ? errorAttributes(error) : {}) } });
    if (ownTrace) recorder.endTrace(ownTrace, { output: error === undefined ? (outputSet ? extra.output : value) : undefined, status: error === undefined ? 'success' : 'error', error });
  };
  let result: R;
  try {
    result = runInFrame({ traceId, spanId }, () => invoke(fn, handle) as R);
  } catch (error) {
    finish(undefined, error);
    throw error;
  }
  if (isThenable(result)) {
    return Promise.resolve(result).then(
      (value) => {
        finish(value);
        return value;
      },
      (error: unknown) => {
        finish(undefined, error);
        throw error;
      },
    ) as R;
  }
  finish(result);
  return result;
}
