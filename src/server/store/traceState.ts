// Pure rules for a trace row: applying a trace patch, adding span deltas, deriving name and status.
import type { TracePatch } from '../ingest/model.ts';
import type { Contribution, SpanRow } from './spanMerge.ts';
import { isErrorRow } from './spanMerge.ts';

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
  let changed = false;
  for (const item of extra) {
    if (!list.includes(item)) {
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
  row.cost_usd += plus.costUsd - minus.costUsd;
}

export type RootRow = Pick<SpanRow, 'name' | 'status' | 'end_us' | 'error_json'>;

/**
 * Name: an explicit trace name, else the root span's name, else the service name.
 * Status: an explicit status from the trace's end wins. A trace is `running` while it is not
 * ended and either has open spans or has no ended root span; once ended (or once its root span
 * ended with nothing left open) it takes the root's outcome. Errors in child spans do not turn a
 * successful root into an error (errorCount still shows them).
 */
export function deriveNameAndStatus(row: TraceRow, root: RootRow | undefined): void {
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
