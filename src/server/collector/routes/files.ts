// Trace files over HTTP (docs/replay.md): export one trace or a selection as a Spyglass trace
// file or OTLP/JSON, and import a file (Spyglass, OTLP/JSON or OTLP protobuf) whole or not at all.
import type { IncomingMessage } from 'node:http';
import { EXPORT_FORMATS, type ExportFormat, type ImportResponse } from '../../../shared/files.ts';
import {
  countingMerges,
  ImportError,
  UnknownTraceError,
  exportTraces,
  importInPieces,
  type ImportSummary,
} from '../../files/index.ts';
import { HttpError, isJsonContentType, parseJson, readBody, sendJson } from '../http.ts';
import type { Route, RouteCall } from '../router.ts';

/** Trace files may be far larger than an ingest batch (the server's maxBodyBytes). */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;
const MAX_EXPORT_TRACES = 1000;
const TRACE_ID = /^[0-9a-fA-F]{32}$/;

function formatOf(value: unknown, field: string): ExportFormat {
  if (value === undefined || value === null) return 'spyglass';
  if (typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value))
    return value as ExportFormat;
  throw new HttpError(
    400,
    `"${field}" must be one of ${EXPORT_FORMATS.join(', ')} (got ${JSON.stringify(value)})`,
    field,
  );
}

function sendFile({ res, ctx }: RouteCall, traceIds: string[], format: ExportFormat): void {
  let file: ReturnType<typeof exportTraces>;
  try {
    file = exportTraces(ctx.store, traceIds, format);
  } catch (error) {
    if (error instanceof UnknownTraceError) throw new HttpError(404, error.message, 'traceId');
    throw error;
  }
  res.writeHead(200, {
    'Content-Type': `${file.contentType}; charset=utf-8`,
    'Content-Length': Buffer.byteLength(file.body),
    'Content-Disposition': `attachment; filename="${file.fileName}"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(file.body);
}

function importEncoding(req: IncomingMessage): 'json' | 'protobuf' | undefined {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-protobuf' || type === 'application/protobuf') return 'protobuf';
  if (type === '' || type === 'application/octet-stream') return undefined; // sniffed from the bytes
  if (isJsonContentType(req) || type === 'application/x-ndjson' || type === 'application/jsonl')
    return 'json';
  throw new HttpError(
    415,
    `Content-Type must be application/json, application/x-protobuf or application/octet-stream (got "${type}")`,
  );
}

export const routes: Route[] = [
  {
    method: 'GET',
    path: '/api/traces/:traceId/export',
    handle(call) {
      for (const key of call.url.searchParams.keys()) {
        if (key !== 'format')
          throw new HttpError(400, `Unknown query parameter "${key}"; known: format`, key);
      }
      sendFile(
        call,
        [call.params.traceId!],
        formatOf(call.url.searchParams.get('format') ?? undefined, 'format'),
      );
    },
  },
  {
    method: 'POST',
    path: '/api/export',
    async handle(call) {
      const { req, ctx } = call;
      if (!isJsonContentType(req))
        throw new HttpError(
          415,
          'Content-Type must be application/json: { "traceIds": [...], "format": "spyglass" | "otlp" }',
        );
      const body = parseJson(await ctx.readBody(req)) as { traceIds?: unknown; format?: unknown } | null;
      const ids = body?.traceIds;
      if (!Array.isArray(ids) || ids.length === 0)
        throw new HttpError(400, '"traceIds" must be a non-empty array of trace ids', 'traceIds');
      if (ids.length > MAX_EXPORT_TRACES)
        throw new HttpError(
          400,
          `At most ${MAX_EXPORT_TRACES} traces per export (got ${ids.length})`,
          'traceIds',
        );
      ids.forEach((id, i) => {
        if (typeof id !== 'string' || !TRACE_ID.test(id))
          throw new HttpError(
            400,
            `traceIds[${i}] must be 32 hex digits (got ${JSON.stringify(id)})`,
            `traceIds[${i}]`,
          );
      });
      sendFile(call, [...new Set(ids as string[])], formatOf(body?.format, 'format'));
    },
  },
  {
    method: 'POST',
    path: '/api/import',
    async handle({ req, res, ctx }) {
      const encoding = importEncoding(req);
      const bytes = await readBody(req, MAX_IMPORT_BYTES);
      if (bytes.byteLength === 0)
        throw new HttpError(400, "The request body is empty; send the file's bytes");
      // One transaction across event-loop turns (IngestQueue.exclusive): all or nothing, while the
      // file is parsed and written a piece at a time (importInPieces.ts).
      let imported: ImportSummary;
      let merged = 0;
      try {
        imported = await ctx.writeExclusive(async (sink) => {
          const counting = countingMerges(sink, (traceId) => ctx.store.hasTrace(traceId));
          const summary = await importInPieces(bytes, counting.sink, encoding ? { encoding } : {});
          merged = counting.merged();
          return summary;
        });
      } catch (error) {
        if (error instanceof ImportError) return sendJson(res, error.status, error.toBody());
        throw error;
      }
      const answer: ImportResponse = {
        format: imported.format,
        imported: { traces: imported.traceIds.length, spans: imported.spanCount },
        merged,
        traceIds: imported.traceIds,
      };
      sendJson(res, 200, answer);
    },
  },
];
