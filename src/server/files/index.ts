// Trace files: export to the Spyglass format or OTLP/JSON, and import either (and OTLP protobuf)
// whole or not at all. docs/file-format.md describes the format; docs/replay.md the endpoints.
import type { ExportFormat } from '../../shared/files.ts';
import type { Store } from '../store/index.ts';
import { exportOtlpFile } from './exportOtlp.ts';
import { exportSpyglassFile } from './exportSpyglass.ts';

export { ImportError } from './importError.ts';
export { UnknownTraceError, exportSpyglassFile } from './exportSpyglass.ts';
export { buildOtlpRequest, exportOtlpFile, loadEntries } from './exportOtlp.ts';
export { countingMerges, importInPieces, type ImportSink, type ImportSummary } from './importInPieces.ts';
export { prepareImport, sniffEncoding, type PreparedImport, type PrepareOptions } from './prepareImport.ts';

export interface ExportedFile {
  body: string;
  /** A suggested file name, e.g. "trace-0af7651916cd43dd.spyglass.json". */
  fileName: string;
  contentType: string;
}

export function exportTraces(store: Store, traceIds: readonly string[], format: ExportFormat): ExportedFile {
  const stem =
    traceIds.length === 1 ? `trace-${traceIds[0]!.toLowerCase().slice(0, 16)}` : `traces-${traceIds.length}`;
  if (format === 'otlp') {
    return {
      body: exportOtlpFile(store, traceIds),
      fileName: `${stem}.otlp.json`,
      contentType: 'application/json',
    };
  }
  return {
    body: exportSpyglassFile(store, traceIds),
    fileName: `${stem}.spyglass.json`,
    contentType: 'application/json',
  };
}
