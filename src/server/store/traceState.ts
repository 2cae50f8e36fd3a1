// Pure rules for a trace row: applying a trace patch, adding span deltas, deriving name and status.
import type { TracePatch } from '../ingest/model.ts';
import type { Contribution, SpanRow } from './spanMerge.ts';
import { isErrorRow } from './spanMerge.ts';
import { roundUsd } from '../../shared/units.ts';

/** The `traces` row as better-sqlite3 returns it. */
export interface TraceRow {
  id: number;
  trace_id: string;
  name: string;
  explicit_name: string | null;
  service: string | null;
  status: 'running' | 'success' | 'error';
  explicit_status: 'success' | 'error' | null;
  ended: number;
  start_us: number | null;
  end_us: number | null;
  own_start_us: number | null;
  own_end_us: number | null;
  sort_us: number;
  span_count: number;
  error_count: number;
  open_count: number;
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  cost_usd: number;
  models: string;
  tags: string;
  session_id: string | null;
  user_id: string | null;
  sdk_dropped_spans: number;
  sdk_dropped_events: number;
  error_json: string | null;
  updated_us: number;
}

export function newTraceRow(traceId: string, nowUs: number): TraceRow {
  return {
    id: 0,
    trace_id: traceId,
    name: '',
    explicit_name: null,
    service: null,
    status: 'running',
    explicit_status: null,
    ended: 0,
    start_us: null,
    end_us: null,
    own_start_us: null,
    own_end_us: null,
    sort_us: nowUs,
    span_count: 0,
    error_count: 0,
    open_count: 0,
    prompt_tokens: 0,
    completion_tokens: 0,
    total_tokens: 0,
    cost_usd: 0,
    models: '[]',
    tags: '[]',
    session_id: null,
    user_id: null,
    sdk_dropped_spans: 0,
    sdk_dropped_events: 0,
    error_json: null,
    updated_us: nowUs,
  };
}

const minOf = (a: number | null, b: number | null | undefined): number | null =>
  b === null || b === undefined ? a : a === null ? b : Math.min(a, b);
const maxOf = (a: number | null, b: number | null | undefined): number | null =>
  b === null || b === undefined ? a : a === null ? b : Math.max(a, b);

/** Unions `extra` into a JSON array of strings; returns the new JSON, or null when nothing was added. */
export function unionJsonList(json: string, extra: readonly string[]): string | null {
  const list = JSON.parse(json) as string[];
  // A Set, not list.includes: one trace.start may carry 100,000 tags (quadratic took seconds).
  const seen = new Set(list);
  let changed = false;
  for (const item of extra) {
    if (!seen.has(item)) {
      seen.add(item);
      list.push(item);
      changed = true;
    }
  }
  return changed ? JSON.stringify(list) : null;
}

export function applyTracePatch(row: TraceRow, patch: TracePatch): void {
  if (patch.name !== undefined) row.explicit_name = patch.name;
  if (patch.service !== undefined) row.service = patch.service;
  if (patch.startUs !== undefined) row.own_start_us = minOf(row.own_start_us, patch.startUs);
  if (patch.endUs !== undefined) row.own_end_us = maxOf(row.own_end_us, patch.endUs);
  if (patch.status !== undefined) row.explicit_status = patch.status;
  if (patch.ended) row.ended = 1;
  if (patch.sessionId !== undefined) row.session_id = patch.sessionId;
  if (patch.userId !== undefined) row.user_id = patch.userId;
  // Cumulative counts from the SDK: a late or repeated report never lowers them.
  if (patch.sdkDroppedSpans !== undefined)
    row.sdk_dropped_spans = Math.max(row.sdk_dropped_spans, patch.sdkDroppedSpans);
  if (patch.sdkDroppedEvents !== undefined)
    row.sdk_dropped_events = Math.max(row.sdk_dropped_events, patch.sdkDroppedEvents);
  if (patch.error !== undefined) row.error_json = JSON.stringify(patch.error);
  if (patch.tags?.length) row.tags = unionJsonList(row.tags, patch.tags) ?? row.tags;
  widenTimes(row, patch.startUs, patch.endUs);
}

/** Start/end are min/max over the trace's own times and every span's start and end. */
export function widenTimes(
  row: TraceRow,
  startUs: number | null | undefined,
  endUs: number | null | undefined,
): void {
  row.start_us = minOf(row.start_us, startUs);
  row.end_us = maxOf(maxOf(row.end_us, endUs), startUs);
}

export function addContribution(row: TraceRow, plus: Contribution, minus: Contribution): void {
  row.span_count += plus.spans - minus.spans;
  row.error_count += plus.errors - minus.errors;
  row.open_count += plus.open - minus.open;
  row.prompt_tokens += plus.promptTokens - minus.promptTokens;
  row.completion_tokens += plus.completionTokens - minus.completionTokens;
  row.total_tokens += plus.totalTokens - minus.totalTokens;
  row.cost_usd = roundUsd(row.cost_usd + plus.costUsd - minus.costUsd);
}

/** The note on a trace the sweep gave up on (a span or the trace itself started and never ended). */
export const ABANDONED_ERROR = {
  message: 'abandoned: no end received',
  type: 'spyglass.abandoned',
  stack: null,
};
export const ABANDONED_ERROR_JSON = JSON.stringify(ABANDONED_ERROR);

/** Default quiet period after which a trace with nothing open is finished (ServerOptions.idleTraceMs). */
export const DEFAULT_IDLE_TRACE_MS = 30_000;
/** Default quiet period after which a trace with something still open is abandoned. */
export const DEFAULT_ABANDON_TRACE_MS = 60 * 60_000;

export type QuietOutcome = 'success' | 'error' | 'abandoned';

/**
 * What becomes of a trace `deriveNameAndStatus` left running once it has been quiet (no ingest
 * touching it) for `quietUs`; null: it stays running. Applied by the sweep (store/idleSweep.ts),
 * never at commit, so the next span that arrives reopens the trace through the rule above.
 *
 * - Nothing open (every stored span has an end; the trace was not opened by an SDK trace.start)
 *   and quiet for `idleUs`: finished. This is the trace whose root never arrives: an OTLP service
 *   whose top span has a remote parent, or spans exported before a root that was lost. Its outcome
 *   is that of its top-level spans (those whose parent is not stored), as a root's would be: an
 *   error in a child that a top-level span survived does not make the trace an error.
 * - Something open (a span started and not ended, or an SDK trace started and not ended): a long
 *   model call is legitimate, so it stays running, but only up to `abandonUs` of silence (1 h by
 *   default; no real call is silent that long). Then the process that would have sent the end is
 *   presumed dead and the trace is shown as an error with ABANDONED_ERROR.
 */
export function quietOutcome(
  row: Pick<TraceRow, 'status' | 'open_count' | 'own_start_us'>,
  quietUs: number,
  limits: { idleUs: number; abandonUs: number },
  topLevelError: () => boolean,
): QuietOutcome | null {
  if (row.status !== 'running') return null;
  const open = row.open_count > 0 || row.own_start_us !== null;
  if (!open) return quietUs >= limits.idleUs ? (topLevelError() ? 'error' : 'success') : null;
  return quietUs >= limits.abandonUs ? 'abandoned' : null;
}

export type RootRow = Pick<SpanRow, 'name' | 'status' | 'end_us' | 'error_json'>;

/**
 * Name: an explicit trace name, else the root span's name, else the service name.
 * Status: an explicit status from the trace's end wins. A trace is `running` while it is not
 * ended and either has open spans or has no ended root span; once ended (or once its root span
 * ended with nothing left open) it takes the root's outcome. Errors in child spans do not turn a
 * successful root into an error (errorCount still shows them). A trace this leaves running that
 * then goes quiet is finished or abandoned later by the sweep (quietOutcome below).
 */
export function deriveNameAndStatus(row: TraceRow, root: RootRow | undefined): void {
  // New activity takes back the sweep's "abandoned" note (quietOutcome); a sender's error stays.
  if (row.error_json === ABANDONED_ERROR_JSON) row.error_json = null;
  row.name = row.explicit_name ?? root?.name ?? row.service ?? `trace ${row.trace_id.slice(0, 8)}`;
  const rootEnded = root !== undefined && root.end_us !== null;
  const rootOutcome = rootEnded && isErrorRow(root) ? 'error' : 'success';
  if (row.explicit_status) row.status = row.explicit_status;
  else if (row.ended) row.status = rootEnded ? rootOutcome : row.error_json ? 'error' : 'success';
  else if (rootEnded && row.open_count === 0) row.status = rootOutcome;
  else row.status = 'running';
  // Newest first means by start; a trace whose start is not known yet sorts by when it was first seen.
  if (row.start_us !== null) row.sort_us = row.start_us;
}
