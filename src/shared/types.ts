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
  /** Spans the SDK had to drop from this trace (its send buffer overflowed); 0 when none. */
  droppedSpans?: number;
  /** Other events the SDK dropped, or sent without their payloads. */
  droppedEvents?: number;
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
  /**
   * How many traces match the filters in all: with the first page only (no cursor), when one index
   * range counts them (no filter, a status, a session, a user, a time range, one model or tag) or
   * the page holds them all. Otherwise GET /api/traces/count gives it.
   */
  total?: number;
  /**
   * With `q`: how far the full-text index was behind ingest when the search ran (ms). Spans
   * committed in that window may be missing from the answer. Absent when the index was current.
   */
  searchLagMs?: number;
}

/** GET /api/traces/count (the list's filters, without limit, cursor or q): exact. */
export interface TraceCountResponse {
  total: number;
}

/** GET /api/values/:field?q=TEXT&limit=N (field: model, tag or name): the filter's suggestions. */
export interface FilterValuesResponse {
  /** Known values containing `q`, case-insensitive, with how many traces hold each; most first. */
  values: { value: string; traces: number }[];
  /** False when the field has too many distinct values to list (names that are ids, say). */
  listed: boolean;
}

/** GET /api/traces/:traceId/search?q=: the span search of one trace, over whole payloads. */
export interface TraceSpanSearchResponse {
  /** Matching spans (name, input, output or error message), at most 10,000. */
  spanIds: string[];
  /** More spans matched than were listed. */
  truncated: boolean;
  /** As on TraceListResponse: the full-text index trailed ingest by this much (ms). */
  searchLagMs?: number;
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
  /** Exact session id: the traces of one conversation. */
  session?: string;
  /** Exact user id. */
  user?: string;
  since?: number;
  until?: number;
  /** Span attribute filters (shared/attrFilter.ts), as written: `key`, `key=value`, `key>n`... */
  attr?: string[];
}

/**
 * GET /api/sessions: one conversation, the traces (turns) that share a session id, rolled up.
 * Times are epoch ms; `durationMs` runs from the first turn's start to the last turn's end.
 */
export interface SessionSummary {
  sessionId: string;
  /** The user of the session's latest turn that names one. */
  userId: string | null;
  turns: number;
  /** Turns still running. */
  runningTurns: number;
  firstStart: number | null;
  /** The end of the latest ended turn (null while none has ended). */
  lastEnd: number | null;
  /** The latest start or end of any turn: the list's order, newest first. */
  lastActivity: number;
  durationMs: number | null;
  tokens: number;
  costUsd: number;
  /** Turns whose trace failed. */
  errors: number;
  /** The name of the session's first trace (the agent that holds the conversation). */
  firstTraceName: string;
}

export interface SessionListQuery {
  limit?: number;
  cursor?: string;
  /** Case-insensitive substring of the session id. */
  q?: string;
  /** Exact user id: that user's sessions, rolled up over that user's turns. */
  user?: string;
}

export interface SessionListResponse {
  sessions: SessionSummary[];
  nextCursor: string | null;
  /** How many sessions match, with the first page only. */
  total?: number;
}

/** One turn of a session: its trace's summary with the trace's input and final output. */
export interface SessionTurn extends TraceSummary {
  /**
   * The trace's input (else its root span's, else its first model call's); the output likewise (the
   * last model call's). Null when there is none, or when too large (see inputTruncated).
   */
  input: unknown;
  output: unknown;
  /** The payload was larger than the session answer carries; the trace has it whole. */
  inputTruncated?: boolean;
  outputTruncated?: boolean;
}

/** GET /api/sessions/:sessionId: the session's turns, oldest first, paged by cursor. */
export interface SessionResponse {
  session: SessionSummary;
  turns: SessionTurn[];
  nextCursor: string | null;
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
  /** How far the full-text index is behind ingest (ms); 0 when every commit is searchable. */
  searchLagMs: number;
  /** Whether the last write to the database succeeded; not ok while its disk is full. */
  storage: StorageHealth;
}

export type StorageHealth = { ok: true } | { ok: false; error: string; sinceMs: number };

/** Every 4xx/5xx of the Spyglass API answers this. */
export interface ApiErrorBody {
  error: string;
  /** The offending field, as a JSON path (e.g. "events[3].spanId"), when one is to blame. */
  field?: string;
}
