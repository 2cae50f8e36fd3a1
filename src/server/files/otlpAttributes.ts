// The attributes an exported span carries so that the OTLP endpoint maps it back to the same
// Spyglass span (src/server/ingest/otlp/conventions): OpenInference keys for the type, payloads,
// token counts and reported cost (OI is the one convention with a kind for every Spyglass type,
// and `input.value`/`output.value` carry any payload); GenAI keys for model, provider, tokens and
// time to first token, which other OTLP backends read too. Spyglass-only fields use `spyglass.*`.
import type { SpanType, SpanWithPayloads } from '../../shared/types.ts';
import { END_NS_ATTRIBUTE, START_NS_ATTRIBUTE } from '../ingest/otlp/spanPatch.ts';

const OI_KINDS: Partial<Record<SpanType, string>> = {
  llm: 'LLM',
  embedding: 'EMBEDDING',
  tool: 'TOOL',
  retrieval: 'RETRIEVER',
  reranker: 'RERANKER',
  agent: 'AGENT',
  chain: 'CHAIN',
  guardrail: 'GUARDRAIL',
  evaluator: 'EVALUATOR',
  // custom: no kind; the endpoint maps a span it cannot classify to custom.
};

function payloadAttributes(out: Record<string, unknown>, key: 'input' | 'output', value: unknown): void {
  if (value === null || value === undefined) return;
  if (typeof value === 'string') {
    out[`${key}.value`] = value;
    out[`${key}.mime_type`] = 'text/plain';
  } else {
    out[`${key}.value`] = JSON.stringify(value);
    out[`${key}.mime_type`] = 'application/json';
  }
}

/**
 * Keys the OTLP endpoint derived when the span arrived (its resource and scope, status message,
 * and the `spyglass.*` copies of mapped fields): re-sending them would nest them a level deeper on
 * every round trip. The resource goes back into the ResourceSpans instead (exportOtlp.ts).
 */
const DERIVED = new Set([
  'otel.resource',
  'otel.scope',
  'otel.trace_state',
  'otel.status_message',
  START_NS_ATTRIBUTE,
  END_NS_ATTRIBUTE,
]);
const isDerived = (key: string): boolean => DERIVED.has(key) || key.startsWith('spyglass.');

/** The stored attributes, then the mapped fields on top (a stored key of the same name loses). */
export function spanAttributes(span: SpanWithPayloads): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(span.attributes)) if (!isDerived(key)) out[key] = value;
  const kind = OI_KINDS[span.type];
  if (kind) out['openinference.span.kind'] = kind;
  if (span.model !== null) {
    out['gen_ai.request.model'] = span.model;
    out['llm.model_name'] = span.model;
  }
  if (span.provider !== null) {
    out['gen_ai.provider.name'] = span.provider;
    out['llm.provider'] = span.provider;
  }
  if (span.promptTokens !== null) {
    out['gen_ai.usage.input_tokens'] = span.promptTokens;
    out['llm.token_count.prompt'] = span.promptTokens;
  }
  if (span.completionTokens !== null) {
    out['gen_ai.usage.output_tokens'] = span.completionTokens;
    out['llm.token_count.completion'] = span.completionTokens;
  }
  if (span.totalTokens !== null) out['llm.token_count.total'] = span.totalTokens;
  if (span.costUsd !== null) out['llm.cost.total'] = span.costUsd;
  if (span.timeToFirstTokenMs !== null)
    out['gen_ai.response.time_to_first_chunk'] = span.timeToFirstTokenMs / 1000;
  if (span.type === 'tool') out['tool.name'] = span.name;
  if (span.error?.type) out['error.type'] = span.error.type;
  if (span.stepOrder !== null) out['spyglass.step_order'] = span.stepOrder;
  if (span.destructive) out['spyglass.destructive'] = true;
  payloadAttributes(out, 'input', span.input);
  payloadAttributes(out, 'output', span.output);
  return out;
}

/** Trace-level fields, carried by the trace's root spans (OTLP has no trace object). */
export function traceAttributes(trace: {
  sessionId: string | null;
  userId: string | null;
  tags: string[];
  metadata: Record<string, unknown>;
}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (trace.sessionId) out['session.id'] = trace.sessionId;
  if (trace.userId) out['user.id'] = trace.userId;
  if (trace.tags.length) out['tag.tags'] = trace.tags;
  if (Object.keys(trace.metadata).length) out['metadata'] = JSON.stringify(trace.metadata);
  return out;
}
