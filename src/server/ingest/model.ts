// The normalised, validated form every ingest path (the SDK protocol, OTLP, file import) produces
// and the store consumes. A field left undefined is "not known by this message" and never clears
// what the store already holds, which is what makes out-of-order and repeated arrival safe.
import type { RunStatus, SpanError, SpanLink, SpanType } from '../../shared/types.ts';
import type { EpochMicros } from '../../shared/units.ts';

export interface SpanEventPatch {
  timeUs: EpochMicros;
  name: string;
  attributes: Record<string, unknown>;
}

export interface SpanPatch {
  traceId: string;
  spanId: string;
  /** null: known to be a root. undefined: not known by this message. */
  parentSpanId?: string | null;
  name?: string;
  type?: SpanType;
  stepOrder?: number;
  startUs?: EpochMicros;
  endUs?: EpochMicros;
  /** 'running' is never sent: a span is running while it has a start and no end. */
  status?: Exclude<RunStatus, 'running'>;
  model?: string;
  provider?: string;
  promptTokens?: number;
  completionTokens?: number;
  totalTokens?: number;
  costUsd?: number;
  timeToFirstTokenMs?: number;
  error?: SpanError;
  destructive?: boolean;
  /** OTLP span kind name: internal, server, client, producer, consumer. */
  kind?: string;
  /** Parts of promptTokens read from / written to the provider's prompt cache (priced differently). */
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  input?: unknown;
  output?: unknown;
  /** Merged key by key into what is stored. */
  attributes?: Record<string, unknown>;
  /**
   * input, output and attributes already serialised (ingest/payload.ts withEncodedPayloads), set
   * where a batch is decoded off the request thread. A patch carries each of them in one form only.
   */
  encoded?: { input?: EncodedPayload; output?: EncodedPayload; attributes?: string };
  /** Appended (deduplicated by time + name). */
  events?: SpanEventPatch[];
  links?: SpanLink[];
}

/** A payload serialised once: JSON text for storage, a short preview, its size in bytes. */
export interface EncodedPayload {
  json: string;
  preview: string;
  bytes: number;
}

export interface TracePatch {
  traceId: string;
  name?: string;
  service?: string;
  startUs?: EpochMicros;
  endUs?: EpochMicros;
  /** Set by an explicit end of the trace (SDK endTrace). */
  status?: Exclude<RunStatus, 'running'>;
  ended?: boolean;
  input?: unknown;
  output?: unknown;
  /** Union with what is stored. */
  tags?: string[];
  sessionId?: string;
  userId?: string;
  /** Merged key by key. */
  metadata?: Record<string, unknown>;
  error?: SpanError;
  /** What the SDK dropped from this trace (cumulative; the store keeps the largest). */
  sdkDroppedSpans?: number;
  sdkDroppedEvents?: number;
  /** Point-in-time events on the trace itself (not on one span); appended, deduplicated by time + name. */
  events?: SpanEventPatch[];
}

/** One rejected item, with the reason a developer can act on. */
export interface Rejection {
  /** JSON path of the offending field, e.g. "events[3].spanId" or "resourceSpans[0].scopeSpans[0].spans[4].traceId". */
  field: string;
  message: string;
}

/** What one incoming request becomes after decoding and validation. */
export interface NormalizedBatch {
  traces: TracePatch[];
  spans: SpanPatch[];
  rejected: Rejection[];
}
