// The wrappers in replay mode. wrapOpenAI, wrapToolCall, and traced()/withSpan() of type llm or
// tool ask the controller what to do with the call: serve it from the recording (the function is
// not called), serve the fork's edited output, or run it live (after a fork's step). Served calls
// are recorded as spans like the ones they replay, marked with the step they came from; a call
// that diverges is recorded as a failed span and gets the ReplayDivergenceError.
import { ASYNC, CALL, CALL_NAME, REPLAY_SERVED, REPLAY_STEP, RETURNED } from './callMarks.ts';
import type { CallKind } from './callMarks.ts';
import { newSpanId } from './ids.ts';
import type { Recorder } from './recorder.ts';
import type { ReplayController } from './replayController.ts';
import type { Decision, ReplayCall } from './replayMatch.ts';
import { rebuildError, rebuildLlmResult, rebuildToolResult } from './replayRebuild.ts';
import type { TracedOptions, WrapOptions } from './wrappers.ts';
import { isServedType, llmCallName, llmInput, toolCallName, tracedName } from './wrappers.ts';

export interface ReplayDeps {
  controller: ReplayController;
  /** null with `record: false` or tracing disabled: served calls are not recorded. */
  recorder: Recorder | null;
  /** The input as the recording holds it (sanitized, masked JSON), or undefined when inputs are not captured. */
  normalize(input: unknown): unknown;
}

interface CallSite {
  kind: CallKind;
  type: 'llm' | 'tool';
  name: string;
  input: unknown;
  parentSpanId?: unknown;
  stepOrder?: unknown;
  model?: string;
  provider?: string;
  destructive?: boolean;
  attributes?: Record<string, unknown>;
}

function replayCall(deps: ReplayDeps, site: CallSite): ReplayCall {
  return { type: site.type, name: site.name, input: deps.normalize(site.input) };
}

/** The failed span of a call that diverged from the recording. */
function recordDivergence(deps: ReplayDeps, site: CallSite, error: unknown): void {
  const recorder = deps.recorder;
  if (!recorder) return;
  try {
    const { spanId } = recorder.startSpan(
      {
        name: site.name,
        type: site.type,
        input: site.input,
        parentSpanId: site.parentSpanId,
        stepOrder: site.stepOrder,
        model: site.model,
        provider: site.provider,
        attributes: { ...site.attributes, [CALL]: site.kind, [CALL_NAME]: site.name },
      },
      site.type,
    );
    recorder.endSpan(spanId, { status: 'error', error });
  } catch {
    // recording is best effort; the divergence error itself still reaches the agent
  }
}

/** Records a served step as a span of the new run; returns its id. */
function recordServed(
  deps: ReplayDeps,
  site: CallSite,
  decision: Exclude<Decision, { kind: 'live' }>,
): string {
  const recorder = deps.recorder;
  if (!recorder) return newSpanId();
  const span = decision.step.span;
  const edited = decision.kind === 'edit';
  try {
    const { spanId } = recorder.startSpan(
      {
        name: site.name,
        type: site.type,
        input: site.input,
        parentSpanId: site.parentSpanId,
        stepOrder: site.stepOrder,
        model: site.model,
        provider: site.provider ?? span.provider ?? undefined,
        destructive: site.destructive ?? span.destructive,
        attributes: {
          ...span.attributes,
          ...site.attributes,
          [REPLAY_STEP]: decision.step.index,
          [REPLAY_SERVED]: edited ? 'edited' : 'recording',
        },
      },
      site.type,
    );
    const failed = span.status === 'error' && !edited;
    recorder.endSpan(spanId, {
      name: span.name !== site.name ? span.name : undefined,
      output: edited
        ? site.type === 'llm' && typeof decision.output === 'string'
          ? { role: 'assistant', content: decision.output }
          : decision.output
        : span.output,
      status: failed ? 'error' : 'success',
      error: failed ? rebuildError(span) : undefined,
      model: span.model ?? undefined,
      promptTokens: span.promptTokens ?? undefined,
      completionTokens: span.completionTokens ?? undefined,
      totalTokens: span.totalTokens ?? undefined,
      timeToFirstTokenMs: span.timeToFirstTokenMs ?? undefined,
    });
    return spanId;
  } catch {
    return newSpanId();
  }
}

async function serveAsync<T>(
  deps: ReplayDeps,
  site: CallSite,
  value: (decision: Exclude<Decision, { kind: 'live' }>) => unknown,
  live: () => Promise<T>,
): Promise<T | { result: any; spanId: string }> {
  let decision: Decision;
  try {
    decision = await deps.controller.decide(replayCall(deps, site));
  } catch (error) {
    recordDivergence(deps, site, error);
    throw error;
  }
  if (decision.kind === 'live') return live();
  const spanId = recordServed(deps, site, decision);
  if (decision.step.span.status === 'error' && decision.kind === 'serve')
    throw rebuildError(decision.step.span);
  return { result: value(decision), spanId };
}

export function replayLlm(
  deps: ReplayDeps,
  messages: unknown,
  parentSpanId: unknown,
  stepOrder: unknown,
  options: WrapOptions,
  live: () => Promise<{ result: any; spanId: string }>,
): Promise<{ result: any; spanId: string }> {
  const name = llmCallName(messages, options);
  const site: CallSite = {
    kind: 'openai',
    type: 'llm',
    name,
    input: llmInput(messages, options),
    parentSpanId,
    stepOrder,
    model: options.model,
    provider: options.provider ?? 'openai',
    attributes: options.attributes,
  };
  return serveAsync(
    deps,
    site,
    (d) => rebuildLlmResult(d.step.span, d.kind === 'edit' ? { output: d.output } : undefined),
    live,
  );
}

export function replayTool(
  deps: ReplayDeps,
  toolName: unknown,
  parentSpanId: unknown,
  stepOrder: unknown,
  destructive: unknown,
  options: WrapOptions,
  live: () => Promise<{ result: any; spanId: string }>,
): Promise<{ result: any; spanId: string }> {
  const site: CallSite = {
    kind: 'tool',
    type: 'tool',
    name: toolCallName(toolName),
    input: options.input,
    parentSpanId,
    stepOrder,
    destructive: destructive === true,
    attributes: options.attributes,
  };
  return serveAsync(
    deps,
    site,
    (d) => rebuildToolResult(d.step.span, d.kind === 'edit' ? { output: d.output } : undefined),
    live,
  );
}

/**
 * traced()/withSpan() of type llm or tool: served without running fn. The value comes back as the
 * original did, synchronously or as a promise (recorded in callMarks.ASYNC); before a collector
 * recording has loaded it can only come as a promise.
 */
export function replayTraced<R>(deps: ReplayDeps, name: unknown, options: TracedOptions, live: () => R): R {
  if (!isServedType(options.type)) return live();
  const site: CallSite = {
    kind: 'traced',
    type: options.type,
    name: tracedName(name),
    input: options.input,
    parentSpanId: options.parentSpanId,
    stepOrder: options.stepOrder,
    model: options.model,
    provider: options.provider,
    destructive: options.destructive,
    attributes: options.attributes,
  };
  const serve = (decision: Decision, forceAsync: boolean): R => {
    if (decision.kind === 'live') return live();
    recordServed(deps, site, decision);
    const span = decision.step.span;
    const edit = decision.kind === 'edit' ? { output: decision.output } : undefined;
    const isAsync = forceAsync || span.attributes[ASYNC] !== false;
    if (span.status === 'error' && !edit) {
      const error = rebuildError(span);
      if (isAsync) return Promise.reject(error) as R;
      throw error;
    }
    const value =
      site.type === 'llm' && !(edit === undefined && RETURNED in span.attributes)
        ? rebuildLlmResult(span, edit)
        : rebuildToolResult(span, edit);
    return (isAsync ? Promise.resolve(value) : value) as R;
  };
  if (!deps.controller.isSettled()) {
    return deps.controller.decide(replayCall(deps, site)).then(
      (decision) => serve(decision, true),
      (error: unknown) => {
        recordDivergence(deps, site, error);
        throw error;
      },
    ) as R;
  }
  let decision: Decision;
  try {
    decision = deps.controller.decideNow(replayCall(deps, site));
  } catch (error) {
    recordDivergence(deps, site, error);
    throw error;
  }
  return serve(decision, false);
}
