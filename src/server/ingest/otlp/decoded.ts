// The shape both wire decoders (JSON, protobuf) converge on: one validated OTLP span with its
// attribute values already plain JS, before any AI convention is applied.
import type { SpanLink } from '../../../shared/types.ts';
import type { EpochMicros } from '../../../shared/units.ts';
import type { Rejection, SpanEventPatch } from '../model.ts';

export interface DecodedScope {
  name: string;
  version: string;
  attributes: Record<string, unknown>;
}

export interface DecodedSpan {
  /** JSON path of the span in the request, for messages. */
  path: string;
  traceId: string;
  spanId: string;
  /** null for a root (absent, empty or all-zero parentSpanId). */
  parentSpanId: string | null;
  name: string;
  /** OTLP SpanKind number (0–5). */
  kind: number;
  startUs: EpochMicros;
  /** null when the sender did not report an end. */
  endUs: EpochMicros | null;
  /** Start and end in nanoseconds, as sent, when they are finer than a microsecond. */
  exactNs: { start?: string; end?: string };
  attributes: Record<string, unknown>;
  events: SpanEventPatch[];
  links: SpanLink[];
  /** Status.code: 0 unset, 1 ok, 2 error. */
  statusCode: number;
  statusMessage: string;
  traceState: string;
  flags: number;
  /** Shared by every span of one ResourceSpans. */
  resource: Record<string, unknown>;
  scope: DecodedScope;
  /** What the sender said it dropped, plus what we did not read past our caps. */
  dropped: {
    attributes: number;
    events: number;
    links: number;
    cappedAttributes: number;
    cappedEvents: number;
  };
}

export interface DecodedRequest {
  spans: DecodedSpan[];
  /** One per rejected span (its first problem). */
  rejected: Rejection[];
  /** Accepted with a change worth telling the sender (e.g. attributes capped). */
  warnings: string[];
}
