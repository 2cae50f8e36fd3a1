// Applying NormalizedBatches: one transaction, prepared statements, aggregates by delta.
//
// For each span: read the stored skeleton row (one indexed lookup), merge the patch, write the row,
// and add (contribution of the new row − contribution of the old row) to the trace's counters, so
// a span sent twice is counted once and a span whose type arrives after its tokens is counted when
// the type arrives. Each touched trace is read once, updated in memory, and written once per call.
import type Database from 'better-sqlite3';
import type { NormalizedBatch, SpanEventPatch, SpanPatch, TracePatch } from '../ingest/model.ts';
import {
  NO_CONTRIBUTION,
  combinePatches,
  contributionOf,
  emptySpanRow,
  encodePayload,
  mergeSpan,
  type CostEstimator,
  type EncodedPayload,
  type SpanRow,
} from './spanMerge.ts';
import {
  addContribution,
  applyTracePatch,
  deriveNameAndStatus,
  newTraceRow,
  unionJsonList,
  widenTimes,
  type RootRow,
  type TraceRow,
} from './traceState.ts';

/** What a commit changed, for the live feed. */
export interface ChangeSet {
  /** Trace primary keys whose summary changed. */
  tracePks: number[];
  /** Span primary keys that changed, by trace id. */
  spanPksByTrace: Map<string, number[]>;
}

const SPAN_COLUMNS = [
  'trace_pk',
  'span_id',
  'parent_span_id',
  'name',
  'type',
  'step_order',
  'start_us',
  'end_us',
  'status',
  'model',
  'provider',
  'prompt_tokens',
  'completion_tokens',
  'total_tokens',
  'cost_usd',
  'cost_source',
  'ttft_ms',
  'error_json',
  'destructive',
  'kind',
  'input_preview',
  'output_preview',
  'input_bytes',
  'output_bytes',
] as const;

const TRACE_COLUMNS = [
  'trace_id',
  'name',
  'explicit_name',
  'service',
  'status',
  'explicit_status',
  'ended',
  'start_us',
  'end_us',
  'own_start_us',
  'own_end_us',
  'sort_us',
  'span_count',
  'error_count',
  'open_count',
  'prompt_tokens',
  'completion_tokens',
  'total_tokens',
  'cost_usd',
  'models',
  'tags',
  'session_id',
  'user_id',
  'error_json',
  'updated_us',
] as const;

const FTS_NAME = 0;
const FTS_INPUT = 1;
const FTS_OUTPUT = 2;
const FTS_ERROR = 3;

interface TraceWork {
  row: TraceRow;
  nameBefore: string;
  spanPks: number[];
  newTags: string[];
  newModels: string[];
}

export class BatchWriter {
  private readonly db: Database.Database;
  private readonly estimateCost: CostEstimator | null;
  private readonly stmt;
  private readonly transaction: (batches: readonly NormalizedBatch[]) => ChangeSet;

  constructor(db: Database.Database, estimateCost: CostEstimator | null) {
    this.db = db;
    this.estimateCost = estimateCost;
    const named = (cols: readonly string[]) => cols.map((c) => '@' + c).join(', ');
    const sets = (cols: readonly string[]) => cols.map((c) => `${c} = @${c}`).join(', ');
    this.stmt = {
      selectTrace: db.prepare('SELECT * FROM traces WHERE trace_id = ?'),
      insertTrace: db.prepare(
        `INSERT INTO traces (${TRACE_COLUMNS.join(', ')}) VALUES (${named(TRACE_COLUMNS)})`,
      ),
      updateTrace: db.prepare(`UPDATE traces SET ${sets(TRACE_COLUMNS)} WHERE id = @id`),
      selectSpan: db.prepare('SELECT * FROM spans WHERE trace_pk = ? AND span_id = ?'),
      insertSpan: db.prepare(
        `INSERT INTO spans (${SPAN_COLUMNS.join(', ')}) VALUES (${named(SPAN_COLUMNS)})`,
      ),
      updateSpan: db.prepare(`UPDATE spans SET ${sets(SPAN_COLUMNS)} WHERE id = @id`),
      selectRoot: db.prepare(
        `SELECT name, status, end_us, error_json FROM spans
         WHERE trace_pk = ? AND parent_span_id = '' ORDER BY start_us LIMIT 1`,
      ),
      selectSpanExtras: db.prepare('SELECT attributes, links FROM span_payloads WHERE span_pk = ?'),
      upsertSpanPayload: db.prepare(
        `INSERT INTO span_payloads (span_pk, input, output, attributes, links) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (span_pk) DO UPDATE SET
           input = coalesce(excluded.input, input), output = coalesce(excluded.output, output),
           attributes = coalesce(excluded.attributes, attributes), links = coalesce(excluded.links, links)`,
      ),
      selectTraceMetadata: db.prepare('SELECT metadata FROM trace_payloads WHERE trace_pk = ?'),
      upsertTracePayload: db.prepare(
        `INSERT INTO trace_payloads (trace_pk, input, output, metadata) VALUES (?, ?, ?, ?)
         ON CONFLICT (trace_pk) DO UPDATE SET
           input = coalesce(excluded.input, input), output = coalesce(excluded.output, output),
           metadata = coalesce(excluded.metadata, metadata)`,
      ),
      insertEvent: db.prepare(
        'INSERT OR IGNORE INTO events (owner, time_us, name, attributes) VALUES (?, ?, ?, ?)',
      ),
      insertTag: db.prepare('INSERT OR IGNORE INTO trace_tags (tag, trace_pk) VALUES (?, ?)'),
      insertModel: db.prepare('INSERT OR IGNORE INTO trace_models (model, trace_pk) VALUES (?, ?)'),
      spanFts: db.prepare('INSERT OR REPLACE INTO span_fts (rowid, text) VALUES (?, ?)'),
      traceFts: db.prepare('INSERT OR REPLACE INTO trace_fts (rowid, text) VALUES (?, ?)'),
    };
    this.transaction = db.transaction((batches: readonly NormalizedBatch[]) => this.applyAll(batches));
  }

  /** Applies every batch in one transaction (group commit). */
  apply(batches: readonly NormalizedBatch[]): ChangeSet {
    return this.transaction(batches);
  }

  private applyAll(batches: readonly NormalizedBatch[]): ChangeSet {
    const nowUs = Date.now() * 1000;
    const traces = new Map<string, TraceWork>();
    const work = (traceId: string): TraceWork => {
      let entry = traces.get(traceId);
      if (!entry) {
        const stored = this.stmt.selectTrace.get(traceId) as TraceRow | undefined;
        const row = stored ?? newTraceRow(traceId, nowUs);
        if (!stored) row.id = Number(this.stmt.insertTrace.run(row).lastInsertRowid);
        entry = { row, nameBefore: row.name, spanPks: [], newTags: [], newModels: [] };
        traces.set(traceId, entry);
      }
      return entry;
    };

    for (const batch of batches) {
      for (const patch of batch.traces) this.applyTrace(work(patch.traceId), patch);
    }
    for (const patch of combineSpanPatches(batches).values()) this.applySpan(work(patch.traceId), patch);

    const changes: ChangeSet = { tracePks: [], spanPksByTrace: new Map() };
    for (const entry of traces.values()) {
      const { row } = entry;
      deriveNameAndStatus(row, this.stmt.selectRoot.get(row.id) as RootRow | undefined);
      row.updated_us = nowUs;
      this.stmt.updateTrace.run(row);
      if (row.name !== entry.nameBefore) this.stmt.traceFts.run(row.id * 4 + FTS_NAME, row.name);
      for (const tag of entry.newTags) this.stmt.insertTag.run(tag, row.id);
      for (const model of entry.newModels) this.stmt.insertModel.run(model, row.id);
      changes.tracePks.push(row.id);
      if (entry.spanPks.length) changes.spanPksByTrace.set(row.trace_id, entry.spanPks);
    }
    return changes;
  }

  private applyTrace(entry: TraceWork, patch: TracePatch): void {
    const { row } = entry;
    const tagsBefore = row.tags;
    applyTracePatch(row, patch);
    if (row.tags !== tagsBefore) entry.newTags.push(...(patch.tags ?? []));
    const input = patch.input === undefined ? undefined : encodePayload(patch.input);
    const output = patch.output === undefined ? undefined : encodePayload(patch.output);
    let metadata: string | null = null;
    if (patch.metadata !== undefined) {
      const stored = this.stmt.selectTraceMetadata.get(row.id) as { metadata: string | null } | undefined;
      const old = stored?.metadata ? (JSON.parse(stored.metadata) as Record<string, unknown>) : {};
      metadata = JSON.stringify({ ...old, ...patch.metadata });
    }
    if (input || output || metadata !== null) {
      this.stmt.upsertTracePayload.run(row.id, input?.json ?? null, output?.json ?? null, metadata);
    }
    if (input) this.stmt.traceFts.run(row.id * 4 + FTS_INPUT, input.searchText);
    if (output) this.stmt.traceFts.run(row.id * 4 + FTS_OUTPUT, output.searchText);
    for (const event of patch.events ?? []) this.insertEvent(-row.id, event);
  }

  private applySpan(entry: TraceWork, patch: SpanPatch): void {
    const trace = entry.row;
    const stored = this.stmt.selectSpan.get(trace.id, patch.spanId) as SpanRow | undefined;
    const old = stored ?? emptySpanRow(trace.id, patch.spanId);
    const input = patch.input === undefined ? undefined : encodePayload(patch.input);
    const output = patch.output === undefined ? undefined : encodePayload(patch.output);
    const row = mergeSpan(old, patch, input, output, this.estimateCost);
    if (stored) this.stmt.updateSpan.run(row);
    else row.id = Number(this.stmt.insertSpan.run(row).lastInsertRowid);

    addContribution(trace, contributionOf(row), stored ? contributionOf(stored) : NO_CONTRIBUTION);
    widenTimes(trace, row.start_us, row.end_us);
    if (row.model !== null && row.model !== old.model) {
      const models = unionJsonList(trace.models, [row.model]);
      if (models) {
        trace.models = models;
        entry.newModels.push(row.model);
      }
    }
    this.writeSpanPayloads(row, stored !== undefined, patch, input, output);
    if (row.name !== null && row.name !== old.name) this.stmt.spanFts.run(row.id * 4 + FTS_NAME, row.name);
    if (patch.error !== undefined) this.stmt.spanFts.run(row.id * 4 + FTS_ERROR, patch.error.message);
    for (const event of patch.events ?? []) this.insertEvent(row.id, event);
    entry.spanPks.push(row.id);
  }

  private writeSpanPayloads(
    row: SpanRow,
    existed: boolean,
    patch: SpanPatch,
    input: EncodedPayload | undefined,
    output: EncodedPayload | undefined,
  ): void {
    let attributes: string | null = null;
    let links: string | null = null;
    if (patch.attributes !== undefined || patch.links !== undefined) {
      const extras = existed
        ? (this.stmt.selectSpanExtras.get(row.id) as
            { attributes: string | null; links: string | null } | undefined)
        : undefined;
      if (patch.attributes !== undefined) {
        const old = extras?.attributes ? (JSON.parse(extras.attributes) as Record<string, unknown>) : {};
        attributes = JSON.stringify({ ...old, ...patch.attributes });
      }
      if (patch.links !== undefined) {
        const old = extras?.links ? (JSON.parse(extras.links) as NonNullable<SpanPatch['links']>) : [];
        const seen = new Set(old.map((l) => `${l.traceId}/${l.spanId}`));
        for (const link of patch.links) if (!seen.has(`${link.traceId}/${link.spanId}`)) old.push(link);
        links = JSON.stringify(old);
      }
    }
    if (input || output || attributes !== null || links !== null) {
      this.stmt.upsertSpanPayload.run(row.id, input?.json ?? null, output?.json ?? null, attributes, links);
    }
    if (input) this.stmt.spanFts.run(row.id * 4 + FTS_INPUT, input.searchText);
    if (output) this.stmt.spanFts.run(row.id * 4 + FTS_OUTPUT, output.searchText);
  }

  private insertEvent(owner: number, event: SpanEventPatch): void {
    this.stmt.insertEvent.run(owner, event.timeUs, event.name, JSON.stringify(event.attributes ?? {}));
  }
}

/** Patches of the same span within the committed batches, folded in arrival order. */
function combineSpanPatches(batches: readonly NormalizedBatch[]): Map<string, SpanPatch> {
  const bySpan = new Map<string, SpanPatch>();
  for (const batch of batches) {
    for (const patch of batch.spans) {
      const key = patch.traceId + '/' + patch.spanId;
      const earlier = bySpan.get(key);
      bySpan.set(key, earlier ? combinePatches(earlier, patch) : patch);
    }
  }
  return bySpan;
}
