// OTLP/gRPC receiver (default port 4317): one unary method, TraceService/Export, feeding the
// same ingest as POST /v1/traces (decode → normalize → the collector's commit queue and live
// feed). It lives on its own port beside the HTTP collector; it is optional, so the host decides
// what a failed bind means (startServer logs it and keeps HTTP running).
import {
  logVerbosity,
  Server,
  ServerCredentials,
  setLogVerbosity,
  status,
  type sendUnaryData,
  type ServerUnaryCall,
} from '@grpc/grpc-js';
import type { NormalizedBatch } from '../ingest/model.ts';
import type { OtlpEncoding, OtlpIngest } from '../ingest/otlp/index.ts';
import { grpcFailureFor } from './status.ts';
import { traceServiceDefinition, type ExportResult } from './traceService.ts';

export { EXPORT_PATH, encodeExportRequest, traceServiceDefinition } from './traceService.ts';

export const DEFAULT_GRPC_PORT = 4317;
/** After this, a shutdown stops waiting for in-flight calls and cuts the connections. */
const SHUTDOWN_GRACE_MS = 2_000;

export interface GrpcReceiverOptions {
  host: string;
  /** 0 = an ephemeral port. */
  port: number;
  /** Largest message, counted after decompression (grpc-js answers RESOURCE_EXHAUSTED past it). */
  maxMessageBytes: number;
  /** Commit and publish (the collector's ingest); rejects with OverloadedError when busy. */
  ingest(batch: NormalizedBatch): Promise<unknown>;
  /** Decodes a request (the server's OTLP decoder); rejects with OtlpDecodeError when it is not OTLP. */
  decode(body: Uint8Array, encoding: OtlpEncoding): Promise<OtlpIngest>;
  log(line: string): void;
}

export interface GrpcReceiver {
  port: number;
  /** host:port as a gRPC client would dial it (IPv6 in brackets). */
  address: string;
  close(): Promise<void>;
}

/** `[::1]:4317`, `127.0.0.1:4317`: the form both bindAsync and clients take. */
export function grpcAddress(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export async function startGrpcReceiver(options: GrpcReceiverOptions): Promise<GrpcReceiver> {
  const server = new Server({
    // The same cap as the HTTP body (20 MiB by default) instead of gRPC's usual 4 MiB, so a batch
    // the HTTP endpoint takes is not refused here.
    'grpc.max_receive_message_length': options.maxMessageBytes,
    // Keepalive: ping each client every 30 s and drop it when a ping goes 10 s unanswered; close
    // connections idle for 5 minutes (exporters reconnect on their next export).
    'grpc.keepalive_time_ms': 30_000,
    'grpc.keepalive_timeout_ms': 10_000,
    'grpc.max_connection_idle_ms': 300_000,
  });
  server.addService(traceServiceDefinition, {
    Export(call: ServerUnaryCall<Buffer, ExportResult>, callback: sendUnaryData<ExportResult>) {
      void exportTraces(call.request, options).then(
        (result) => callback(null, result),
        (error: unknown) => {
          const failure = grpcFailureFor(error);
          if (failure.code === status.INTERNAL)
            options.log(`gRPC Export failed: ${(error as Error)?.stack ?? String(error)}`);
          callback(failure);
        },
      );
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(
      grpcAddress(options.host, options.port),
      ServerCredentials.createInsecure(),
      (error, bound) => (error ? reject(new Error(bindProblem(error))) : resolve(bound)),
    );
  });
  let closed: Promise<void> | null = null;
  return {
    port,
    address: grpcAddress(options.host, port),
    close() {
      closed ??= new Promise<void>((resolve) => {
        const force = setTimeout(() => server.forceShutdown(), SHUTDOWN_GRACE_MS);
        force.unref();
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      });
      return closed;
    },
  };
}

/** grpc-js wraps the listen errors ("No address added out of total 1 resolved errors: [listen
 * EADDRINUSE: …]"); say the cause in words. */
function bindProblem(error: Error): string {
  const cause = /errors: \[(.*)\]$/s.exec(error.message)?.[1] ?? error.message;
  if (/EADDRINUSE/.test(cause))
    return 'the port is already in use (another Spyglass, or an OpenTelemetry collector?)';
  if (/EACCES/.test(cause)) return 'not allowed to listen on it (ports below 1024 need privileges)';
  if (/EADDRNOTAVAIL/.test(cause)) return 'this machine has no such address';
  return cause;
}

/**
 * grpc-js prints its own errors to stderr process-wide (e.g. "E No address added out of total 1
 * resolved" before our warning about a taken port says the same, clearly). A host that owns its
 * process (the CLI) calls this; the library leaves the global setting alone.
 */
export function silenceGrpcLibraryLogs(): void {
  setLogVerbosity(logVerbosity.NONE);
}

async function exportTraces(body: Buffer, options: GrpcReceiverOptions): Promise<ExportResult> {
  const ingest = await options.decode(body, 'protobuf'); // OtlpDecodeError → INVALID_ARGUMENT
  await options.ingest(ingest.batch);
  return { rejectedSpans: ingest.rejectedSpans, errorMessage: ingest.message };
}
