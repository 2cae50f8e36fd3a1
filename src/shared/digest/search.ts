// Full-text search answers: the matching runs, and in each the spans whose name, input, output
// or error contains the words, with a snippet around the first match.
import type { SpanWithPayloads, Span, TraceSummary } from '../types.ts';
import { clampBudget, SNIPPET_CONTEXT_CHARS } from './budget.ts';
import { formatCount, oneLine, payloadAsText } from './format.ts';
import { traceListLine } from './list.ts';

export interface SearchHit {
  span: Span;
  field: 'name' | 'input' | 'output' | 'error';
  snippet: string;
}

/** The search's words, as the store's full-text search splits them. */
export function searchWords(query: string): string[] {
  return (query.toLowerCase().match(/[\p{L}\p{N}\p{M}]+/gu) ?? []).filter((w) => w.length > 0);
}

/** A one-line window around the first of `words` in `text`, or null when none occurs. */
export function snippet(text: string, words: readonly string[]): string | null {
  const flat = oneLine(text);
  const lower = flat.toLowerCase();
  let at = -1;
  let length = 0;
  for (const word of words) {
    const i = lower.indexOf(word);
    if (i !== -1 && (at === -1 || i < at)) {
      at = i;
      length = word.length;
    }
  }
  if (at === -1) return null;
  const start = Math.max(0, at - SNIPPET_CONTEXT_CHARS);
  const end = Math.min(flat.length, at + length + SNIPPET_CONTEXT_CHARS);
  return `${start > 0 ? '…' : ''}${flat.slice(start, at)}«${flat.slice(at, at + length)}»${flat.slice(at + length, end)}${end < flat.length ? '…' : ''}`;
}

/** Where `words` occur in a span: every word must occur in some field (as the store matches). */
export function spanHits(span: Span | SpanWithPayloads, words: readonly string[]): SearchHit[] {
  if (words.length === 0) return [];
  const fields: [SearchHit['field'], string][] = [['name', span.name]];
  if ('input' in span) {
    fields.push(['input', payloadAsText(span.input)], ['output', payloadAsText(span.output)]);
  } else {
    fields.push(['input', span.inputPreview ?? ''], ['output', span.outputPreview ?? '']);
  }
  if (span.error) fields.push(['error', span.error.message]);
  const all = fields.map(([, t]) => t.toLowerCase()).join('\n');
  if (!words.every((w) => all.includes(w))) return [];
  const hits: SearchHit[] = [];
  for (const [field, text] of fields) {
    const found = snippet(text, words);
    if (found) hits.push({ span, field, snippet: found });
  }
  return hits;
}

export interface SearchResult {
  trace: TraceSummary;
  hits: SearchHit[];
  /** Hits beyond those listed. */
  moreHits: number;
}

export function digestSearch(query: string, results: readonly SearchResult[], budgetChars?: number): string {
  const budget = clampBudget(budgetChars);
  if (results.length === 0) return `no runs match "${query}"`;
  const lines = [`${results.length} run${results.length === 1 ? '' : 's'} match "${query}" (newest first):`];
  let used = lines[0]!.length;
  for (const [i, result] of results.entries()) {
    const block = [traceListLine(result.trace)];
    for (const hit of result.hits)
      block.push(`  ${hit.span.name} [${hit.span.type}] #${hit.span.spanId} ${hit.field}: ${hit.snippet}`);
    if (result.moreHits) block.push(`  … ${formatCount(result.moreHits)} more matching spans`);
    if (result.hits.length === 0) block.push("  (matches the run's own name, input or output)");
    const text = block.join('\n');
    if (used + text.length + 1 > budget - 100) {
      lines.push(`… ${results.length - i} more runs not shown (budget); add words to narrow the search`);
      break;
    }
    lines.push(text);
    used += text.length + 1;
  }
  return lines.join('\n');
}
