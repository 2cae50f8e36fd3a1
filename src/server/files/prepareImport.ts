// A trace file's bytes → one NormalizedBatch ready for a single transaction, or an ImportError
// naming where the file is damaged. Three formats: the Spyglass trace file, OTLP/JSON (one
// ExportTraceServiceRequest, or one per line as the OpenTelemetry Collector's file exporter
// writes), and OTLP protobuf. OTLP goes through the OTLP endpoint's own decoder and mapping
// (src/server/ingest/otlp), so a file imports exactly as the same spans sent live would, except
// that a span the endpoint would reject alone rejects the whole file here.
import type { ImportFormat, ImportProgress } from '../../shared/files.ts';
import { SPYGLASS_FILE_FORMAT } from '../../shared/files.ts';
import type { NormalizedBatch } from '../ingest/model.ts';
import { decodeProtobuf } from '../ingest/otlp/decodeProtobuf.ts';
import type { DecodedRequest } from '../ingest/otlp/decoded.ts';
import { inferProviders } from '../ingest/otlp/index.ts';
import { normalize } from '../ingest/otlp/normalize.ts';
import { ExportTraceServiceRequest } from '../ingest/otlp/protoSchema.ts';
import { OtlpDecodeError, readRequest } from '../ingest/otlp/readRequest.ts';
import { isRecord } from './fieldReader.ts';
import { ImportError } from './importError.ts';
import { parseJsonFile } from './parseJsonFile.ts';
import { findProtobufDamage } from './protobufDamage.ts';
import { readSpyglassFile } from './readSpyglassFile.ts';

export interface PreparedImport {
  format: ImportFormat;
  batch: NormalizedBatch;
  traceIds: string[];
  spanCount: number;
}

export interface PrepareOptions {
  /** 'json' or 'protobuf' when the sender said (Content-Type); otherwise sniffed from the bytes. */
  encoding?: 'json' | 'protobuf';
  onProgress?(progress: ImportProgress): void;
}

const MAX_LISTED = 20;

/** JSON files start with '{' (after whitespace or a byte order mark); protobuf never does usefully. */
export function sniffEncoding(bytes: Uint8Array): 'json' | 'protobuf' {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (
    i < bytes.length &&
    (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)
  )
    i++;
  return bytes[i] === 0x7b || bytes[i] === 0x5b ? 'json' : 'protobuf';
}

export function prepareImport(bytes: Uint8Array, options: PrepareOptions = {}): PreparedImport {
  const progress = options.onProgress ?? (() => {});
  const encoding = options.encoding ?? sniffEncoding(bytes);
  progress({ phase: 'parse', done: 0, total: bytes.byteLength });
  if (encoding === 'protobuf') return fromOtlp('otlp-protobuf', [decodeProtobufFile(bytes)], progress);
  const lines = jsonLines(bytes);
  const docs = lines ?? [parseJsonFile(bytes)];
  progress({ phase: 'parse', done: bytes.byteLength, total: bytes.byteLength });
  const first = docs[0];
  if (docs.length === 1 && isRecord(first) && 'format' in first) {
    if (first.format !== SPYGLASS_FILE_FORMAT) {
      throw new ImportError(
        422,
        `The file's "format" is ${JSON.stringify(first.format)}; Spyglass reads "${SPYGLASS_FILE_FORMAT}" files and OTLP`,
        { field: 'format' },
      );
    }
    const read = readSpyglassFile(first, progress);
    return { format: 'spyglass', ...read };
  }
  const decoded = docs.map((doc, i) => {
    if (!isRecord(doc) || !('resourceSpans' in doc || 'resource_spans' in doc)) {
      const where = lines ? `line ${i + 1} ` : '';
      throw new ImportError(
        422,
        `The file ${where}is neither a Spyglass trace file (no "format": "${SPYGLASS_FILE_FORMAT}") nor OTLP JSON (no "resourceSpans")`,
      );
    }
    try {
      return readRequest(doc);
    } catch (error) {
      if (!(error instanceof OtlpDecodeError)) throw error;
      throw new ImportError(
        422,
        `The file ${lines ? `line ${i + 1} ` : ''}is not valid OTLP JSON: ${error.message}`,
      );
    }
  });
  return fromOtlp('otlp-json', decoded, progress, lines !== null);
}

function decodeProtobufFile(bytes: Uint8Array): DecodedRequest {
  try {
    return decodeProtobuf(bytes);
  } catch (error) {
    if (!(error instanceof OtlpDecodeError)) throw error;
    // protobufjs names a position only sometimes ("… at offset 12"); the wire walk always can.
    const damage = findProtobufDamage(bytes, ExportTraceServiceRequest);
    const at = /at offset (\d+)/.exec(error.message);
    const offset = damage?.offset ?? (at ? Number(at[1]) : undefined);
    const where = offset === undefined ? '' : ` at byte ${offset}`;
    const why = damage?.message ?? error.message.replace(/^.*\((.*)\)$/, '$1');
    throw new ImportError(
      400,
      `The file is not a valid OTLP protobuf ExportTraceServiceRequest${where}: ${why}`,
      { offset },
    );
  }
}

/** A file of JSON lines (more than one non-empty line, each a whole document), else null. */
function jsonLines(bytes: Uint8Array): unknown[] | null {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const newline = buffer.indexOf(0x0a);
  if (newline === -1) return null;
  let next = newline;
  while (
    next < buffer.length &&
    (buffer[next] === 0x0a || buffer[next] === 0x0d || buffer[next] === 0x20 || buffer[next] === 0x09)
  )
    next++;
  if (next === buffer.length) return null; // one document and a trailing newline
  try {
    JSON.parse(buffer.subarray(0, newline).toString('utf8'));
  } catch {
    return null; // the first line is not a document on its own: an ordinary (pretty-printed) JSON file
  }
  const text = buffer.toString('utf8');
  const docs: unknown[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const lineBytes = Buffer.from(`${line}\n`);
    if (line.trim() !== '') {
      try {
        docs.push(parseJsonFile(lineBytes));
      } catch (error) {
        if (!(error instanceof ImportError) || error.offset === undefined) throw error;
        const at = offset + error.offset;
        throw new ImportError(
          400,
          `The file is not valid JSON at byte ${at} (line ${docs.length + 1} of the JSON lines): ${error.message.replace(/^.*?: /, '')}`,
          { offset: at },
        );
      }
    }
    offset += lineBytes.byteLength;
  }
  return docs;
}

/** The answer to a file with spans the OTLP decoder rejects: nothing is imported, the first few are named. */
export function damagedFileError(rejected: readonly { field: string; message: string }[]): ImportError {
  const listed = rejected.slice(0, MAX_LISTED).map((r) => `${r.field}: ${r.message}`);
  const more =
    rejected.length > 1
      ? ` (and ${rejected.length - 1} more ${rejected.length === 2 ? 'problem' : 'problems'})`
      : '';
  return new ImportError(422, `The file is damaged, nothing was imported. ${listed[0]}${more}`, {
    field: rejected[0]!.field,
    problems: listed,
  });
}

function fromOtlp(
  format: ImportFormat,
  requests: DecodedRequest[],
  progress: NonNullable<PrepareOptions['onProgress']>,
  lines = false,
): PreparedImport {
  const rejected = requests.flatMap((r, i) =>
    r.rejected.map((x) => ({ ...x, field: lines ? `line ${i + 1}: ${x.field}` : x.field })),
  );
  if (rejected.length > 0) throw damagedFileError(rejected);
  const batch: NormalizedBatch = { traces: [], spans: [], rejected: [] };
  let done = 0;
  const total = requests.reduce((n, r) => n + r.spans.length, 0);
  for (const request of requests) {
    const part = normalize(request);
    batch.traces.push(...part.traces);
    batch.spans.push(...part.spans);
    done += part.spans.length;
    progress({ phase: 'validate', done, total });
  }
  if (batch.spans.length === 0) throw new ImportError(422, 'The file holds no spans; nothing was imported');
  inferProviders(batch);
  const traceIds = [...new Set(batch.spans.map((s) => s.traceId))];
  return { format, batch, traceIds, spanCount: batch.spans.length };
}
