// The SDK's wire protocol: what @spyglass/sdk sends to POST /api/ingest (as JSON) or over the
// WebSocket at /api/ws (wrapped in { type: "ingest", id, batch }). The SDK owns these types; the
// collector imports them type-only. docs/protocol.md is the prose version of this file.
//
// Design: a batch is a flat list of lifecycle events. A span's start and end are separate events
// so a long-running span is visible while it runs; either may arrive first, twice, or in another
// batch, and the collector merges them by (traceId, spanId). Ids are made by the SDK in W3C/OTLP
// form (32 and 16 lowercase hex digits) so every trace can be exported as OTLP unchanged.

export const PROTOCOL_VERSION = 1;

export type WireSpanType =
  | 'llm'
  | 'tool'
  | 'retrieval'
  | 'embedding'
  | 'agent'
  | 'chain'
  | 'reranker'
  | 'guardrail'
  | 'evaluator'
  | 'custom';

export type WireStatus = 'success' | 'error';

export interface WireError {
  message: string;
  type?: string;
  stack?: string;
}

/** Times are epoch milliseconds; the fraction carries microseconds. */
export interface TraceStartEvent {
  kind: 'trace.start';
  traceId: string;
  name: string;
  time: number;
  input?: unknown;
  tags?: string[];
  sessionId?: string;
  userId?: string;
  metadata?: Record<string, unknown>;
}

/** Changes to a started trace (updateTrace): tags are added, metadata merged key by key, the rest replaced. */
export interface TraceUpdateEvent {
  kind: 'trace.update';
  traceId: string;
  name?: string;
  input?: unknown;
  output?: unknown;
  tags?: string[];
  sessionId?: string;
  userId?: string;
  metadata?: Record<string, unknown>;
}

export interface TraceEndEvent {
  kind: 'trace.end';
  traceId: string;
  time: number;
  output?: unknown;
  status?: WireStatus;
  error?: WireError;
}

export interface SpanStartEvent {
  kind: 'span.start';
  traceId: string;
  spanId: string;
  /** null or absent: a root span of the trace. */
  parentSpanId?: string | null;
  name: string;
  type: WireSpanType;
  time: number;
  model?: string;
  provider?: string;
  input?: unknown;
  stepOrder?: number;
  destructive?: boolean;
  attributes?: Record<string, unknown>;
}

export interface SpanEndEvent {
  kind: 'span.end';
  traceId: string;
  spanId: string;
  time: number;
  output?: unknown;
  status?: WireStatus;
  error?: WireError;
  /**
   * Renames the span (e.g. an LLM call named after the model that answered). Replaces the name
   * sent with span.start; the SDK always sends span.end after span.start.
   */
  name?: string;
  /** Known only once the answer came (e.g. the model actually used). */
  model?: string;
  promptTokens?: number;
  completionTokens?: number;
  totalTokens?: number;
  /** Parts of promptTokens read from and written to the provider's prompt cache (priced apart). */
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  costUsd?: number;
  timeToFirstTokenMs?: number;
  attributes?: Record<string, unknown>;
}

/** A point-in-time event on a span (or on the trace when spanId is absent). */
export interface SpanLogEvent {
  kind: 'span.event';
  traceId: string;
  spanId?: string;
  time: number;
  name: string;
  attributes?: Record<string, unknown>;
}

/**
 * What the SDK had to drop from a trace when its buffer overflowed (the collector away or slower
 * than the agent for long). Counts are cumulative since the trace started, so a repeated or
 * reordered report is harmless: the collector keeps the largest. Shape events (trace and span
 * starts and ends) are dropped last: payloads are stripped and log events dropped first.
 */
export interface TraceDropsEvent {
  kind: 'trace.drops';
  traceId: string;
  time: number;
  /** Spans lost entirely (their start event was dropped). */
  droppedSpans: number;
  /** Other events dropped, and events sent without their payloads (input, output, attributes). */
  droppedEvents: number;
}

export type WireEvent =
  | TraceStartEvent
  | TraceUpdateEvent
  | TraceEndEvent
  | SpanStartEvent
  | SpanEndEvent
  | SpanLogEvent
  | TraceDropsEvent;

export interface IngestRequest {
  protocol: typeof PROTOCOL_VERSION;
  sdk?: { name: string; version: string };
  events: WireEvent[];
}

export interface IngestRejection {
  /** Index of the event in `events`. */
  index: number;
  /** JSON path of the offending field, e.g. "events[3].spanId". */
  field: string;
  message: string;
}

/** The answer to an ingest, sent only after the accepted events are committed. */
export interface IngestResponse {
  accepted: number;
  rejected: number;
  errors: IngestRejection[];
}
