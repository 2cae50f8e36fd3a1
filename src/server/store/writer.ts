// Applying NormalizedBatches: one transaction, prepared statements, aggregates by delta.
//
// For each span: read the stored skeleton row (one indexed lookup), merge the patch, write the row,
// and add (contribution of the new row − contribution of the old row) to the trace's counters, so
// a span sent twice is counted once and a span whose type arrives after its tokens is counted when
// the type arrives. Each touched trace is read once, updated in memory, and written once per call.
import type Database from 'better-sqlite3';
import type {
  EncodedPayload,
  NormalizedBatch,
  SpanEventPatch,
  SpanPatch,
  TracePatch,
} from '../ingest/model.ts';
import { encodePayload, encodedInput, encodedOutput, withDecodedPayloads } from '../ingest/payload.ts';
import { rebuildAttributesJson } from '../ingest/payloadAttributes.ts';
import {
  NO_CONTRIBUTION,
  combineInto,
  combinePatches,
  contributionOf,
  emptySpanRow,
  mergeSpan,
  mergeSpanInto,
  type CostEstimator,
  type SpanRow,
} from './spanMerge.ts';
import {
  addContribution,
  applyTracePatch,
  deriveNameAndStatus,
  newTraceRow,
  widenTimes,
  type RootRow,
  type TraceRow,
} from './traceState.ts';
import { FIELD_ERROR, FIELD_INPUT, FIELD_NAME, FIELD_OUTPUT, type SearchIndexer } from './searchIndex.ts';

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
  'cache_read_tokens',
  'cache_write_tokens',
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
  'sdk_dropped_spans',
  'sdk_dropped_events',
  'error_json',
  'updated_us',
] as const;

interface TraceWork {
  row: TraceRow;
  /** Created by this transaction: none of its spans can be stored yet, so none are looked up. */
  isNew: boolean;
  nameBefore: string;
  /** The stored sort key: when it rises, full-text search's block bounds rise too (searchBlocks.ts). */
  sortBefore: number;
  spanPks: number[];
  newTags: string[];
  newModels: string[];
  /** The trace's models as a set, parsed on first need. */
  models?: Set<string>;
}

export class BatchWriter {
  private readonly estimateCost: CostEstimator | null;
  private readonly stmt;
  private readonly transaction: (batches: readonly NormalizedBatch[]) => ChangeSet;
  private readonly searchMarks = new Map<number, number>();
  private readonly search: SearchIndexer;

  constructor(db: Database.Database, estimateCost: CostEstimator | null, search: SearchIndexer) {
    this.estimateCost = estimateCost;
    this.search = search;
    this.stmt = {
      selectTrace: db.prepare('SELECT * FROM traces WHERE trace_id = ?'),
      // Positional parameters in TRACE_COLUMNS order (traceValues), as for spans: binding by name
      // looks every parameter up in the row object.
      insertTrace: db.prepare(
        `INSERT INTO traces (${TRACE_COLUMNS.join(', ')}) VALUES (${TRACE_COLUMNS.map(() => '?').join(', ')})`,
      ),
      updateTrace: db.prepare(
        `UPDATE traces SET ${TRACE_COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`,
      ),
      selectSpans: db.prepare(
        'SELECT * FROM spans WHERE trace_pk = ? AND span_id IN (SELECT value FROM json_each(?))',
      ),
      // Positional parameters in SPAN_COLUMNS order (spanValues): ~25% cheaper than binding by name.
      insertSpan: db.prepare(
        `INSERT INTO spans (${SPAN_COLUMNS.join(', ')}) VALUES (${SPAN_COLUMNS.map(() => '?').join(', ')})`,
      ),
      updateSpan: db.prepare(
        `UPDATE spans SET ${SPAN_COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`,
      ),
      selectRoot: db.prepare(
        `SELECT name, status, end_us, error_json FROM spans
         WHERE trace_pk = ? AND parent_span_id = '' ORDER BY start_us LIMIT 1`,
      ),
      selectSpanExtras: db.prepare(
        'SELECT attributes, links, input, output FROM span_payloads WHERE span_pk = ?',
      ),
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
      markSearch: db.prepare(
        `INSERT INTO search_pending (owner, fields) VALUES (?, ?)
         ON CONFLICT (owner) DO UPDATE SET fields = fields | excluded.fields`,
      ),
    };
    this.transaction = db.transaction((batches: readonly NormalizedBatch[]) => this.applyAll(batches));
  }

  /** Applies every batch in one transaction (group commit). */
  apply(batches: readonly NormalizedBatch[]): ChangeSet {
    const changes = this.transaction(batches);
    this.search.noteCommit(performance.now());
    return changes;
  }

  private applyAll(batches: readonly NormalizedBatch[]): ChangeSet {
    const nowUs = Date.now() * 1000;
    this.searchMarks.clear(); // in case an earlier transaction threw half-way
    const traces = new Map<string, TraceWork>();
    const work = (traceId: string): TraceWork => {
      let entry = traces.get(traceId);
      if (!entry) {
        const stored = this.stmt.selectTrace.get(traceId) as TraceRow | undefined;
        const row = stored ?? newTraceRow(traceId, nowUs);
        if (!stored) row.id = Number(this.stmt.insertTrace.run(...traceValues(row)).lastInsertRowid);
        entry = {
          row,
          isNew: !stored,
          nameBefore: row.name,
          sortBefore: row.sort_us,
          spanPks: [],
          newTags: [],
          newModels: [],
        };
        traces.set(traceId, entry);
      }
      return entry;
    };

    for (const batch of batches) {
      for (const patch of batch.traces) this.applyTrace(work(patch.traceId), patch);
    }
    for (const [traceId, patches] of spanPatchesByTrace(batches)) {
      const entry = work(traceId);
      const stored = entry.isNew ? new Map<string, SpanRow>() : this.storedSpans(entry.row.id, patches);
      for (const patch of patches) this.applySpan(entry, patch, stored.get(patch.spanId));
    }

    const changes: ChangeSet = { tracePks: [], spanPksByTrace: new Map() };
    for (const entry of traces.values()) {
      const { row } = entry;
      deriveNameAndStatus(row, this.stmt.selectRoot.get(row.id) as RootRow | undefined);
      row.updated_us = nowUs;
      this.stmt.updateTrace.run(...traceValues(row), row.id);
      if (row.name !== entry.nameBefore) this.markSearch(-row.id, FIELD_NAME);
      // A trace made by this transaction has nothing indexed yet: the indexer reads its key then.
      if (!entry.isNew && row.sort_us > entry.sortBefore) this.search.blocks.sortRaised(row.id, row.sort_us);
      for (const tag of entry.newTags) this.stmt.insertTag.run(tag, row.id);
      for (const model of entry.newModels) this.stmt.insertModel.run(model, row.id);
      changes.tracePks.push(row.id);
      if (entry.spanPks.length) changes.spanPksByTrace.set(row.trace_id, entry.spanPks);
    }
    for (const [owner, fields] of this.searchMarks) this.stmt.markSearch.run(owner, fields);
    this.searchMarks.clear();
    return changes;
  }

  private applyTrace(entry: TraceWork, patch: TracePatch): void {
    const { row } = entry;
    const tagsBefore = row.tags;
    applyTracePatch(row, patch);
    // A loop, not push(...tags): spreading 100,000 arguments overflows the stack.
    if (row.tags !== tagsBefore) for (const tag of patch.tags ?? []) entry.newTags.push(tag);
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
    this.markSearch(-row.id, (input ? FIELD_INPUT : 0) | (output ? FIELD_OUTPUT : 0));
    for (const event of patch.events ?? []) this.insertEvent(-row.id, event);
  }

  /** The stored rows of the patched spans of one trace, in one query. */
  private storedSpans(tracePk: number, patches: readonly SpanPatch[]): Map<string, SpanRow> {
    const ids = JSON.stringify(patches.map((p) => p.spanId));
    const rows = this.stmt.selectSpans.all(tracePk, ids) as SpanRow[];
    return new Map(rows.map((r) => [r.span_id, r]));
  }

  private applySpan(entry: TraceWork, patch: SpanPatch, stored: SpanRow | undefined): void {
    const trace = entry.row;
    const input = encodedInput(patch);
    const output = encodedOutput(patch);
    // A span new to the store is merged straight into a fresh row (no copy of an empty one).
    const row = stored
      ? mergeSpan(stored, patch, input, output, this.estimateCost)
      : mergeSpanInto(emptySpanRow(trace.id, patch.spanId), patch, input, output, this.estimateCost);
    const oldModel = stored ? stored.model : null;
    const oldName = stored ? stored.name : null;
    if (stored) this.stmt.updateSpan.run(...spanValues(row), row.id);
    else row.id = Number(this.stmt.insertSpan.run(...spanValues(row)).lastInsertRowid);

    addContribution(trace, contributionOf(row), stored ? contributionOf(stored) : NO_CONTRIBUTION);
    widenTimes(trace, row.start_us, row.end_us);
    if (row.model !== null && row.model !== oldModel) {
      entry.models ??= new Set(JSON.parse(trace.models) as string[]);
      if (!entry.models.has(row.model)) {
        entry.models.add(row.model);
        trace.models = JSON.stringify([...entry.models]);
        entry.newModels.push(row.model);
      }
    }
    this.writeSpanPayloads(row, stored !== undefined, patch, input, output);
    this.markSearch(
      row.id,
      (row.name !== null && row.name !== oldName ? FIELD_NAME : 0) |
        (input ? FIELD_INPUT : 0) |
        (output ? FIELD_OUTPUT : 0) |
        (patch.error !== undefined ? FIELD_ERROR : 0),
    );
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
    const hasAttributes = patch.attributes !== undefined || patch.encoded?.attributes !== undefined;
    if (hasAttributes || patch.links !== undefined) {
      const extras = existed
        ? (this.stmt.selectSpanExtras.get(row.id) as
            | { attributes: string | null; links: string | null; input: string | null; output: string | null }
            | undefined)
        : undefined;
      if (hasAttributes) {
        // Attributes stored once are rebuilt from the payloads stored with them before the merge:
        // the patch may bring another input or output.
        const stored =
          extras?.attributes != null
            ? rebuildAttributesJson(extras.attributes, extras.input, extras.output)
            : null;
        attributes = mergedAttributes(stored, patch);
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
  }

  /**
   * Records fields to re-index (see searchIndex.ts), written once per owner at the end of the
   * commit. Rows the indexer has not reached yet are indexed whole anyway: nothing to record.
   */
  private markSearch(owner: number, fields: number): void {
    if (fields && this.search.markChanged(owner)) {
      this.searchMarks.set(owner, (this.searchMarks.get(owner) ?? 0) | fields);
    }
  }

  private insertEvent(owner: number, event: SpanEventPatch): void {
    this.stmt.insertEvent.run(owner, event.timeUs, event.name, JSON.stringify(event.attributes ?? {}));
  }
}

/**
 * A span row's values in SPAN_COLUMNS order, read field by field: a literal list keeps property
 * access monomorphic, measurably faster than SPAN_COLUMNS.map((c) => row[c]) on the hot path.
 */
function spanValues(r: SpanRow) {
  return [
    r.trace_pk,
    r.span_id,
    r.parent_span_id,
    r.name,
    r.type,
    r.step_order,
    r.start_us,
    r.end_us,
    r.status,
    r.model,
    r.provider,
    r.prompt_tokens,
    r.completion_tokens,
    r.total_tokens,
    r.cost_usd,
    r.cost_source,
    r.ttft_ms,
    r.error_json,
    r.destructive,
    r.kind,
    r.input_preview,
    r.output_preview,
    r.input_bytes,
    r.output_bytes,
    r.cache_read_tokens,
    r.cache_write_tokens,
  ] as const;
}

/** A trace row's values in TRACE_COLUMNS order (see spanValues). */
function traceValues(r: TraceRow) {
  return [
    r.trace_id,
    r.name,
    r.explicit_name,
    r.service,
    r.status,
    r.explicit_status,
    r.ended,
    r.start_us,
    r.end_us,
    r.own_start_us,
    r.own_end_us,
    r.sort_us,
    r.span_count,
    r.error_count,
    r.open_count,
    r.prompt_tokens,
    r.completion_tokens,
    r.total_tokens,
    r.cost_usd,
    r.models,
    r.tags,
    r.session_id,
    r.user_id,
    r.sdk_dropped_spans,
    r.sdk_dropped_events,
    r.error_json,
    r.updated_us,
  ] as const;
}

/**
 * The attributes JSON to store: the patch's own when nothing is stored yet (already serialised
 * when it came from the OTLP decoder thread), else the stored object with the patch's keys merged in.
 */
function mergedAttributes(stored: string | null, patch: SpanPatch): string {
  if (stored === null) return patch.encoded?.attributes ?? JSON.stringify(patch.attributes);
  const incoming = withDecodedPayloads(patch).attributes!;
  return JSON.stringify({ ...(JSON.parse(stored) as Record<string, unknown>), ...incoming });
}

/** The span patches of the committed batches by trace, each span's patches folded in arrival order. */
function spanPatchesByTrace(batches: readonly NormalizedBatch[]): Map<string, SpanPatch[]> {
  const bySpan = new Map<string, Map<string, SpanPatch>>();
  /** Patches made here (combinePatches copies), which may be changed in place. */
  const owned = new WeakSet<SpanPatch>();
  for (const batch of batches) {
    for (const patch of batch.spans) {
      let spans = bySpan.get(patch.traceId);
      if (!spans) {
        spans = new Map();
        bySpan.set(patch.traceId, spans);
      }
      const earlier = spans.get(patch.spanId);
      if (!earlier) spans.set(patch.spanId, patch);
      else if (owned.has(earlier)) combineInto(earlier, patch);
      else {
        // The first repeat copies once; later repeats fold into that copy in place, so a span
        // patched 30,000 times in one request costs linear time, not a copy per repeat.
        const merged = combinePatches(earlier, patch);
        owned.add(merged);
        spans.set(patch.spanId, merged);
      }
    }
  }
  const byTrace = new Map<string, SpanPatch[]>();
  for (const [traceId, spans] of bySpan) byTrace.set(traceId, [...spans.values()]);
  return byTrace;
}
