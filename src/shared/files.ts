// Trace files (issue 6, "Files"): the Spyglass trace file format, and the shapes of the export and
// import API. docs/file-format.md describes the format; docs/replay.md the endpoints.
import type { SpanWithPayloads, TraceDetail, SpanError, SpanEventRecord } from './types.ts';

export const SPYGLASS_FILE_FORMAT = 'spyglass-trace';
export const SPYGLASS_FILE_VERSION = 1;

/** One trace in a file: the trace answer of `GET /api/traces/:id?include=payloads`, as is. */
export interface TraceFileEntry {
  trace: TraceDetail & { error?: SpanError | null; events?: SpanEventRecord[] };
  spans: SpanWithPayloads[];
}

export interface SpyglassTraceFile {
  format: typeof SPYGLASS_FILE_FORMAT;
  version: typeof SPYGLASS_FILE_VERSION;
  /** ISO 8601 time of the export. */
  exportedAt: string;
  /** "spyglass 0.1.0": which build wrote the file. */
  generator?: string;
  traces: TraceFileEntry[];
}

/** `spyglass`: this app's own format, lossless. `otlp`: an OTLP/JSON ExportTraceServiceRequest. */
export const EXPORT_FORMATS = ['spyglass', 'otlp'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Body of `POST /api/export`. */
export interface ExportRequest {
  traceIds: string[];
  format?: ExportFormat;
}

/** What an import recognised the file as. */
export type ImportFormat = 'spyglass' | 'otlp-json' | 'otlp-protobuf';

/** Answer of `POST /api/import` (200). */
export interface ImportResponse {
  format: ImportFormat;
  imported: { traces: number; spans: number };
  /**
   * How many of the imported traces were stored already: their spans were merged into them (a span
   * already there is updated, not doubled), so the UI can say so rather than merge silently.
   */
  merged: number;
  traceIds: string[];
}

/**
 * Answer of `POST /api/import` when the file is damaged (400: not JSON / not protobuf / not a
 * known format; 422: well-formed but a value is wrong). Nothing was imported.
 */
export interface ImportErrorBody {
  error: string;
  /** JSON path of the first bad value, e.g. "traces[3].spans[17].startTime". */
  field?: string;
  /** Byte offset in the file where JSON syntax or protobuf decoding broke. */
  offset?: number;
  /** Further problems found in the same pass (at most 20), each "path: message". */
  problems?: string[];
}

export type ImportPhase = 'read' | 'parse' | 'validate' | 'write';

/** Progress of an import: `done` out of `total` units of the phase (bytes for read, items after). */
export interface ImportProgress {
  phase: ImportPhase;
  done: number;
  total: number;
}
