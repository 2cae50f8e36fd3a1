// application/x-protobuf body → DecodedRequest. protobufjs does the wire decoding (and enforces
// protoc's nesting limit of 100 messages); readRequest does the rest, as for JSON. A body that does
// not decode whole is decoded again span by span (decodeSpanBySpan.ts), so that one damaged span
// is rejected and the rest of the request kept.
import type { DecodedRequest } from './decoded.ts';
import { decodeSpanBySpan, type SpanBySpan } from './decodeSpanBySpan.ts';
import { ExportTraceServiceRequest } from './protoSchema.ts';
import { OtlpDecodeError, readRequest } from './readRequest.ts';

export function decodeProtobuf(body: Uint8Array): DecodedRequest {
  let message: unknown;
  try {
    message = ExportTraceServiceRequest.decode(body);
  } catch (err) {
    let bySpan: SpanBySpan | null = null;
    try {
      bySpan = decodeSpanBySpan(body);
    } catch {
      // The envelope itself is damaged: nothing can be trusted.
    }
    if (!bySpan || bySpan.rejected.length === 0) {
      const why = (err as Error).message;
      const hint = /max depth/.test(why) ? 'values nested more than 100 messages deep' : why;
      throw new OtlpDecodeError(`the body is not a valid protobuf ExportTraceServiceRequest (${hint})`);
    }
    const decoded = readRequest(bySpan.request);
    decoded.rejected.unshift(...bySpan.rejected);
    return decoded;
  }
  return readRequest(message);
}
