// OTLP/HTTP trace ingest, pure: request body bytes → NormalizedBatch plus what the response
// needs (rejected span count, warnings). Transport concerns (content type, gzip, size caps,
// HTTP status) live in the collector route.
import { estimateCostUsd, pricedModelId } from '../../pricing/index.ts';
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

/**
 * The price-table step: a span with a model but no provider gets the provider of the price-table
 * entry for that model, and a reported cost gets the estimate beside it.
 */
export function inferProviders(batch: NormalizedBatch): void {
  for (const span of batch.spans) {
    if (span.model !== undefined && span.provider === undefined) {
      const provider = pricedModelId(span.model)?.provider;
      if (provider !== undefined) span.provider = provider;
    }
  }
  estimateBesideReported(batch);
}

/** Maps a Content-Type header to an encoding; null for anything OTLP/HTTP does not define. */
export function otlpEncodingOf(contentType: string | undefined): OtlpEncoding | null {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') return 'json';
  if (type === 'application/x-protobuf' || type === 'application/protobuf') return 'protobuf';
  return null;
}

/** Attribute holding the price table's estimate for a span whose cost the client reported. */
export const COST_ESTIMATE_ATTRIBUTE = 'spyglass.cost_estimate_usd';

/**
 * A reported cost wins over the estimate (the client knows its contract prices); the estimate is
 * kept beside it when the two differ, so the inspector can show both.
 */
export function estimateBesideReported(batch: NormalizedBatch): void {
  for (const span of batch.spans) {
    if (span.costUsd === undefined || span.model === undefined) continue;
    if (span.promptTokens === undefined && span.completionTokens === undefined) continue;
    const estimate = estimateCostUsd({
      model: span.model,
      provider: span.provider ?? null,
      promptTokens: span.promptTokens ?? 0,
      completionTokens: span.completionTokens ?? 0,
      ...(span.cacheReadTokens !== undefined ? { cacheReadTokens: span.cacheReadTokens } : {}),
      ...(span.cacheWriteTokens !== undefined ? { cacheWriteTokens: span.cacheWriteTokens } : {}),
    });
    if (estimate === null || Math.abs(estimate - span.costUsd) <= 1e-9) continue;
    if (span.attributes) span.attributes[COST_ESTIMATE_ATTRIBUTE] = estimate;
    else if (span.encoded?.attributes?.endsWith('}')) {
      // Decoded on the decoder thread, the attributes arrive serialised: add the key to the JSON
      // object text rather than parse and re-serialise it.
      const text = span.encoded.attributes;
      const separator = text === '{}' ? '' : ',';
      span.encoded.attributes = `${text.slice(0, -1)}${separator}${JSON.stringify(COST_ESTIMATE_ATTRIBUTE)}:${estimate}}`;
    }
  }
}
