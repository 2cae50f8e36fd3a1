// decodeTraceColumns (src/shared/traceColumns.ts) and the server's dictionary encoder: times are
// rebuilt exactly as SQLite computes them for the default answer, dictionaries and nulls resolve.
import { describe, expect, it } from 'vitest';
import {
  type DecodedSpan,
  type DictColumn,
  decodeColumnsPart,
  decodeTraceColumns,
  type TraceColumns,
  type TraceColumnsAnswer,
  type TraceColumnsPart,
} from '../../src/shared/traceColumns.ts';
import type { TraceDetail } from '../../src/shared/types.ts';
import { dictEncode } from '../../src/server/store/traceColumns.ts';

const BASE_US = 1_767_225_600_123_456; // 2026-01-01T00:00:00.123456Z

function answer(): TraceColumnsAnswer {
  return {
    trace: { traceId: 'ab'.repeat(16) } as TraceDetail,
    spanCount: 3,
    timeBaseUs: BASE_US,
    parts: [{ from: 0, columns: COLUMNS }],
  };
}

const COLUMNS: TraceColumns = {
  spanId: ['0000000000000001', '0000000000000002', '0000000000000003'],
  parentSpanId: { dict: [null, '0000000000000001', '00000000000000ff'], index: [0, 1, 2] },
  name: { dict: ['agent', 'chat 💬'], index: [0, 1, 1] },
  type: { dict: ['agent', 'llm'], index: [0, 1, 1] },
  stepOrder: [null, 2, null],
  startUs: [0, 1_001, null],
  endUs: [80_000_333, null, 5],
  status: { dict: ['success', 'running', 'error'], index: [0, 1, 2] },
  model: { dict: [null, 'gpt-4o'], index: [0, 1, 1] },
  provider: { dict: [null, 'openai'], index: [0, 1, 0] },
  promptTokens: [null, 120, null],
  completionTokens: [null, 7, null],
  totalTokens: [null, 127, null],
  costUsd: [null, 0.00042, null],
  costSource: { dict: [null, 'estimated'], index: [0, 1, 0] },
  error: [null, null, { message: 'boom — 爆', type: null, stack: null }],
  destructive: [0, 1, 0],
  timeToFirstTokenMs: [null, 12.5, null],
  kind: { dict: [null, 'client'], index: [0, 1, 0] },
  inputBytes: [10, 0, 2],
  outputBytes: [0, 0, 3],
};

describe('decodeTraceColumns', () => {
  it('rebuilds each span, times as SQLite computes them (µs / 1000)', () => {
    const [root, chat, odd] = decodeTraceColumns(answer());
    expect(root).toEqual({
      spanId: '0000000000000001',
      traceId: 'ab'.repeat(16),
      parentSpanId: null,
      name: 'agent',
      type: 'agent',
      stepOrder: null,
      startTime: BASE_US / 1000,
      endTime: (BASE_US + 80_000_333) / 1000,
      durationMs: 80_000.333,
      status: 'success',
      model: null,
      provider: null,
      promptTokens: null,
      completionTokens: null,
      totalTokens: null,
      costUsd: null,
      costSource: null,
      error: null,
      destructive: false,
      inputPreview: null,
      outputPreview: null,
      timeToFirstTokenMs: null,
      kind: null,
      inputBytes: 10,
      outputBytes: 0,
    });
    expect(chat).toMatchObject({
      name: 'chat 💬',
      status: 'running',
      endTime: null,
      durationMs: null,
      model: 'gpt-4o',
      provider: 'openai',
      destructive: true,
      costSource: 'estimated',
      kind: 'client',
    });
    // Known only by its end: no start, so no duration either.
    expect(odd).toMatchObject({
      startTime: null,
      endTime: (BASE_US + 5) / 1000,
      durationMs: null,
      status: 'error',
      parentSpanId: '00000000000000ff',
    });
    expect(odd!.error).toEqual({ message: 'boom — 爆', type: null, stack: null });
  });
});

/** Rows [from, to) of COLUMNS as a part of their own, with its own dictionaries (as the collector sends). */
function partOf(from: number, to: number): TraceColumnsPart {
  const columns = {} as Record<string, unknown>;
  for (const [key, column] of Object.entries(COLUMNS)) {
    columns[key] = Array.isArray(column)
      ? column.slice(from, to)
      : dictEncode((column as DictColumn).index.slice(from, to).map((k) => (column as DictColumn).dict[k]!));
  }
  return { from, columns: columns as unknown as TraceColumns };
}

describe('decodeColumnsPart', () => {
  it('parts with their own dictionaries, decoded in any order and in slices, give the same spans as one part', () => {
    const whole = decodeTraceColumns(answer());
    const split: TraceColumnsAnswer = { ...answer(), parts: [partOf(0, 2), partOf(2, 3)] };
    // The second part's dictionaries are its own: 'error' is its status 0, not 'success'.
    expect(split.parts[1]!.columns.status).toEqual({ dict: ['error'], index: [0] });
    expect(decodeTraceColumns(split)).toEqual(whole);
    const spans = new Array<DecodedSpan>(3);
    // Last part first, then the first part a row at a time: each row lands at from + row.
    decodeColumnsPart(split, structuredClone(split.parts[1]!), spans);
    decodeColumnsPart(split, split.parts[0]!, spans, 1, 2);
    decodeColumnsPart(split, split.parts[0]!, spans, 0, 1);
    expect(spans).toEqual(whole);
  });
});

describe('dictEncode', () => {
  it('lists each value once, first appearance first, nulls included', () => {
    expect(dictEncode(['b', null, 'a', 'b', null])).toEqual({
      dict: ['b', null, 'a'],
      index: [0, 1, 2, 0, 1],
    });
    expect(dictEncode([])).toEqual({ dict: [], index: [] });
  });
});
