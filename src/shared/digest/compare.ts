// Two runs compared step by step, in words: the totals, then the aligned steps that differ,
// first divergence first. The alignment is src/shared/compare's, the same the compare view uses.
import {
  alignRuns,
  summarizeComparison,
  type AlignedPair,
  type PayloadDiff,
  type StepInput,
} from '../compare/index.ts';
import type { TraceSummary } from '../types.ts';
import { clampBudget } from './budget.ts';
import { clip, formatCount, formatDuration, oneLine } from './format.ts';
import { traceListLine } from './list.ts';

const DIFF_CHARS = 200;

function diffWords(label: string, diff: PayloadDiff): string {
  const removed = diff.diff.ops
    .filter((o) => o.op === 'delete')
    .map((o) => o.text)
    .join('');
  const added = diff.diff.ops
    .filter((o) => o.op === 'insert')
    .map((o) => o.text)
    .join('');
  const parts = [];
  if (removed.trim()) parts.push(`-"${clip(oneLine(removed), DIFF_CHARS)}"`);
  if (added.trim()) parts.push(`+"${clip(oneLine(added), DIFF_CHARS)}"`);
  return `${label} ${diff.label} differs: ${parts.join(' ') || '(whitespace only)'}`;
}

function stepLabel(pair: AlignedPair): string {
  const step = pair.b ?? pair.a!;
  const at = [pair.a ? `A#${pair.a.index + 1}` : null, pair.b ? `B#${pair.b.index + 1}` : null]
    .filter(Boolean)
    .join('/');
  return `step ${at} ${step.span.name} [${step.span.type}]`;
}

export function describePair(pair: AlignedPair): string[] {
  const lines: string[] = [];
  if (pair.kind === 'inserted') {
    lines.push(
      `${stepLabel(pair)}: only in B #${pair.b!.span.spanId}${pair.b!.span.status === 'error' ? ' (failed)' : ''}`,
    );
    return lines;
  }
  if (pair.kind === 'removed') {
    lines.push(
      `${stepLabel(pair)}: only in A #${pair.a!.span.spanId}${pair.a!.span.status === 'error' ? ' (failed)' : ''}`,
    );
    return lines;
  }
  lines.push(`${stepLabel(pair)}: changed (A #${pair.a!.span.spanId}, B #${pair.b!.span.spanId})`);
  const d = pair.diffs;
  if (d.name) lines.push(`  name "${d.name.a}" → "${d.name.b}"`);
  if (d.model) lines.push(`  model ${d.model.a ?? '—'} → ${d.model.b ?? '—'}`);
  if (d.status) lines.push(`  status ${d.status.a} → ${d.status.b}`);
  if (d.error)
    lines.push(
      `  error ${JSON.stringify(clip(d.error.a ?? '—', 120))} → ${JSON.stringify(clip(d.error.b ?? '—', 120))}`,
    );
  if (d.input) lines.push(`  ${diffWords('', d.input).trim()}`);
  if (d.output) lines.push(`  ${diffWords('', d.output).trim()}`);
  const tokens = d.totalTokens;
  if (tokens.a !== tokens.b && (tokens.a || tokens.b))
    lines.push(`  tokens ${formatCount(tokens.a ?? 0)} → ${formatCount(tokens.b ?? 0)}`);
  return lines;
}

export function digestComparison(
  a: { trace: TraceSummary; spans: readonly StepInput[] },
  b: { trace: TraceSummary; spans: readonly StepInput[] },
  budgetChars?: number,
): string {
  const budget = clampBudget(budgetChars);
  const comparison = alignRuns(a.spans, b.spans);
  const summary = summarizeComparison(comparison);
  const lines = [
    `A: ${traceListLine(a.trace)}`,
    `B: ${traceListLine(b.trace)}`,
    `B against A: ${summary.text} (${summary.changed} changed, ${summary.inserted} only in B, ${summary.removed} only in A; ${comparison.method} alignment)`,
  ];
  if (comparison.firstDivergence === null) {
    lines.push(`the runs match step for step (${formatCount(comparison.stepsA)} steps)`);
    return lines.join('\n');
  }
  const differing = comparison.pairs.slice(comparison.firstDivergence).filter((p) => p.kind !== 'same');
  lines.push(
    `first divergence at aligned step ${comparison.firstDivergence + 1}; ${formatCount(differing.length)} differing steps in order:`,
  );
  let used = lines.join('\n').length;
  for (const [i, pair] of differing.entries()) {
    const text = describePair(pair).join('\n');
    if (used + text.length + 1 > budget - 100) {
      lines.push(`… ${formatCount(differing.length - i)} more differing steps not shown (budget)`);
      break;
    }
    lines.push(text);
    used += text.length + 1;
  }
  const durA = a.trace.durationMs;
  const durB = b.trace.durationMs;
  if (durA !== null && durB !== null)
    lines.push(`durations: A ${formatDuration(durA)}, B ${formatDuration(durB)}`);
  return lines.join('\n');
}
