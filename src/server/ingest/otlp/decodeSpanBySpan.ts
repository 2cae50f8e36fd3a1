// The fallback when a protobuf request does not decode whole: the envelope (resourceSpans →
// scopeSpans) is walked by hand and each Span is decoded on its own, so one span with a damaged
// string (invalid UTF-8) or a value nested past protobuf's 100-message limit is rejected with its
// reason and the others are kept, as OTLP/JSON already does. Damage in the envelope itself
// (outside any span) still rejects the request.
import protobuf from 'protobufjs';
import type { Rejection } from '../model.ts';
import { InstrumentationScope, Resource, Span } from './protoSchema.ts';

const LENGTH_DELIMITED = 2;

export interface SpanBySpan {
  /** The request as protobufjs would have decoded it, without the damaged spans. */
  request: { resourceSpans: Array<Record<string, unknown>> };
  rejected: Rejection[];
}

/** Calls `onField(fieldNumber, reader)` for each field of the message in `bytes`; skips the others. */
function eachField(bytes: Uint8Array, onField: (field: number, reader: protobuf.Reader) => boolean): void {
  const reader = protobuf.Reader.create(bytes);
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    const field = tag >>> 3;
    const wireType = tag & 7;
    if (wireType !== LENGTH_DELIMITED || !onField(field, reader)) reader.skipType(wireType);
  }
}

/** Throws (a protobufjs error) when the envelope is damaged; a damaged span only adds a rejection. */
export function decodeSpanBySpan(body: Uint8Array): SpanBySpan {
  const rejected: Rejection[] = [];
  const resourceSpans: Array<Record<string, unknown>> = [];
  eachField(body, (field, reader) => {
    if (field !== 1) return false;
    const r = resourceSpans.length;
    const entry: Record<string, unknown> = { scopeSpans: [] };
    resourceSpans.push(entry);
    eachField(reader.bytes(), (rsField, rsReader) => {
      if (rsField === 1) entry.resource = Resource.decode(rsReader.bytes());
      else if (rsField === 3) entry.schemaUrl = rsReader.string();
      else if (rsField === 2) {
        const s = (entry.scopeSpans as unknown[]).length;
        const scopeSpans: Record<string, unknown> = { spans: [] };
        (entry.scopeSpans as unknown[]).push(scopeSpans);
        let i = 0;
        eachField(rsReader.bytes(), (ssField, ssReader) => {
          if (ssField === 1) scopeSpans.scope = InstrumentationScope.decode(ssReader.bytes());
          else if (ssField === 3) scopeSpans.schemaUrl = ssReader.string();
          else if (ssField === 2) {
            const bytes = ssReader.bytes();
            const path = `resourceSpans[${r}].scopeSpans[${s}].spans[${i++}]`;
            try {
              (scopeSpans.spans as unknown[]).push(Span.decode(bytes));
            } catch (error) {
              rejected.push({ field: path, message: damageOf(error) });
            }
          } else return false;
          return true;
        });
      } else return false;
      return true;
    });
    return true;
  });
  return { request: { resourceSpans }, rejected };
}

function damageOf(error: unknown): string {
  const why = (error as Error).message;
  if (/max depth/.test(why)) return 'the span holds values nested more than 100 messages deep';
  if (/utf-8/i.test(why)) return 'the span holds a string that is not valid UTF-8';
  return `the span could not be decoded (${why})`;
}
