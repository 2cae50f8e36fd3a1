// Splitting one large batch into commit-sized parts. A commit holds the event loop (better-sqlite3
// is synchronous), so one request of 40,000 span events committed whole kept /api/health and the UI
// waiting for over a second; committed in parts, with a turn of the event loop between them, no
// commit holds it for long. Every patch merges idempotently into what is stored, so parts may
// commit one after another (and a retry after a failure re-applies harmlessly).
import type { NormalizedBatch } from '../ingest/model.ts';

/** Trace patches first (as one commit applies them), then span patches, at most `maxItems` per part. */
export function splitBatch(batch: NormalizedBatch, maxItems: number): NormalizedBatch[] {
  const size = batch.traces.length + batch.spans.length;
  if (size <= maxItems) return [batch];
  const parts: NormalizedBatch[] = [];
  let part: NormalizedBatch = { traces: [], spans: [], rejected: batch.rejected };
  let items = 0;
  const next = () => {
    parts.push(part);
    part = { traces: [], spans: [], rejected: [] };
    items = 0;
  };
  for (const trace of batch.traces) {
    if (items === maxItems) next();
    part.traces.push(trace);
    items++;
  }
  for (const span of batch.spans) {
    if (items === maxItems) next();
    part.spans.push(span);
    items++;
  }
  if (items) parts.push(part);
  return parts;
}
