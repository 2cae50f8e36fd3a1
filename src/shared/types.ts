// The query API's shapes (SPEC.md, "Query API shapes"): what the collector answers and the UI reads.
// Times are epoch milliseconds as JS numbers; the fraction carries microseconds, which a double
// holds exactly at today's epoch (1.7e15 µs < 2^53). Nanosecond integers never pass through here.

/** The kind of step a span records. */
export const SPAN_TYPES = [
  'llm',
  'tool',
  'retrieval',
  'embedding',
  'agent',
  'chain',
  'reranker',
  'guardrail',
  'evaluator',
  'custom',
] as const;
export type SpanType = (typeof SPAN_TYPES)[number];

/** Span types that are real model calls: only these count towards a trace's tokens and cost. */
export const MODEL_CALL_TYPES: readonly SpanType[] = ['llm', 'embedding', 'reranker'];

export type RunStatus = 'running' | 'success' | 'error';

export interface SpanError {
  message: string;
  type: string | null;
  stack: string | null;
}

export interface TraceSummary {
  traceId: string;
  name: string;
  status: RunStatus;
  startTime: number | null;
  endTime: number | null;
  durationMs: number | null;
  spanCount: number;
  errorCount: number;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  costUsd: number;
  tags: string[];
  sessionId: string | null;
  /** Extensions beyond SPEC's minimum. */
  userId: string | null;
  service: string | null;
  models: string[];
  /** Epoch ms of the last change the collector committed to this trace. */
  updatedAt: number;
}

export interface TraceDetail extends TraceSummary {
  input: unknown;
  output: unknown;
  metadata: Record<string, unknown>;
}

/** A span as the trace answer carries it: the skeleton plus short previews, no payloads. */
export interface Span {
  spanId: string;
  traceId: string;
  parentSpanId: string | null;
  name: string;
  type: SpanType;
  stepOrder: number | null;
  startTime: number | null;
  endTime: number | null;
  durationMs: number | null;
  status: RunStatus;
  model: string | null;
  provider: string | null;
  promptTokens: number | null;
  completionTokens: number | null;
  totalTokens: number | null;
  costUsd: number | null;
  error: SpanError | null;
  destructive: boolean;
  inputPreview: string | null;
  outputPreview: string | null;
  /** Extensions beyond SPEC's minimum. */
  timeToFirstTokenMs: number | null;
  /** OTLP span kind name (e.g. "client") when the span came over OTLP. */
  kind: string | null;
  /** Byte sizes of the stored payloads, so the UI can say how much is not loaded yet. */
  inputBytes: number;
  outputBytes: number;
}

export interface SpanEventRecord {
  time: number;
  name: string;
  attributes: Record<string, unknown>;
}

export interface SpanLink {
  traceId: string;
  spanId: string;
  attributes: Record<string, unknown>;
}

/** A span with everything: `?include=payloads` or GET /api/traces/:traceId/spans/:spanId. */
export interface SpanWithPayloads extends Span {
  input: unknown;
  output: unknown;
  attributes: Record<string, unknown>;
  events: SpanEventRecord[];
  links: SpanLink[];
}

export interface TraceListResponse {
  traces: TraceSummary[];
  nextCursor: string | null;
  /** How many traces match the filters in all (every page, not just this one). */
  total: number;
}

/** GET /api/trace-values: the known values of a list filter, with how many traces have each. */
export type TraceValueField = 'model' | 'tag' | 'name';
export interface TraceValuesResponse {
  field: TraceValueField;
  values: { value: string; count: number }[];
}

export interface TraceResponse {
  trace: TraceDetail;
  spans: Span[] | SpanWithPayloads[];
}

export interface TraceListQuery {
  limit?: number;
  cursor?: string;
  q?: string;
  name?: string;
  status?: RunStatus;
  model?: string;
  tag?: string;
  since?: number;
  until?: number;
}

/** GET, PUT and DELETE /api/pricing: the model price table that estimates costs not reported. */
export interface PricingInfo {
  /** Where the table comes from, e.g. "genai-prices@0.0.40" or "file prices.json (LiteLLM format)". */
  source: string;
  /** Date of the data (YYYY-MM-DD). */
  date: string;
  /** Models with token prices. */
  models: number;
  /** The snapshot shipped with Spyglass (false: a file replaced it). */
  bundled: boolean;
}

export interface HealthResponse {
  ok: true;
  version: string;
}

/** Every 4xx/5xx of the Spyglass API answers this. */
export interface ApiErrorBody {
  error: string;
  /** The offending field, as a JSON path (e.g. "events[3].spanId"), when one is to blame. */
  field?: string;
}
