// OTLP/HTTP answers, in the encoding of the request: ExportTraceServiceResponse on success
// (partialSuccess when spans were rejected or a warning is due), google.rpc.Status on errors.
import { ExportTraceServiceResponse, RpcStatus } from './protoSchema.ts';

export type OtlpEncoding = 'json' | 'protobuf';

export interface ExportOutcome {
  rejectedSpans: number;
  /** Empty on full success. */
  errorMessage: string;
}

export function exportResponseBody(encoding: OtlpEncoding, outcome: ExportOutcome): Uint8Array | string {
  const partial = outcome.rejectedSpans > 0 || outcome.errorMessage !== '';
  if (encoding === 'json') {
    // int64 is a decimal string in OTLP/JSON.
    return JSON.stringify(
      partial
        ? {
            partialSuccess: {
              rejectedSpans: String(outcome.rejectedSpans),
              errorMessage: outcome.errorMessage,
            },
          }
        : {},
    );
  }
  const message = partial
    ? ExportTraceServiceResponse.create({
        partialSuccess: { rejectedSpans: outcome.rejectedSpans, errorMessage: outcome.errorMessage },
      })
    : ExportTraceServiceResponse.create({});
  return ExportTraceServiceResponse.encode(message).finish(); // zero bytes on full success
}

/** google.rpc.Status; `code` is the gRPC code matching the HTTP status (3 invalid argument, …). */
export function rpcStatusBody(encoding: OtlpEncoding, code: number, message: string): Uint8Array | string {
  if (encoding === 'json') return JSON.stringify({ code, message });
  return RpcStatus.encode(RpcStatus.create({ code, message })).finish();
}

export const contentTypeOf = (encoding: OtlpEncoding): string =>
  encoding === 'json' ? 'application/json' : 'application/x-protobuf';
