// The one-line summary of a comparison ("3 more tool calls, +41% tokens, slower by 2.3 s") and the
// per-run totals behind it. Tokens and cost count model calls only, as the trace list does, so
// wrapper spans that repeat their children's usage are not counted twice.
import { MODEL_CALL_TYPES, SPAN_TYPES, type SpanType } from '../types.ts';
import type { Comparison, ComparisonSummary, RunTotals, Step } from './types.ts';

const NOUNS: Record<SpanType, [string, string]> = {
  llm: ['LLM call', 'LLM calls'],
  tool: ['tool call', 'tool calls'],
  retrieval: ['retrieval', 'retrievals'],
  embedding: ['embedding call', 'embedding calls'],
  agent: ['agent step', 'agent steps'],
  chain: ['chain step', 'chain steps'],
  reranker: ['rerank call', 'rerank calls'],
  guardrail: ['guardrail check', 'guardrail checks'],
  evaluator: ['evaluator run', 'evaluator runs'],
  custom: ['custom step', 'custom steps'],
};

export function runTotals(steps: readonly Step[]): RunTotals {
  const totals: RunTotals = {
    steps: steps.length,
    stepsByType: {},
    totalTokens: 0,
    costUsd: 0,
    durationMs: null,
    errors: 0,
  };
  let first = Infinity;
  let last = -Infinity;
  for (const { span } of steps) {
    totals.stepsByType[span.type] = (totals.stepsByType[span.type] ?? 0) + 1;
    if (MODEL_CALL_TYPES.includes(span.type)) {
      totals.totalTokens += span.totalTokens ?? 0;
      totals.costUsd += span.costUsd ?? 0;
    }
    if (span.status === 'error') totals.errors++;
    if (span.startTime !== null) first = Math.min(first, span.startTime);
    if (span.endTime !== null) last = Math.max(last, span.endTime);
  }
  if (first !== Infinity && last !== -Infinity) totals.durationMs = last - first;
  return totals;
}

export function formatDurationMs(ms: number): string {
  const abs = Math.abs(ms);
  return abs < 1000 ? `${Math.round(abs)} ms` : `${(abs / 1000).toFixed(1)} s`;
}

function countPhrase(diff: number, [one, many]: [string, string]): string {
  const n = Math.abs(diff);
  return `${n} ${diff > 0 ? 'more' : 'fewer'} ${n === 1 ? one : many}`;
}

function tokenPhrase(a: number, b: number): string | null {
  if (a === 0 && b === 0) return null;
  if (a === b) return 'same tokens';
  if (a === 0) return `+${b} tokens`;
  const percent = Math.round(((b - a) / a) * 100);
  if (percent === 0) return `${b > a ? '+' : '-'}${Math.abs(b - a)} tokens`;
  return `${percent > 0 ? '+' : ''}${percent}% tokens`;
}

function timePhrase(a: number | null, b: number | null): string | null {
  if (a === null || b === null) return null;
  const diff = b - a;
  if (Math.abs(diff) < 1) return 'same duration';
  return `${diff > 0 ? 'slower' : 'faster'} by ${formatDurationMs(diff)}`;
}

/** Run A is the baseline: "more", "+%" and "slower" describe run B against it. */
export function summarizeComparison(comparison: Comparison): ComparisonSummary {
  const stepsA: Step[] = [];
  const stepsB: Step[] = [];
  let changed = 0;
  let inserted = 0;
  let removed = 0;
  for (const pair of comparison.pairs) {
    if (pair.a) stepsA.push(pair.a);
    if (pair.b) stepsB.push(pair.b);
    if (pair.kind === 'changed') changed++;
    else if (pair.kind === 'inserted') inserted++;
    else if (pair.kind === 'removed') removed++;
  }
  const a = runTotals(stepsA);
  const b = runTotals(stepsB);

  const parts: string[] = [];
  for (const type of SPAN_TYPES) {
    const diff = (b.stepsByType[type] ?? 0) - (a.stepsByType[type] ?? 0);
    if (diff !== 0) parts.push(countPhrase(diff, NOUNS[type]));
  }
  // The step counts tell the story when they differ; when they balance, say what was edited.
  if (parts.length === 0) {
    if (changed > 0) parts.push(`${changed} ${changed === 1 ? 'step' : 'steps'} changed`);
    if (inserted > 0) parts.push(`${inserted} added`);
    if (removed > 0) parts.push(`${removed} removed`);
    if (parts.length === 0) parts.push('same steps');
  }
  if (b.errors !== a.errors) parts.push(countPhrase(b.errors - a.errors, ['error', 'errors']));
  const tokens = tokenPhrase(a.totalTokens, b.totalTokens);
  if (tokens) parts.push(tokens);
  const time = timePhrase(a.durationMs, b.durationMs);
  if (time) parts.push(time);
  return { a, b, text: parts.join(', '), changed, inserted, removed };
}
