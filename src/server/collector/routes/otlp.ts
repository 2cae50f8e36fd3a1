// POST /v1/traces: OTLP/HTTP traces, JSON or protobuf, gzip allowed (ctx.readBody decompresses
// and enforces the size cap while streaming). Answers follow the OTLP/HTTP spec, always in the
// request's encoding: 200 with ExportTraceServiceResponse (partialSuccess when spans were
// rejected or capped), 400/413/415/503 with a google.rpc.Status, Retry-After on overload.
import type { ServerResponse } from 'node:http';
import {
  OtlpDecodeError,
  contentTypeOf,
  exportResponseBody,
  otlpEncodingOf,
  rpcStatusBody,
  type OtlpEncoding,
} from '../../ingest/otlp/index.ts';
import { HttpError } from '../http.ts';
import { StorageFullError } from '../storageState.ts';
import type { Route } from '../router.ts';

/** gRPC status codes for the google.rpc.Status body, by HTTP status. */
function grpcCodeFor(httpStatus: number): number {
  if (httpStatus === 400 || httpStatus === 415) return 3; // INVALID_ARGUMENT
  if (httpStatus === 413 || httpStatus === 429) return 8; // RESOURCE_EXHAUSTED
  if (httpStatus === 503) return 14; // UNAVAILABLE
  return 13; // INTERNAL
}

function send(
  res: ServerResponse,
  status: number,
  encoding: OtlpEncoding,
  body: Uint8Array | string,
  headers: Record<string, string> = {},
): void {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, {
    'Content-Type': contentTypeOf(encoding),
    'Content-Length': bytes.byteLength,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(bytes);
}

function sendStatus(
  res: ServerResponse,
  encoding: OtlpEncoding,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  send(res, status, encoding, rpcStatusBody(encoding, grpcCodeFor(status), message), headers);
}

export const routes: Route[] = [
  {
    method: 'POST',
    path: '/v1/traces',
    async handle({ req, res, ctx }) {
      const encoding = otlpEncodingOf(req.headers['content-type']);
      if (!encoding) {
        req.resume();
        // No encoding to mirror: answer in JSON, the one a person reading the error can see.
        sendStatus(
          res,
          'json',
          415,
          `Content-Type must be application/x-protobuf or application/json for OTLP/HTTP (got "${req.headers['content-type'] ?? ''}")`,
        );
        return;
      }
      try {
        const body = await ctx.readBody(req);
        const ingest = await ctx.decodeOtlp(body, encoding);
        await ctx.ingest(ingest.batch);
        send(
          res,
          200,
          encoding,
          exportResponseBody(encoding, { rejectedSpans: ingest.rejectedSpans, errorMessage: ingest.message }),
        );
      } catch (error) {
        if (error instanceof OtlpDecodeError) sendStatus(res, encoding, 400, error.message);
        // A full disk: the retryable answer the OTLP spec defines, so exporters keep the data and retry.
        else if (error instanceof StorageFullError)
          sendStatus(res, encoding, 503, error.message, error.headers);
        else if (error instanceof HttpError)
          sendStatus(res, encoding, error.status, error.message, error.headers);
        else {
          ctx.log(`POST /v1/traces failed: ${(error as Error).stack ?? String(error)}`);
          sendStatus(res, encoding, 500, 'The collector could not store this request; see its log');
        }
      }
    },
  },
];
