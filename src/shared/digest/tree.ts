// A trace as a compact indented tree for a model's context or a terminal: one line a span (name,
// type, duration, status, model, tokens, cost, id), with short previews and errors under it.
// The answer never exceeds its budget: it is rendered at the richest level of detail that fits,
// where a poorer level folds repeated siblings, caps children and depth, and drops previews. The
// failures (with their ancestors) and the critical path are shown whole at every level.
import type { Span, TraceSummary } from '../types.ts';
import { clampBudget, ERROR_CHARS, FOLD_SIBLINGS_AFTER, PREVIEW_CHARS } from './budget.ts';
import { clip, formatCost, formatCount, formatDuration, formatTime, oneLine, quote } from './format.ts';
import { buildSpanTree, type SpanTree } from './spanTree.ts';

export type LineTone = 'header' | 'normal' | 'error' | 'muted' | 'detail';

export interface DigestLine {
  depth: number;
  text: string;
  tone: LineTone;
  /** The span the line is about, when there is one. */
  spanId?: string;
}

export interface TreeDigest {
  lines: DigestLine[];
  /** The lines as plain text, indented two spaces a level. */
  text: string;
  /** 0 = everything shown; higher levels summarised more to fit the budget. */
  level: number;
}

interface Detail {
  previews: boolean;
  maxDepth: number;
  maxChildren: number;
  /** Fold runs of same-named siblings. */
  fold: boolean;
}

/** Richest first; the first that fits the budget wins. */
const LEVELS: readonly Detail[] = [
  { previews: true, maxDepth: Infinity, maxChildren: Infinity, fold: false },
  { previews: true, maxDepth: Infinity, maxChildren: Infinity, fold: true },
  { previews: true, maxDepth: 8, maxChildren: 30, fold: true },
  { previews: false, maxDepth: 6, maxChildren: 15, fold: true },
  { previews: false, maxDepth: 4, maxChildren: 8, fold: true },
  { previews: false, maxDepth: 2, maxChildren: 4, fold: true },
  { previews: false, maxDepth: 1, maxChildren: 2, fold: true },
];

export interface TreeOptions {
  budgetChars?: number;
}

export function spanLine(span: Span, critical: boolean): string {
  const parts = [`${span.name} [${span.type}] ${formatDuration(span.durationMs)}`];
  if (span.status === 'error') parts[0] += ' ✗ failed';
  if (span.status === 'running') parts[0] += ' (running)';
  if (span.model) parts.push(span.model);
  if (span.totalTokens) parts.push(`${formatCount(span.totalTokens)} tok`);
  const cost = formatCost(span.costUsd);
  if (cost) parts.push(cost);
  if (span.destructive) parts.push('destructive');
  if (critical) parts.push('critical path');
  return `${parts.join(' · ')} #${span.spanId}`;
}

export function errorLine(span: Span): string | null {
  if (!span.error) return null;
  const kind = span.error.type ? `${span.error.type}: ` : '';
  return `error: ${kind}${clip(oneLine(span.error.message), ERROR_CHARS)}`;
}

export function traceHeader(trace: TraceSummary): string {
  const parts = [
    `trace ${trace.traceId} "${trace.name}"`,
    trace.status,
    `${formatCount(trace.spanCount)} spans`,
  ];
  if (trace.errorCount) parts.push(`${formatCount(trace.errorCount)} failed`);
  parts.push(formatDuration(trace.durationMs));
  if (trace.totalTokens) parts.push(`${formatCount(trace.totalTokens)} tok`);
  const cost = formatCost(trace.costUsd);
  if (cost) parts.push(cost);
  if (trace.models.length) parts.push(`models ${trace.models.join(', ')}`);
  parts.push(`started ${formatTime(trace.startTime)}`);
  return parts.join(' · ');
}

class OverBudget extends Error {}

class LineWriter {
  readonly lines: DigestLine[] = [];
  private chars = 0;
  private readonly budget: number;
  constructor(budget: number) {
    this.budget = budget;
  }
  push(line: DigestLine): void {
    this.chars += line.depth * 2 + line.text.length + 1;
    if (this.chars > this.budget) throw new OverBudget();
    this.lines.push(line);
  }
}

function summaryOf(spans: readonly Span[], tree: SpanTree): string {
  let below = 0;
  let failed = 0;
  let tokens = 0;
  let durationMs = 0;
  for (const s of spans) {
    below += tree.descendants.get(s.spanId) ?? 0;
    failed += (s.status === 'error' ? 1 : 0) + (tree.failuresBelow.get(s.spanId) ?? 0);
    tokens += s.totalTokens ?? 0;
    durationMs += s.durationMs ?? 0;
  }
  const parts = [`${formatDuration(durationMs)} in all`];
  if (below) parts.push(`${formatCount(below)} spans below`);
  if (tokens) parts.push(`${formatCount(tokens)} tok`);
  parts.push(failed ? `${formatCount(failed)} failed` : 'none failed');
  return parts.join(', ');
}

/** A span name with its numbers as "#": the shape repeated steps share. */
export function namePattern(name: string): string {
  return name.replace(/\d+/g, '#');
}

type Entry = { span: Span } | { folded: Span[] };

/**
 * Siblings as shown. With folding on, a name and type that repeats among the siblings (an agent's
 * loop alternates model and tool calls, so repeats are rarely adjacent) shows its first few
 * occurrences, then one line counting the rest where the first of them was; kept spans stay.
 */
function entriesOf(siblings: readonly Span[], tree: SpanTree, detail: Detail): Entry[] {
  if (!detail.fold) return siblings.map((span) => ({ span }));
  // Numbers in names ("batch 3", "attempt 2") do not make steps different for folding.
  const keyOf = (s: Span) => `${s.type}\u0000${namePattern(s.name)}`;
  const counts = new Map<string, number>();
  for (const s of siblings) counts.set(keyOf(s), (counts.get(keyOf(s)) ?? 0) + 1);
  const seen = new Map<string, number>();
  const folds = new Map<string, Span[]>();
  const entries: Entry[] = [];
  for (const span of siblings) {
    const key = keyOf(span);
    const index = seen.get(key) ?? 0;
    seen.set(key, index + 1);
    const repeated = (counts.get(key) ?? 0) > FOLD_SIBLINGS_AFTER + 1;
    if (!repeated || index < FOLD_SIBLINGS_AFTER || tree.kept.has(span.spanId)) {
      entries.push({ span });
      continue;
    }
    const folded = folds.get(key);
    if (folded) folded.push(span);
    else {
      const list = [span];
      folds.set(key, list);
      entries.push({ folded: list });
    }
  }
  return entries;
}

function renderSpans(
  siblings: readonly Span[],
  depth: number,
  tree: SpanTree,
  detail: Detail,
  out: LineWriter,
): void {
  const rest: Span[] = [];
  let shown = 0;
  for (const entry of entriesOf(siblings, tree, detail)) {
    if ('folded' in entry) {
      if (shown >= detail.maxChildren) {
        rest.push(...entry.folded);
        continue;
      }
      const first = entry.folded[0]!;
      out.push({
        depth,
        tone: 'muted',
        text: `… ${formatCount(entry.folded.length)} more "${namePattern(first.name)}" [${first.type}] (${summaryOf(entry.folded, tree)}) #${first.spanId}…#${entry.folded.at(-1)!.spanId}`,
      });
      shown++;
      continue;
    }
    const { span } = entry;
    const kept = tree.kept.has(span.spanId);
    if (!kept && shown >= detail.maxChildren) {
      rest.push(span);
      continue;
    }
    renderSpan(span, depth, tree, detail, out);
    if (!kept) shown++;
  }
  if (rest.length) {
    out.push({
      depth,
      tone: 'muted',
      text: `… ${formatCount(rest.length)} more siblings not shown (${summaryOf(rest, tree)})`,
    });
  }
}

function renderSpan(span: Span, depth: number, tree: SpanTree, detail: Detail, out: LineWriter): void {
  const children = tree.children.get(span.spanId) ?? [];
  const kept = tree.kept.has(span.spanId);
  const cutHere = children.length > 0 && depth + 1 >= detail.maxDepth && !kept;
  let text = spanLine(span, tree.critical.has(span.spanId));
  if (cutHere) text += ` (+${formatCount(tree.descendants.get(span.spanId) ?? 0)} below)`;
  out.push({ depth, text, tone: span.status === 'error' ? 'error' : 'normal', spanId: span.spanId });
  const error = errorLine(span);
  if (error) out.push({ depth: depth + 1, text: error, tone: 'error', spanId: span.spanId });
  if (detail.previews) {
    const input = quote(span.inputPreview, PREVIEW_CHARS);
    const output = quote(span.outputPreview, PREVIEW_CHARS);
    if (input || output) {
      const text = [input && `in ${input}`, output && `out ${output}`].filter(Boolean).join(' → ');
      out.push({ depth: depth + 1, text, tone: 'detail', spanId: span.spanId });
    }
  }
  if (!cutHere && children.length) renderSpans(children, depth + 1, tree, detail, out);
}

/** The trace's tree, at the richest level of detail that fits `budgetChars`. */
export function digestTree(
  trace: TraceSummary,
  spans: readonly Span[],
  options: TreeOptions = {},
): TreeDigest {
  const budget = clampBudget(options.budgetChars);
  const tree = buildSpanTree(spans);
  const header: DigestLine[] = [{ depth: 0, text: traceHeader(trace), tone: 'header' }];
  const note = (text: string): DigestLine => ({ depth: 0, text, tone: 'muted' });
  if (tree.failures.length > 0)
    header.push(note(`failures: ${formatCount(tree.failures.length)} (spyglass_failures explains each)`));
  const headerChars = header.reduce((n, l) => n + l.text.length + 1, 0);
  // Room for the closing note of a summarised tree.
  const room = budget - headerChars - 200;
  for (let level = 0; level < LEVELS.length; level++) {
    const out = new LineWriter(room);
    try {
      renderSpans(tree.roots, 0, tree, LEVELS[level]!, out);
    } catch (error) {
      if (error instanceof OverBudget) continue;
      throw error;
    }
    const lines = [...header, ...out.lines];
    if (level > 0) {
      lines.push(
        note(
          `(summarised to fit ${formatCount(budget)} chars: failures and the critical path are whole; open a span by its #id for more)`,
        ),
      );
    }
    return finish(lines, level);
  }
  // Even the poorest level is too long (thousands of roots, or a very deep critical path):
  // keep the lines that fit and say so.
  const out = new LineWriter(room);
  try {
    renderSpans(tree.roots, 0, tree, LEVELS.at(-1)!, out);
  } catch (error) {
    if (!(error instanceof OverBudget)) throw error;
  }
  const lines = [...header, ...out.lines];
  lines.push(note(`… the rest cut to fit ${formatCount(budget)} chars; open a span by its #id for more`));
  return finish(lines, LEVELS.length);
}

function finish(lines: DigestLine[], level: number): TreeDigest {
  return { lines, level, text: lines.map((l) => '  '.repeat(l.depth) + l.text).join('\n') };
}
