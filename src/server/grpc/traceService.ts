// The OTLP TraceService as a hand-written grpc-js service definition, instead of loading
// trace_service.proto with @grpc/proto-loader. Why: the collector already has protobufjs types
// for OTLP (ingest/otlp/protoSchema.ts, from the bundled descriptor), and going through them keeps
// gRPC on exactly the decoding and mapping path of OTLP/HTTP protobuf; proto-loader would add a
// second schema (from .proto files to ship and keep in step) and a second decoder.
//
// The request is deliberately left as bytes here and decoded in the handler with
// ingestOtlpTraces(bytes, 'protobuf'): a deserializer that throws makes grpc-js answer INTERNAL
// with a generic message, while the OTLP spec asks for INVALID_ARGUMENT (not retryable) and the
// sender deserves to read what was wrong.
import type { ServiceDefinition } from '@grpc/grpc-js';
import { ExportTraceServiceRequest, ExportTraceServiceResponse } from '../ingest/otlp/protoSchema.ts';

export const EXPORT_PATH = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';

/** What the handler answers; encoded as ExportTraceServiceResponse. */
export interface ExportResult {
  rejectedSpans: number;
  /** Empty on full success (then partialSuccess is left unset, as the spec requires). */
  errorMessage: string;
}

const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export function encodeExportResult(result: ExportResult): Buffer {
  const partial = result.rejectedSpans > 0 || result.errorMessage !== '';
  const message = ExportTraceServiceResponse.create(
    partial
      ? { partialSuccess: { rejectedSpans: result.rejectedSpans, errorMessage: result.errorMessage } }
      : {},
  );
  return asBuffer(ExportTraceServiceResponse.encode(message).finish());
}

/** Server side: request bytes in (decoded by the handler), ExportResult out. */
export const traceServiceDefinition: ServiceDefinition = {
  Export: {
    path: EXPORT_PATH,
    requestStream: false,
    responseStream: false,
    requestSerialize: (bytes: Uint8Array) => asBuffer(bytes),
    requestDeserialize: (bytes: Buffer) => bytes,
    responseSerialize: encodeExportResult,
    responseDeserialize: (bytes: Buffer) =>
      ExportTraceServiceResponse.toObject(ExportTraceServiceResponse.decode(bytes), { longs: Number }),
  },
};

/** For clients (tests, tools): encodes a plain ExportTraceServiceRequest object. */
export function encodeExportRequest(request: Record<string, unknown>): Buffer {
  return asBuffer(ExportTraceServiceRequest.encode(ExportTraceServiceRequest.fromObject(request)).finish());
}
