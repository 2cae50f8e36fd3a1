// The columnar trace skeleton: GET /api/traces/:traceId?format=columns (docs/protocol.md).
// The default answer repeats every key, null and id-sized timestamp for each span: ~540–930
// bytes a span, 54–93 MB at 100,000 spans, which the browser then has to parse. Here each field
// is one array over the spans (same order as the default answer), strings that repeat are
// dictionary-encoded and times are integer microseconds from `timeBaseUs`, so the answer is a
// fraction of the size and parses in a fraction of the time. Payload previews are left out
// (they were most of the bytes). The rows come in parts, each a line of the answer, so a reader
// uses each part as it arrives. decodeTraceColumns / decodeColumnsPart turn them back into the
// spans the default answer carries, with null previews.
import type { RunStatus, Span, SpanError, SpanType, TraceDetail } from './types.ts';

/** Media type that asks for (and labels) the columnar answer, as an alternative to ?format=columns. */
export const TRACE_COLUMNS_MEDIA_TYPE = 'application/vnd.spyglass.columns+json';

/** A string column with few distinct values: row i holds dict[index[i]]. */
export interface DictColumn<T extends string | null = string | null> {
  dict: T[];
  index: number[];
}

export interface TraceColumns {
  spanId: string[];
  parentSpanId: DictColumn;
  name: DictColumn<string>;
  type: DictColumn<SpanType>;
  stepOrder: (number | null)[];
  /** Integer microseconds from `timeBaseUs` (null: not known / still running). */
  startUs: (number | null)[];
  endUs: (number | null)[];
  status: DictColumn<RunStatus>;
  model: DictColumn;
  provider: DictColumn;
  promptTokens: (number | null)[];
  completionTokens: (number | null)[];
  totalTokens: (number | null)[];
  costUsd: (number | null)[];
  costSource: DictColumn;
  error: (SpanError | null)[];
  /** 1 or 0. */
  destructive: number[];
  timeToFirstTokenMs: (number | null)[];
  kind: DictColumn;
  inputBytes: number[];
  outputBytes: number[];
}

/** What the answer says before its rows: the trace, how many spans follow and their time base. */
export interface TraceColumnsHead {
  trace: TraceDetail;
  spanCount: number;
  /** Epoch microseconds that startUs/endUs count from (an integer; the trace's start when known). */
  timeBaseUs: number;
}

/** Rows [from, from + spanId.length) of the trace, with their own dictionaries. */
export interface TraceColumnsPart {
  from: number;
  columns: TraceColumns;
}

/**
 * The whole answer. On the wire the head is the first line and each part is a line of its own,
 * so a reader can parse and use each part as it arrives (docs/protocol.md).
 */
export interface TraceColumnsAnswer extends TraceColumnsHead {
  parts: TraceColumnsPart[];
}

/** A span as the default answer carries it: the Span shape plus the cost's provenance. */
export type DecodedSpan = Span & { costSource: string | null };

/**
 * The spans of a columnar answer, field for field what the default answer holds. Times are
 * rebuilt from integers exactly as SQLite computes them for the default answer (µs / 1000), so
 * the doubles are identical. One tight loop; objects share one shape (keys in one order).
 */
export function decodeTraceColumns(answer: TraceColumnsAnswer): DecodedSpan[] {
  const spans = new Array<DecodedSpan>(answer.spanCount);
  for (const part of answer.parts) decodeColumnsPart(answer, part, spans);
  return spans;
}

/**
 * Decodes rows [from, to) of `part` (by default all of them) into `spans` at the part's place
 * (`part.from` + row): a part can be decoded a slice at a time, giving the thread back in between.
 */
export function decodeColumnsPart(
  head: TraceColumnsHead,
  part: TraceColumnsPart,
  spans: DecodedSpan[],
  from = 0,
  to = part.columns.spanId.length,
): void {
  const at = part.from;
  const c = part.columns;
  const base = head.timeBaseUs;
  const traceId = head.trace.traceId;
  const parent = c.parentSpanId.dict,
    parentIx = c.parentSpanId.index;
  const name = c.name.dict,
    nameIx = c.name.index;
  const type = c.type.dict,
    typeIx = c.type.index;
  const status = c.status.dict,
    statusIx = c.status.index;
  const model = c.model.dict,
    modelIx = c.model.index;
  const provider = c.provider.dict,
    providerIx = c.provider.index;
  const costSource = c.costSource.dict,
    costSourceIx = c.costSource.index;
  const kind = c.kind.dict,
    kindIx = c.kind.index;
  for (let i = from; i < to; i++) {
    const s = c.startUs[i] as number | null;
    const e = c.endUs[i] as number | null;
    spans[at + i] = {
      spanId: c.spanId[i]!,
      traceId,
      parentSpanId: parent[parentIx[i]!]!,
      name: name[nameIx[i]!]!,
      type: type[typeIx[i]!]!,
      stepOrder: c.stepOrder[i]!,
      startTime: s === null ? null : (base + s) / 1000,
      endTime: e === null ? null : (base + e) / 1000,
      durationMs: s === null || e === null ? null : (e - s) / 1000,
      status: status[statusIx[i]!]!,
      model: model[modelIx[i]!]!,
      provider: provider[providerIx[i]!]!,
      promptTokens: c.promptTokens[i]!,
      completionTokens: c.completionTokens[i]!,
      totalTokens: c.totalTokens[i]!,
      costUsd: c.costUsd[i]!,
      costSource: costSource[costSourceIx[i]!]!,
      error: c.error[i]!,
      destructive: c.destructive[i] === 1,
      // Not in the skeleton (server/store/traceColumns.ts): fetched with the span when shown.
      inputPreview: null,
      outputPreview: null,
      timeToFirstTokenMs: c.timeToFirstTokenMs[i]!,
      kind: kind[kindIx[i]!]!,
      inputBytes: c.inputBytes[i]!,
      outputBytes: c.outputBytes[i]!,
    };
  }
}
