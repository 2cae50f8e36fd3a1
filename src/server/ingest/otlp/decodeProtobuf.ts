// application/x-protobuf body → DecodedRequest. protobufjs does the wire decoding (and enforces
// protoc's nesting limit of 100 messages); readRequest does the rest, as for JSON.
import type { DecodedRequest } from './decoded.ts';
import { ExportTraceServiceRequest } from './protoSchema.ts';
import { OtlpDecodeError, readRequest } from './readRequest.ts';

export function decodeProtobuf(body: Uint8Array): DecodedRequest {
  let message: unknown;
  try {
    message = ExportTraceServiceRequest.decode(body);
  } catch (err) {
    const why = (err as Error).message;
    const hint = /max depth/.test(why) ? 'values nested more than 100 messages deep' : why;
    throw new OtlpDecodeError(`the body is not a valid protobuf ExportTraceServiceRequest (${hint})`);
  }
  return readRequest(message);
}
