// One line instruments a whole client: `spyglass.instrument(new OpenAI())` or
// `spyglass.instrument(new Anthropic())`. The methods that call a model are replaced on that
// client's own resource objects (never on the classes, so other clients stay untouched, and
// the SDK imports neither vendor's package). Each call becomes an LLM span with the request and
// its parameters; what the method returns is handed back as it was (the same APIPromise, so
// `.withResponse()`, `.asResponse()` and the `.stream()`/`.parse()` helpers still work, and the
// same Stream object, recorded as it is read).
import { AnthropicStreamAssembler } from './anthropicShapes.ts';
import { answerFacts } from './llmAnswer.ts';
import { activeFrame, runInFrame } from './context.ts';
import { nowMs } from './clock.ts';
import type { LlmFacts } from './openaiShapes.ts';
import type { Recorder } from './recorder.ts';
import { requestAttributes, requestedModel } from './requestParams.ts';
import { tapResult } from './resultTap.ts';
import { StreamAssembler } from './streamAssembler.ts';
import { isAsyncIterable } from './streamTap.ts';
import { failure, recordStream } from './wrappers.ts';
import type { ChunkAssembler } from './wrappers.ts';

export interface InstrumentOptions {
  /** Provider recorded on the spans; default "openai" or "anthropic" by the client's shape. */
  provider?: string;
  /** Attributes added to every span of this client (e.g. a deployment name). */
  attributes?: Record<string, unknown>;
}

type Vendor = 'openai' | 'anthropic';

interface Target {
  path: string[];
  method: string;
  vendor: Vendor;
  type: 'llm' | 'embedding';
}

/** The methods that call a model, by vendor. `.stream()`, `.parse()` and tool runners call these. */
const TARGETS: Target[] = [
  { path: ['chat', 'completions'], method: 'create', vendor: 'openai', type: 'llm' },
  { path: ['responses'], method: 'create', vendor: 'openai', type: 'llm' },
  { path: ['completions'], method: 'create', vendor: 'openai', type: 'llm' },
  { path: ['embeddings'], method: 'create', vendor: 'openai', type: 'embedding' },
  { path: ['messages'], method: 'create', vendor: 'anthropic', type: 'llm' },
  { path: ['beta', 'messages'], method: 'create', vendor: 'anthropic', type: 'llm' },
];

const PATCHED = Symbol.for('spyglass.instrumented');

type AnyFn = (this: unknown, ...args: unknown[]) => unknown;

function resource(client: object, path: string[]): Record<string | symbol, unknown> | null {
  let at: unknown = client;
  for (const key of path) {
    try {
      at = (at as Record<string, unknown> | null)?.[key];
    } catch {
      return null;
    }
    if ((typeof at !== 'object' && typeof at !== 'function') || at === null) return null;
  }
  return at as Record<string | symbol, unknown>;
}

/** Which vendor's client this is: Anthropic's has `messages.create`, OpenAI's `chat.completions.create`. */
export function clientVendor(client: unknown): Vendor | null {
  if (typeof client !== 'object' || client === null) return null;
  if (typeof resource(client, ['chat', 'completions'])?.create === 'function') return 'openai';
  if (typeof resource(client, ['messages'])?.create === 'function') return 'anthropic';
  return null;
}

function assemblerFor(vendor: Vendor): ChunkAssembler {
  return vendor === 'anthropic' ? new AnthropicStreamAssembler() : new StreamAssembler();
}

/** Prompt-cache counts as attributes too (GenAI names), so the inspector shows them beside the tokens. */
function cacheAttributes(facts: LlmFacts): Record<string, number> | undefined {
  const out: Record<string, number> = {};
  if (facts.cacheReadTokens) out['gen_ai.usage.cache_read.input_tokens'] = facts.cacheReadTokens;
  if (facts.cacheWriteTokens) out['gen_ai.usage.cache_creation.input_tokens'] = facts.cacheWriteTokens;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Runs one call of an instrumented method in a span; returns exactly what the method returned. */
function tracedCall(
  recorder: Recorder,
  target: Target,
  options: InstrumentOptions,
  original: AnyFn,
  self: unknown,
  args: unknown[],
): unknown {
  const body = args[0];
  const model = requestedModel(body);
  const provider = options.provider ?? target.vendor;
  let span: { spanId: string; traceId: string };
  try {
    span = recorder.startSpan(
      {
        name: model ?? provider,
        type: target.type,
        model,
        provider,
        input: body,
        attributes: { ...options.attributes, ...requestAttributes(body), 'llm.api': target.path.join('.') },
      },
      target.type,
    );
  } catch {
    return original.apply(self, args);
  }
  const { spanId, traceId } = span;
  const startTime = nowMs();
  let result: unknown;
  try {
    result = runInFrame({ traceId, spanId, clientCall: true }, () => original.apply(self, args));
  } catch (error) {
    try {
      recorder.endSpan(spanId, failure(error));
    } catch {}
    throw error;
  }
  tapResult(result, {
    value(value) {
      const iterable = isAsyncIterable(value) && !Array.isArray((value as { choices?: unknown }).choices);
      if (iterable) {
        recordStream(recorder, spanId, value, startTime, true, assemblerFor(target.vendor));
        return;
      }
      const facts = answerFacts(value);
      recorder.endSpan(spanId, {
        ...facts,
        ...(facts.model ? { name: facts.model } : {}),
        attributes: cacheAttributes(facts),
      });
    },
    error(error) {
      recorder.endSpan(spanId, failure(error));
    },
    raw(response) {
      const status = (response as { status?: unknown } | undefined)?.status;
      recorder.endSpan(spanId, {
        output: '[raw HTTP response read by the caller: body not recorded]',
        attributes: typeof status === 'number' ? { 'http.status_code': status } : undefined,
      });
    },
  });
  return result;
}

/**
 * Instruments `client` in place and returns it. Calls made while a client call is already being
 * traced (a helper calling `create`, or a call inside `wrapOpenAI`) are not traced twice.
 */
export function instrumentClient<T>(
  client: T,
  recorderOf: () => Recorder | null,
  options: InstrumentOptions = {},
): T {
  if (typeof client !== 'object' || client === null) return client;
  for (const target of TARGETS) {
    const owner = resource(client, target.path);
    const original = owner?.[target.method];
    if (!owner || typeof original !== 'function' || owner[PATCHED]) continue;
    const wrapped = function (this: unknown, ...args: unknown[]): unknown {
      const recorder = recorderOf();
      if (!recorder || activeFrame()?.clientCall) return (original as AnyFn).apply(this, args);
      return tracedCall(recorder, target, options, original as AnyFn, this, args);
    };
    try {
      Object.defineProperty(owner, target.method, { value: wrapped, configurable: true, writable: true });
      Object.defineProperty(owner, PATCHED, { value: true, configurable: true });
    } catch {
      // a frozen client stays as it is
    }
  }
  return client;
}
