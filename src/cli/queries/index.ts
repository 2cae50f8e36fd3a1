// The queries behind both the MCP tools and the terminal commands: read from a TraceSource,
// answer a digest (src/shared/digest). Unknown ids throw NotFoundError with a way forward.
import {
  digestComparison,
  digestFailures,
  digestSearch,
  digestSpan,
  digestTraceList,
  digestTree,
  failureContexts,
  searchWords,
  spanHits,
  type SearchResult,
  type TreeDigest,
} from '../../shared/digest/index.ts';
import type { Span, SpanWithPayloads } from '../../shared/types.ts';
import { NotFoundError, type ListQuery, type TraceAnswer, type TraceSource } from '../source/index.ts';

/** Runs searched span by span for snippets; past it, only the run is named. */
const SEARCH_RUNS = 10;
const HITS_PER_RUN = 5;
/** Spans of a run loaded with payloads to find snippets; a larger run is searched by previews. */
const SEARCH_PAYLOAD_SPANS = 2_000;

export function normaliseTraceId(id: string): string {
  return id.trim().replace(/^#/, '').toLowerCase();
}

export async function requireTrace(
  source: TraceSource,
  traceId: string,
  options: { payloads?: boolean } = {},
): Promise<TraceAnswer> {
  const answer = await source.getTrace(normaliseTraceId(traceId), options);
  if (!answer)
    throw new NotFoundError(
      `no trace with id "${traceId}" in the ${source.describe()}; list the recent ones with spyglass_traces`,
    );
  return answer;
}

export function describeFilters(query: ListQuery): string {
  return Object.entries(query)
    .filter(([k, v]) => v !== undefined && k !== 'limit')
    .map(
      ([k, v]) => `${k}=${k === 'since' || k === 'until' ? new Date(v as number).toISOString() : String(v)}`,
    )
    .join(', ');
}

export async function listDigest(
  source: TraceSource,
  query: ListQuery,
  budgetChars?: number,
): Promise<string> {
  const answer = await source.listTraces(query);
  return digestTraceList(answer.traces, {
    budgetChars,
    more: answer.nextCursor !== null,
    filters: describeFilters(query),
  });
}

export async function treeDigest(
  source: TraceSource,
  traceId: string,
  budgetChars?: number,
): Promise<TreeDigest> {
  const { trace, spans } = await requireTrace(source, traceId);
  return digestTree(trace, spans, { budgetChars });
}

export async function spanDigest(
  source: TraceSource,
  traceId: string,
  spanId: string,
  page: { offset?: number; pageChars?: number } = {},
): Promise<string> {
  const span = await requireSpan(source, traceId, spanId);
  return digestSpan(span, page);
}

export async function requireSpan(
  source: TraceSource,
  traceId: string,
  spanId: string,
): Promise<SpanWithPayloads> {
  const tid = normaliseTraceId(traceId);
  const span = await source.getSpan(tid, normaliseTraceId(spanId));
  if (span) return span;
  // Say which id is wrong.
  if (!(await source.getTrace(tid)))
    throw new NotFoundError(
      `no trace with id "${traceId}" in the ${source.describe()}; list the recent ones with spyglass_traces`,
    );
  throw new NotFoundError(
    `trace ${tid} has no span "${spanId}"; spyglass_trace shows its spans with their #ids`,
  );
}

export async function searchResults(
  source: TraceSource,
  text: string,
  limit = SEARCH_RUNS,
): Promise<SearchResult[]> {
  const words = searchWords(text);
  const { traces } = await source.listTraces({ q: text, limit });
  const results: SearchResult[] = [];
  for (const summary of traces) {
    const payloads = summary.spanCount <= SEARCH_PAYLOAD_SPANS;
    const answer = await source.getTrace(summary.traceId, { payloads });
    const hits = [];
    let matching = 0;
    for (const span of (answer?.spans ?? []) as Span[]) {
      const found = spanHits(span, words);
      if (found.length === 0) continue;
      matching++;
      if (hits.length < HITS_PER_RUN) hits.push(found[0]!);
    }
    results.push({ trace: summary, hits, moreHits: Math.max(0, matching - hits.length) });
  }
  return results;
}

export async function searchDigest(source: TraceSource, text: string, budgetChars?: number): Promise<string> {
  return digestSearch(text, await searchResults(source, text), budgetChars);
}

/** The failures of one run, or of the most recent failed runs when no id is given. */
export async function failuresDigest(
  source: TraceSource,
  traceId: string | undefined,
  options: { recent?: number; budgetChars?: number } = {},
): Promise<string> {
  const ids =
    traceId !== undefined
      ? [traceId]
      : (await source.listTraces({ status: 'error', limit: options.recent ?? 3 })).traces.map(
          (t) => t.traceId,
        );
  if (ids.length === 0) return 'no failed runs stored';
  const budget = options.budgetChars;
  const share = budget === undefined ? undefined : Math.floor(budget / ids.length);
  const parts: string[] = [];
  for (const id of ids) {
    const { trace, spans } = await requireTrace(source, id);
    const { contexts, total } = failureContexts(spans);
    const modelInputs = new Map<string, unknown>();
    for (const context of contexts) {
      const call = context.modelCallBefore;
      if (!call || modelInputs.has(call.spanId)) continue;
      const whole = await source.getSpan(trace.traceId, call.spanId);
      if (whole) modelInputs.set(call.spanId, whole.input);
    }
    parts.push(
      digestFailures({ trace, contexts, total, modelInputs }, share ?? (ids.length > 1 ? 6_000 : undefined)),
    );
  }
  return parts.join('\n\n');
}

export async function compareDigest(
  source: TraceSource,
  traceA: string,
  traceB: string,
  budgetChars?: number,
): Promise<string> {
  const load = async (id: string) => {
    const skeleton = await requireTrace(source, id);
    // Payloads make the prompt and output diffs exact; a large run is compared on previews.
    if (skeleton.trace.spanCount > SEARCH_PAYLOAD_SPANS) return skeleton;
    return requireTrace(source, id, { payloads: true });
  };
  const a = await load(traceA);
  const b = await load(traceB);
  return digestComparison(a, b, budgetChars);
}

/** A full trace id, or the one recent trace starting with a shorter prefix (as tables print them). */
export async function resolveTraceId(source: TraceSource, text: string): Promise<string> {
  const id = normaliseTraceId(text);
  if (/^[0-9a-f]{32}$/.test(id) || !/^[0-9a-f]{4,31}$/.test(id)) return id;
  const { traces } = await source.listTraces({ limit: 500 });
  const matches = traces.filter((t) => t.traceId.startsWith(id));
  if (matches.length === 1) return matches[0]!.traceId;
  if (matches.length > 1)
    throw new NotFoundError(
      `"${text}" starts ${matches.length} trace ids (${matches
        .slice(0, 3)
        .map((t) => t.traceId)
        .join(', ')}…); give more digits`,
    );
  return id;
}
