// The trace list as compact text: one line a run, newest first, with the ids to drill into.
import type { TraceSummary } from '../types.ts';
import { clampBudget } from './budget.ts';
import { formatCost, formatCount, formatDuration, formatTime } from './format.ts';

export function traceListLine(t: TraceSummary): string {
  const parts = [`${t.traceId} "${t.name}" ${t.status}`];
  parts.push(formatTime(t.startTime), formatDuration(t.durationMs), `${formatCount(t.spanCount)} spans`);
  if (t.errorCount) parts.push(`${formatCount(t.errorCount)} failed`);
  if (t.totalTokens) parts.push(`${formatCount(t.totalTokens)} tok`);
  const cost = formatCost(t.costUsd);
  if (cost) parts.push(cost);
  if (t.models.length) parts.push(t.models.join(','));
  if (t.tags.length) parts.push(`tags ${t.tags.join(',')}`);
  if (t.sessionId) parts.push(`session ${t.sessionId}`);
  return parts.join(' · ');
}

export function digestTraceList(
  traces: readonly TraceSummary[],
  options: { budgetChars?: number; more?: boolean; filters?: string } = {},
): string {
  const budget = clampBudget(options.budgetChars);
  if (traces.length === 0) return `no traces match${options.filters ? ` (${options.filters})` : ''}`;
  const lines = [
    `${traces.length} trace${traces.length === 1 ? '' : 's'}, newest first${options.filters ? ` (${options.filters})` : ''}:`,
  ];
  let used = lines[0]!.length;
  let shown = 0;
  for (const trace of traces) {
    const line = traceListLine(trace);
    if (used + line.length + 1 > budget - 100) break;
    lines.push(line);
    used += line.length + 1;
    shown++;
  }
  if (shown < traces.length)
    lines.push(`… ${traces.length - shown} more not shown (budget); narrow the filters`);
  else if (options.more) lines.push('… more traces match: narrow the filters, or raise limit');
  return lines.join('\n');
}
