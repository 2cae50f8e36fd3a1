// Importing an OTLP/JSON file (or JSON lines of them) a piece at a time: each piece of at most
// PIECE_BYTES is parsed, checked, mapped and handed to `sink.commit` before the next is read, with
// a turn of the event loop between pieces. The sink holds one transaction open across the pieces
// (IngestQueue.exclusive), so the file is still imported whole or not at all; the memory held at
// once is the file's bytes and one piece, and no turn holds the event loop for long.
// Anything else (a Spyglass trace file, protobuf, a damaged or oddly shaped file) goes through
// prepareImport whole, which also names where a damaged file is damaged.
import type { ImportFormat } from '../../shared/files.ts';
import type { NormalizedBatch } from '../ingest/model.ts';
import { inferProviders } from '../ingest/otlp/index.ts';
import { normalize } from '../ingest/otlp/normalize.ts';
import { OtlpDecodeError, readRequest } from '../ingest/otlp/readRequest.ts';
import { ImportError } from './importError.ts';
import { JsonCursor, JsonShapeError } from './jsonScan.ts';
import { otlpJsonPieces } from './otlpJsonPieces.ts';
import { damagedFileError, prepareImport, sniffEncoding, type PrepareOptions } from './prepareImport.ts';

export interface ImportSink {
  /** Writes a batch inside the import's transaction. */
  commit(batch: NormalizedBatch): void;
  /** Undoes everything committed so far in the import's transaction. */
  discard(): void;
}

export interface ImportSummary {
  format: ImportFormat;
  traceIds: string[];
  spanCount: number;
}

/**
 * A sink that also counts the traces the database held before this import first wrote to them
 * (the answer's `merged`): each trace is looked up once, before the first piece that carries it.
 */
export function countingMerges(
  sink: ImportSink,
  isStored: (traceId: string) => boolean,
): { sink: ImportSink; merged(): number } {
  const seen = new Set<string>();
  let merged = 0;
  const note = (traceId: string) => {
    if (seen.has(traceId)) return;
    seen.add(traceId);
    if (isStored(traceId)) merged++;
  };
  return {
    sink: {
      commit(batch) {
        for (const trace of batch.traces) note(trace.traceId);
        for (const span of batch.spans) note(span.traceId);
        sink.commit(batch);
      },
      discard: () => sink.discard(),
    },
    merged: () => merged,
  };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function importInPieces(
  bytes: Uint8Array,
  sink: ImportSink,
  options: Pick<PrepareOptions, 'encoding'> = {},
): Promise<ImportSummary> {
  if ((options.encoding ?? sniffEncoding(bytes)) === 'json') {
    try {
      return await importDocuments(bytes, sink);
    } catch (error) {
      if (!(error instanceof JsonShapeError || error instanceof SyntaxError)) throw error;
      sink.discard(); // the whole-file path below reads it again from the start
    }
  }
  const prepared = prepareImport(bytes, options);
  sink.commit(prepared.batch);
  return { format: prepared.format, traceIds: prepared.traceIds, spanCount: prepared.spanCount };
}

/** The file's OTLP/JSON documents (one, or one per line), each walked a piece at a time. */
async function importDocuments(bytes: Uint8Array, sink: ImportSink): Promise<ImportSummary> {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const cursor = new JsonCursor(bytes, bom);
  if (cursor.atEnd()) throw new JsonShapeError('an empty file');
  const traceIds = new Set<string>();
  const problems: { line: number; field: string; message: string }[] = [];
  let spanCount = 0;
  let lines = 0;
  for (; !cursor.atEnd(); lines++) {
    for (const piece of otlpJsonPieces(cursor)) {
      let decoded: ReturnType<typeof readRequest>;
      try {
        decoded = readRequest(piece.request);
      } catch (error) {
        if (!(error instanceof OtlpDecodeError)) throw error;
        throw new JsonShapeError(error.message); // the whole-file path words the answer
      }
      for (const r of decoded.rejected)
        problems.push({ line: lines + 1, field: piece.fieldInFile(r.field), message: r.message });
      // After the first damaged span nothing more is written; the rest is read for the report.
      if (problems.length === 0) {
        const batch = normalize(decoded);
        inferProviders(batch);
        for (const span of batch.spans) traceIds.add(span.traceId);
        spanCount += batch.spans.length;
        sink.commit(batch);
      }
      await nextTurn();
    }
  }
  if (problems.length > 0)
    throw damagedFileError(
      problems.map((p) => ({ ...p, field: lines > 1 ? `line ${p.line}: ${p.field}` : p.field })),
    );
  if (spanCount === 0) throw new ImportError(422, 'The file holds no spans; nothing was imported');
  return { format: 'otlp-json', traceIds: [...traceIds], spanCount };
}
