// Traces → a Spyglass trace file (docs/file-format.md). Each trace is the store's own trace answer
// with payloads, spliced in as the JSON text SQLite builds, so exporting a 100,000-span trace
// never turns its spans into JS objects.
import { SPYGLASS_FILE_FORMAT, SPYGLASS_FILE_VERSION } from '../../shared/files.ts';
import { APP_VERSION } from '../../shared/version.ts';
import type { Store } from '../store/index.ts';

/** A trace id the store does not hold. */
export class UnknownTraceError extends Error {
  readonly traceId: string;
  constructor(traceId: string) {
    super(`No trace with id "${traceId}" is stored`);
    this.traceId = traceId;
  }
}

export function exportSpyglassFile(store: Store, traceIds: readonly string[], now = new Date()): string {
  const entries = traceIds.map((id) => {
    const json = store.getTraceJson(id.toLowerCase(), { payloads: true });
    if (json === undefined) throw new UnknownTraceError(id);
    return json;
  });
  const header = JSON.stringify({
    format: SPYGLASS_FILE_FORMAT,
    version: SPYGLASS_FILE_VERSION,
    exportedAt: now.toISOString(),
    generator: `spyglass ${APP_VERSION}`,
  });
  return `${header.slice(0, -1)},"traces":[\n${entries.join(',\n')}\n]}\n`;
}
