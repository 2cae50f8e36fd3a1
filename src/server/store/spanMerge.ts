// Pure merging of span patches into stored span rows, and what one span contributes to its trace's
// aggregates. Merging is what makes arrival order irrelevant: a field a patch leaves undefined never
// clears a stored one, so start/end/duplicates can come in any order and any number of times.
import { MODEL_CALL_TYPES, type SpanType } from '../../shared/types.ts';
import { roundUsd } from '../../shared/units.ts';
import type { EncodedPayload, SpanPatch } from '../ingest/model.ts';
import { withDecodedPayloads } from '../ingest/payload.ts';

/** The skeleton columns of `spans`, as better-sqlite3 returns them. */
export interface SpanRow {
  id: number;
  trace_pk: number;
  span_id: string;
  parent_span_id: string | null;
  name: string | null;
  type: string | null;
  step_order: number | null;
  start_us: number | null;
  end_us: number | null;
  status: string | null;
  model: string | null;
  provider: string | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  total_tokens: number | null;
  cost_usd: number | null;
  cost_source: 'reported' | 'estimated' | null;
  ttft_ms: number | null;
  error_json: string | null;
  destructive: number | null;
  kind: string | null;
  input_preview: string | null;
  output_preview: string | null;
  input_bytes: number;
  output_bytes: number;
  /** Parts of prompt_tokens read from / written to the provider's prompt cache (priced differently). */
  cache_read_tokens: number | null;
  cache_write_tokens: number | null;
}

export type CostEstimator = (input: {
  model: string;
  provider?: string | null;
  promptTokens: number;
  completionTokens: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
}) => number | null;

/**
 * Folds a later patch of the same span into an earlier one (both from the same commit), in a new
 * patch that owns its attributes, events and links (neither argument is changed).
 */
export function combinePatches(first: SpanPatch, second: SpanPatch): SpanPatch {
  // Attributes merge key by key, so payloads that arrived serialised are read back first.
  const merged: SpanPatch = { ...withDecodedPayloads(first) };
  if (merged.attributes) merged.attributes = { ...merged.attributes };
  if (merged.events) merged.events = [...merged.events];
  if (merged.links) merged.links = [...merged.links];
  return combineInto(merged, second);
}

/**
 * Folds `later` into `target` in place and returns it. `target` must own its attributes, events
 * and links (a patch made by combinePatches): they grow in place, so folding n patches of one span
 * costs O(n) in all rather than a copy of everything so far for each.
 */
export function combineInto(target: SpanPatch, later: SpanPatch): SpanPatch {
  const b = withDecodedPayloads(later);
  const fields = target as unknown as Record<string, unknown>;
  for (const key in b) {
    const value = (b as unknown as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (key === 'attributes') {
      target.attributes ??= {};
      assignKeys(target.attributes, b.attributes!);
    } else if (key === 'events') {
      target.events ??= [];
      appendAll(target.events, b.events!);
    } else if (key === 'links') {
      target.links ??= [];
      appendAll(target.links, b.links!);
    } else fields[key] = value;
  }
  return target;
}

/** Object.assign without the "__proto__" setter (JSON.parse makes that key an own property). */
function assignKeys(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const key of Object.keys(source)) {
    if (key === '__proto__')
      Object.defineProperty(target, key, {
        value: source[key],
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else target[key] = source[key];
  }
}

function appendAll<T>(list: T[], items: readonly T[]): void {
  for (const item of items) list.push(item);
}

export function emptySpanRow(tracePk: number, spanId: string): SpanRow {
  return {
    id: 0,
    trace_pk: tracePk,
    span_id: spanId,
    parent_span_id: null,
    name: null,
    type: null,
    step_order: null,
    start_us: null,
    end_us: null,
    status: null,
    model: null,
    provider: null,
    prompt_tokens: null,
    completion_tokens: null,
    total_tokens: null,
    cost_usd: null,
    cost_source: null,
    ttft_ms: null,
    error_json: null,
    destructive: null,
    kind: null,
    input_preview: null,
    output_preview: null,
    input_bytes: 0,
    output_bytes: 0,
    cache_read_tokens: null,
    cache_write_tokens: null,
  };
}

/**
 * The row after `patch`. `input`/`output` are the patch's payloads already encoded (the writer
 * stores their JSON too). Cost: a reported cost always wins; otherwise, when the merged span has
 * a model and tokens, the estimate is recomputed (model or tokens may have arrived just now).
 */
export function mergeSpan(
  old: SpanRow,
  patch: SpanPatch,
  input: EncodedPayload | undefined,
  output: EncodedPayload | undefined,
  estimateCost: CostEstimator | null,
): SpanRow {
  return mergeSpanInto({ ...old }, patch, input, output, estimateCost);
}

/**
 * mergeSpan writing into `row` itself: the writer uses it on a fresh emptySpanRow for a span that
 * is new in this commit, so that row is built once instead of built and then copied.
 */
export function mergeSpanInto(
  row: SpanRow,
  patch: SpanPatch,
  input: EncodedPayload | undefined,
  output: EncodedPayload | undefined,
  estimateCost: CostEstimator | null,
): SpanRow {
  if (patch.parentSpanId !== undefined) row.parent_span_id = patch.parentSpanId ?? '';
  if (patch.name !== undefined) row.name = patch.name;
  if (patch.type !== undefined) row.type = patch.type;
  if (patch.stepOrder !== undefined) row.step_order = patch.stepOrder;
  if (patch.startUs !== undefined) row.start_us = patch.startUs;
  if (patch.endUs !== undefined) row.end_us = patch.endUs;
  if (patch.status !== undefined) row.status = patch.status;
  if (patch.model !== undefined) row.model = patch.model;
  if (patch.provider !== undefined) row.provider = patch.provider;
  if (patch.promptTokens !== undefined) row.prompt_tokens = patch.promptTokens;
  if (patch.completionTokens !== undefined) row.completion_tokens = patch.completionTokens;
  if (patch.totalTokens !== undefined) row.total_tokens = patch.totalTokens;
  if (patch.timeToFirstTokenMs !== undefined) row.ttft_ms = patch.timeToFirstTokenMs;
  if (patch.cacheReadTokens !== undefined) row.cache_read_tokens = patch.cacheReadTokens;
  if (patch.cacheWriteTokens !== undefined) row.cache_write_tokens = patch.cacheWriteTokens;
  if (patch.error !== undefined) row.error_json = JSON.stringify(patch.error);
  if (patch.destructive !== undefined) row.destructive = patch.destructive ? 1 : 0;
  if (patch.kind !== undefined) row.kind = patch.kind;
  if (input) {
    row.input_preview = input.preview;
    row.input_bytes = input.bytes;
  }
  if (output) {
    row.output_preview = output.preview;
    row.output_bytes = output.bytes;
  }
  if (patch.costUsd !== undefined) {
    row.cost_usd = roundUsd(patch.costUsd);
    row.cost_source = 'reported';
  } else if (row.cost_source !== 'reported') {
    const estimate = estimateSpanCost(row, estimateCost);
    row.cost_usd = estimate === null ? null : roundUsd(estimate);
    row.cost_source = estimate === null ? null : 'estimated';
  }
  return row;
}

function estimateSpanCost(row: SpanRow, estimateCost: CostEstimator | null): number | null {
  if (!estimateCost || !row.model) return null;
  if (row.prompt_tokens === null && row.completion_tokens === null) return null;
  try {
    return estimateCost({
      model: row.model,
      provider: row.provider,
      promptTokens: row.prompt_tokens ?? 0,
      completionTokens: row.completion_tokens ?? 0,
      ...(row.cache_read_tokens !== null ? { cacheReadTokens: row.cache_read_tokens } : {}),
      ...(row.cache_write_tokens !== null ? { cacheWriteTokens: row.cache_write_tokens } : {}),
    });
  } catch {
    return null;
  }
}

/** A span's total: the reported total, else prompt + completion when either is known. */
export function totalTokensOf(
  row: Pick<SpanRow, 'prompt_tokens' | 'completion_tokens' | 'total_tokens'>,
): number | null {
  if (row.total_tokens !== null) return row.total_tokens;
  if (row.prompt_tokens === null && row.completion_tokens === null) return null;
  return (row.prompt_tokens ?? 0) + (row.completion_tokens ?? 0);
}

export function isErrorRow(row: Pick<SpanRow, 'status' | 'error_json'>): boolean {
  return row.status === 'error' || row.error_json !== null;
}

/** What one span adds to its trace's counters. */
export interface Contribution {
  spans: number;
  errors: number;
  open: number;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  costUsd: number;
}

export const NO_CONTRIBUTION: Contribution = {
  spans: 0,
  errors: 0,
  open: 0,
  promptTokens: 0,
  completionTokens: 0,
  totalTokens: 0,
  costUsd: 0,
};

const MODEL_CALLS = new Set<string>(MODEL_CALL_TYPES as readonly SpanType[]);

/** Only model calls (llm, embedding, reranker) count tokens and cost, so wrappers are not summed twice. */
export function contributionOf(row: SpanRow): Contribution {
  const modelCall = row.type !== null && MODEL_CALLS.has(row.type);
  return {
    spans: 1,
    errors: isErrorRow(row) ? 1 : 0,
    open: row.start_us !== null && row.end_us === null ? 1 : 0,
    promptTokens: modelCall ? (row.prompt_tokens ?? 0) : 0,
    completionTokens: modelCall ? (row.completion_tokens ?? 0) : 0,
    totalTokens: modelCall ? (totalTokensOf(row) ?? 0) : 0,
    costUsd: modelCall ? (row.cost_usd ?? 0) : 0,
  };
}
