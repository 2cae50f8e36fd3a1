// Opening a trace file with the desktop app (file association, command line, menu): the bytes go
// to the collector's import endpoint, which validates the whole file and imports it or nothing.
// Plain Node (fetch), no electron import, so it is tested against a real collector.
import { readFile } from 'node:fs/promises';
import type { ImportErrorBody, ImportResponse } from '../shared/files.ts';

export class TraceImportError extends Error {}

export async function importTraceFile(collectorUrl: string, path: string): Promise<ImportResponse> {
  const bytes = await readFile(path);
  // application/octet-stream lets the server recognise Spyglass JSON, OTLP JSON or protobuf itself.
  const response = await fetch(`${collectorUrl}/api/import`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream' },
    body: bytes,
  });
  const body = (await response.json().catch(() => ({}))) as ImportResponse & ImportErrorBody;
  if (response.ok) return body;
  const where = body.field
    ? ` (at ${body.field})`
    : body.offset !== undefined
      ? ` (at byte ${body.offset})`
      : '';
  throw new TraceImportError(`${path} was not imported: ${body.error ?? `HTTP ${response.status}`}${where}`);
}

/** Trace files named on a command line (file associations on Windows and Linux pass them so). */
export function traceFilesInArgv(argv: readonly string[]): string[] {
  return argv.slice(1).filter((arg) => !arg.startsWith('-') && /\.(json|spyglass|pb|otlp|bin)$/i.test(arg));
}
