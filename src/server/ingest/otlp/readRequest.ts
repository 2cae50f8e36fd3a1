// ExportTraceServiceRequest (JSON object or protobufjs message) → DecodedRequest. Walks
// resourceSpans → scopeSpans → spans, converting each resource and scope once, and keeps going
// past a bad span so the good ones of the same request are stored.
import type { Rejection } from '../model.ts';
import type { DecodedRequest, DecodedScope, DecodedSpan } from './decoded.ts';
import { MAX_RESOURCE_ATTRIBUTES, MAX_SPAN_ATTRIBUTES } from './limits.ts';
import { readSpan } from './readSpan.ts';
import { asArray, pick, readAttributes } from './values.ts';

/** Thrown when the envelope itself is not an ExportTraceServiceRequest (answered with 400). */
export class OtlpDecodeError extends Error {
  override name = 'OtlpDecodeError';
}

function readScope(raw: unknown): DecodedScope {
  const name = pick(raw, 'name', 'name');
  const version = pick(raw, 'version', 'version');
  return {
    name: typeof name === 'string' ? name : '',
    version: typeof version === 'string' ? version : '',
    attributes: readAttributes(pick(raw, 'attributes', 'attributes'), MAX_RESOURCE_ATTRIBUTES).attributes,
  };
}

export function readRequest(request: unknown): DecodedRequest {
  if (request === null || typeof request !== 'object' || Array.isArray(request)) {
    throw new OtlpDecodeError(
      'the body must be an ExportTraceServiceRequest object with a "resourceSpans" array',
    );
  }
  const spans: DecodedSpan[] = [];
  const rejected: Rejection[] = [];
  let capped = 0;
  const field = pick(request, 'resourceSpans', 'resource_spans');
  if (field !== undefined && field !== null && !Array.isArray(field)) {
    throw new OtlpDecodeError(`"resourceSpans" must be an array of ResourceSpans (got ${typeof field})`);
  }
  const resourceSpans = asArray(field);
  resourceSpans.forEach((rs, r) => {
    const resource = readAttributes(
      pick(pick(rs, 'resource', 'resource'), 'attributes', 'attributes'),
      MAX_RESOURCE_ATTRIBUTES,
    ).attributes;
    // `instrumentationLibrarySpans` is the pre-1.0 name of scopeSpans; old exporters still send it.
    const scopeKey =
      pick(rs, 'scopeSpans', 'scope_spans') !== undefined ? 'scopeSpans' : 'instrumentationLibrarySpans';
    const scopeSpans = asArray(
      pick(rs, 'scopeSpans', 'scope_spans') ??
        pick(rs, 'instrumentationLibrarySpans', 'instrumentation_library_spans'),
    );
    scopeSpans.forEach((ss, s) => {
      const scope = readScope(
        pick(ss, 'scope', 'scope') ?? pick(ss, 'instrumentationLibrary', 'instrumentation_library'),
      );
      asArray(pick(ss, 'spans', 'spans')).forEach((raw, i) => {
        const path = `resourceSpans[${r}].${scopeKey}[${s}].spans[${i}]`;
        const result = readSpan(raw, path, resource, scope);
        if (!result.ok) {
          rejected.push({ field: result.field, message: result.message });
          return;
        }
        if (result.span.dropped.cappedAttributes > 0 || result.span.dropped.cappedEvents > 0) capped++;
        spans.push(result.span);
      });
    });
  });
  const warnings =
    capped > 0
      ? [
          `${capped} span(s) carried more than ${MAX_SPAN_ATTRIBUTES} attributes or too many events; the excess was counted and not stored`,
        ]
      : [];
  return { spans, rejected, warnings };
}
