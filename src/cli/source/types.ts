// Where the terminal commands and the MCP server read traces from: a running collector's HTTP
// API, or the database file itself (read-only) when no collector runs. Both answer the same shapes.
import type {
  Span,
  SpanWithPayloads,
  TraceDetail,
  TraceListQuery,
  TraceListResponse,
} from '../../shared/types.ts';

export interface ListQuery extends TraceListQuery {
  /** Matched exactly against the trace's session id. */
  session?: string;
}

export interface TraceAnswer {
  trace: TraceDetail;
  spans: Span[] | SpanWithPayloads[];
}

export interface TraceSource {
  /** Where the data comes from, for messages ("collector at http://…", "database … (read-only)"). */
  describe(): string;
  listTraces(query: ListQuery): Promise<TraceListResponse>;
  /** null for an unknown trace. */
  getTrace(traceId: string, options?: { payloads?: boolean }): Promise<TraceAnswer | null>;
  /** null for an unknown trace or span. */
  getSpan(traceId: string, spanId: string): Promise<SpanWithPayloads | null>;
  close(): void;
}

/** An id that names nothing stored; the message says how to find a real one. */
export class NotFoundError extends Error {}

/** No collector answers and no database file exists. */
export class NoSourceError extends Error {}
