// OTLP/HTTP trace ingest, pure: request body bytes → NormalizedBatch plus what the response
// needs (rejected span count, warnings). Transport concerns (content type, gzip, size caps,
// HTTP status) live in the collector route.
import { pricedModelId } from '../../pricing/index.ts';
import type { NormalizedBatch } from '../model.ts';
import { decodeJson } from './decodeJson.ts';
import { decodeProtobuf } from './decodeProtobuf.ts';
import { normalize } from './normalize.ts';
import type { OtlpEncoding } from './responses.ts';

export { OtlpDecodeError } from './readRequest.ts';
export { contentTypeOf, exportResponseBody, rpcStatusBody, type OtlpEncoding } from './responses.ts';

export interface OtlpIngest {
  batch: NormalizedBatch;
  acceptedSpans: number;
  rejectedSpans: number;
  /** Human-readable, for ExportTracePartialSuccess.error_message; empty when all is well. */
  message: string;
}

const MAX_LISTED_PROBLEMS = 5;

function summary(batch: NormalizedBatch, warnings: string[]): string {
  const parts: string[] = [];
  if (batch.rejected.length > 0) {
    const listed = batch.rejected.slice(0, MAX_LISTED_PROBLEMS).map((r) => `${r.field}: ${r.message}`);
    const more = batch.rejected.length - listed.length;
    parts.push(
      `${batch.rejected.length} span(s) rejected: ${listed.join('; ')}${more > 0 ? `; and ${more} more` : ''}`,
    );
  }
  parts.push(...warnings);
  return parts.join('. ');
}

/** Decodes and maps a request body; throws OtlpDecodeError when it is not an ExportTraceServiceRequest at all. */
export function ingestOtlpTraces(body: Uint8Array, encoding: OtlpEncoding): OtlpIngest {
  const ingest = decodeOtlpTraces(body, encoding);
  inferProviders(ingest.batch);
  return ingest;
}

/**
 * ingestOtlpTraces without the price-table step: pure, so it can run on the decoder thread (the
 * price table lives on the request thread, where `--prices` and refreshes install it).
 */
export function decodeOtlpTraces(body: Uint8Array, encoding: OtlpEncoding): OtlpIngest {
  const decoded = encoding === 'json' ? decodeJson(body) : decodeProtobuf(body);
  const batch = normalize(decoded);
  return {
    batch,
    acceptedSpans: batch.spans.length,
    rejectedSpans: batch.rejected.length,
    message: summary(batch, decoded.warnings),
  };
}

/** A span with a model but no provider gets the provider of the price-table entry for that model. */
export function inferProviders(batch: NormalizedBatch): void {
  for (const span of batch.spans) {
    if (span.model !== undefined && span.provider === undefined) {
      const provider = pricedModelId(span.model)?.provider;
      if (provider !== undefined) span.provider = provider;
    }
  }
}

/** Maps a Content-Type header to an encoding; null for anything OTLP/HTTP does not define. */
export function otlpEncodingOf(contentType: string | undefined): OtlpEncoding | null {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') return 'json';
  if (type === 'application/x-protobuf' || type === 'application/protobuf') return 'protobuf';
  return null;
}
