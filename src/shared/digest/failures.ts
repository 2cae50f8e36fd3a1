// Failures explained: for each error span, the chain of steps that led to it (its ancestors, and
// the steps that ran just before it) and the model input at the last model call before it, so a
// reader sees what the model was told when things went wrong.
import type { Span, TraceSummary } from '../types.ts';
import { clampBudget, MAX_FAILURES, PREVIEW_CHARS, STACK_LINES } from './budget.ts';
import { clip, formatCount, quote } from './format.ts';
import { readablePayload } from './payload.ts';
import { ancestry, buildSpanTree } from './spanTree.ts';
import { errorLine, spanLine, traceHeader } from './tree.ts';

/** Steps (other than ancestors) shown as having run just before a failure. */
const STEPS_BEFORE = 4;
/** Characters of the model input shown per failure. */
const MODEL_INPUT_CHARS = 1_500;

export interface FailureContext {
  failure: Span;
  /** Root first, the failure's parent last. */
  ancestors: Span[];
  /** Steps that ended before the failure started, latest last. */
  stepsBefore: Span[];
  /** The last model call that started before the failure (or the failure itself when it is one). */
  modelCallBefore: Span | null;
}

/** The first MAX_FAILURES failures of a trace with their context; `total` counts them all. */
export function failureContexts(spans: readonly Span[]): { contexts: FailureContext[]; total: number } {
  const tree = buildSpanTree(spans);
  const byStart = [...spans].sort((a, b) => (a.startTime ?? 0) - (b.startTime ?? 0));
  // Leaves of a chain are reported, not every ancestor that only failed because a child did.
  const reported = tree.failures.filter(
    (f) => !(tree.children.get(f.spanId) ?? []).some((c) => c.status === 'error'),
  );
  const contexts = reported.slice(0, MAX_FAILURES).map((failure) => {
    const chain = ancestry(tree, failure);
    const ancestors = chain.slice(0, -1);
    const ancestorIds = new Set(ancestors.map((s) => s.spanId));
    const start = failure.startTime ?? Infinity;
    const earlier = byStart.filter(
      (s) => s !== failure && (s.startTime ?? 0) <= start && !ancestorIds.has(s.spanId),
    );
    const stepsBefore = earlier.filter((s) => (s.endTime ?? Infinity) <= start).slice(-STEPS_BEFORE);
    const modelCallBefore =
      failure.type === 'llm' ? failure : ([...earlier].reverse().find((s) => s.type === 'llm') ?? null);
    return { failure, ancestors, stepsBefore, modelCallBefore };
  });
  return { contexts, total: reported.length };
}

export interface FailureDigestInput {
  trace: TraceSummary;
  contexts: FailureContext[];
  total: number;
  /** Inputs of the model calls named in the contexts, by span id (loaded by the caller). */
  modelInputs: ReadonlyMap<string, unknown>;
}

function one(digest: FailureDigestInput, context: FailureContext, index: number): string[] {
  const { failure, ancestors, stepsBefore, modelCallBefore } = context;
  const lines = [`${index + 1}. ${spanLine(failure, false)}`];
  lines.push(`   ${errorLine(failure) ?? 'error: (no message recorded)'}`);
  if (failure.error?.stack) {
    const frames = failure.error.stack.split('\n').slice(1, 1 + Math.min(3, STACK_LINES));
    for (const frame of frames) lines.push(`     ${frame.trim()}`);
  }
  if (ancestors.length) lines.push(`   path: ${ancestors.map((s) => `${s.name} #${s.spanId}`).join(' › ')}`);
  if (stepsBefore.length) {
    lines.push('   steps just before:');
    for (const step of stepsBefore) {
      const out = quote(step.outputPreview, PREVIEW_CHARS);
      lines.push(
        `     - ${step.name} [${step.type}] ${step.status}${out ? ` out ${out}` : ''} #${step.spanId}`,
      );
    }
  }
  const input = quote(failure.inputPreview, PREVIEW_CHARS * 2);
  if (input && modelCallBefore !== failure) lines.push(`   its input: ${input}`);
  if (modelCallBefore) {
    const label = modelCallBefore === failure ? 'model input of this call' : 'model input at the step before';
    const model = modelCallBefore.model ? `, ${modelCallBefore.model}` : '';
    lines.push(`   ${label} (${modelCallBefore.name} #${modelCallBefore.spanId}${model}):`);
    const text = modelInputText(modelCallBefore, digest.modelInputs);
    lines.push(...text.split('\n').map((l) => `     ${l}`));
  }
  return lines;
}

/** The loaded input of a model call as readable text, else its preview. */
function modelInputText(span: Span, inputs: ReadonlyMap<string, unknown>): string {
  const value = inputs.get(span.spanId);
  const text = value === undefined ? (span.inputPreview ?? '(no input recorded)') : readablePayload(value);
  return clip(text, MODEL_INPUT_CHARS);
}

export function digestFailures(input: FailureDigestInput, budgetChars?: number): string {
  const budget = clampBudget(budgetChars);
  const lines = [traceHeader(input.trace)];
  if (input.total === 0) {
    lines.push('no failed spans in this run');
    return lines.join('\n');
  }
  lines.push(
    `${formatCount(input.total)} failure${input.total === 1 ? '' : 's'} (innermost failed steps, in order):`,
  );
  let used = lines.join('\n').length;
  let shown = 0;
  for (const [i, context] of input.contexts.entries()) {
    const block = one(input, context, i).join('\n');
    if (used + block.length + 1 > budget - 120) break;
    lines.push(block);
    used += block.length + 1;
    shown++;
  }
  if (shown < input.total)
    lines.push(
      `… ${formatCount(input.total - shown)} more failures not shown (budget); spyglass_trace lists them`,
    );
  return lines.join('\n');
}
