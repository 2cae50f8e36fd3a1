// Failures → gRPC status, per the OTLP spec's "OTLP/gRPC Response" and "OTLP/gRPC Throttling":
// undecodable data is INVALID_ARGUMENT (the client drops it); a busy or closing writer is
// UNAVAILABLE (retryable) with a google.rpc.RetryInfo detail giving the delay, which is how OTLP
// signals backpressure over gRPC. RESOURCE_EXHAUSTED is left to grpc-js, which sends it for a
// message over the size cap (also counted after gzip decompression).
import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import protobuf from 'protobufjs';
import { HttpError } from '../collector/http.ts';
import { StorageFullError } from '../collector/storageState.ts';
import { OtlpDecodeError } from '../ingest/otlp/index.ts';

export const RETRY_INFO_TYPE_URL = 'type.googleapis.com/google.rpc.RetryInfo';

/**
 * google.rpc.Status { code = 1; message = 2; repeated Any details = 3 } carrying one
 * Any { type_url = 1; value = 2 } of RetryInfo { Duration retry_delay = 1 }, Duration { seconds = 1 }.
 * Written by hand with protobufjs's Writer: three tiny messages that the OTLP descriptor does
 * not hold, and only ever encoded.
 */
export function retryStatusDetails(code: number, message: string, retryAfterSeconds: number): Buffer {
  const duration = protobuf.Writer.create()
    .uint32((1 << 3) | 0)
    .int64(retryAfterSeconds)
    .finish();
  const retryInfo = protobuf.Writer.create()
    .uint32((1 << 3) | 2)
    .bytes(duration)
    .finish();
  const any = protobuf.Writer.create()
    .uint32((1 << 3) | 2)
    .string(RETRY_INFO_TYPE_URL)
    .uint32((2 << 3) | 2)
    .bytes(retryInfo)
    .finish();
  const rpcStatus = protobuf.Writer.create()
    .uint32((1 << 3) | 0)
    .int32(code)
    .uint32((2 << 3) | 2)
    .string(message)
    .uint32((3 << 3) | 2)
    .bytes(any)
    .finish();
  return Buffer.from(rpcStatus);
}

export type GrpcFailure = Partial<ServiceError> & { code: status; details: string };

/** Any error from decoding or committing an export → the status to answer with. */
export function grpcFailureFor(error: unknown): GrpcFailure {
  if (error instanceof OtlpDecodeError) return { code: status.INVALID_ARGUMENT, details: error.message };
  if (error instanceof HttpError && (error.status === 503 || error instanceof StorageFullError)) {
    // OverloadedError (writer queue full), a collector shutting down, or a full disk: all pass.
    const retryAfter = Number(error.headers?.['Retry-After'] ?? 1) || 1;
    const metadata = new Metadata();
    metadata.set(
      'grpc-status-details-bin',
      retryStatusDetails(status.UNAVAILABLE, error.message, retryAfter),
    );
    return { code: status.UNAVAILABLE, details: error.message, metadata };
  }
  if (error instanceof HttpError && (error.status === 413 || error.status === 429)) {
    return { code: status.RESOURCE_EXHAUSTED, details: error.message };
  }
  return { code: status.INTERNAL, details: 'The collector could not store this request; see its log' };
}
