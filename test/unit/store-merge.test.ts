// The pure rules under the store: merging span patches and deriving a trace's name and status.
import { describe, expect, it } from 'vitest';
import {
  combinePatches,
  contributionOf,
  emptySpanRow,
  mergeSpan,
  totalTokensOf,
} from '../../src/server/store/spanMerge.ts';
import { encodePayload, withDecodedPayloads, withEncodedPayloads } from '../../src/server/ingest/payload.ts';
import { deriveNameAndStatus, newTraceRow, type RootRow } from '../../src/server/store/traceState.ts';
import { ftsQuery } from '../../src/server/store/queries.ts';

const T = 'f'.repeat(32);
const S = '1'.repeat(16);

describe('mergeSpan', () => {
  it('never clears a stored field with an undefined one', () => {
    const first = mergeSpan(
      emptySpanRow(1, S),
      { traceId: T, spanId: S, name: 'a', type: 'llm', startUs: 5, model: 'm' },
      undefined,
      undefined,
      null,
    );
    const second = mergeSpan(first, { traceId: T, spanId: S, endUs: 9 }, undefined, undefined, null);
    expect(second).toMatchObject({ name: 'a', type: 'llm', start_us: 5, end_us: 9, model: 'm' });
  });

  it('keeps a reported cost over an estimate, and estimates when none was reported', () => {
    const estimate = () => 0.25;
    const estimated = mergeSpan(
      emptySpanRow(1, S),
      { traceId: T, spanId: S, model: 'm', promptTokens: 10 },
      undefined,
      undefined,
      estimate,
    );
    expect(estimated).toMatchObject({ cost_usd: 0.25, cost_source: 'estimated' });
    const reported = mergeSpan(
      estimated,
      { traceId: T, spanId: S, costUsd: 1 },
      undefined,
      undefined,
      estimate,
    );
    expect(reported).toMatchObject({ cost_usd: 1, cost_source: 'reported' });
    const later = mergeSpan(
      reported,
      { traceId: T, spanId: S, completionTokens: 5 },
      undefined,
      undefined,
      estimate,
    );
    expect(later).toMatchObject({ cost_usd: 1, cost_source: 'reported' });
    const unpriced = mergeSpan(
      emptySpanRow(1, S),
      { traceId: T, spanId: S, model: 'm', promptTokens: 1 },
      undefined,
      undefined,
      () => null,
    );
    expect(unpriced).toMatchObject({ cost_usd: null, cost_source: null });
  });

  it('tells a known root (empty string) from an unknown parent (null)', () => {
    expect(
      mergeSpan(emptySpanRow(1, S), { traceId: T, spanId: S, endUs: 1 }, undefined, undefined, null)
        .parent_span_id,
    ).toBeNull();
    expect(
      mergeSpan(emptySpanRow(1, S), { traceId: T, spanId: S, parentSpanId: null }, undefined, undefined, null)
        .parent_span_id,
    ).toBe('');
  });
});

describe('contributions', () => {
  it('counts tokens and cost only for model calls', () => {
    const row = { ...emptySpanRow(1, S), prompt_tokens: 3, completion_tokens: 4, cost_usd: 1, start_us: 1 };
    expect(contributionOf({ ...row, type: 'tool' })).toMatchObject({
      spans: 1,
      open: 1,
      totalTokens: 0,
      costUsd: 0,
    });
    expect(contributionOf({ ...row, type: 'embedding' })).toMatchObject({ totalTokens: 7, costUsd: 1 });
    expect(totalTokensOf({ prompt_tokens: null, completion_tokens: null, total_tokens: null })).toBeNull();
  });

  it('folds patches of one span in order', () => {
    const merged = combinePatches(
      {
        traceId: T,
        spanId: S,
        name: 'a',
        attributes: { x: 1 },
        events: [{ timeUs: 1, name: 'e', attributes: {} }],
      },
      {
        traceId: T,
        spanId: S,
        name: undefined,
        endUs: 3,
        attributes: { y: 2 },
        events: [{ timeUs: 2, name: 'f', attributes: {} }],
      },
    );
    expect(merged).toMatchObject({ name: 'a', endUs: 3, attributes: { x: 1, y: 2 } });
    expect(merged.events).toHaveLength(2);
  });

  it('folds a patch whose payloads arrived serialised (from the OTLP decoder thread) key by key too', () => {
    const first = withEncodedPayloads({
      traceId: T,
      spanId: S,
      input: [{ role: 'user' }],
      attributes: { x: 1, y: 1 },
    });
    expect(first.attributes).toBeUndefined();
    const merged = combinePatches(first, { traceId: T, spanId: S, output: 'done', attributes: { y: 2 } });
    expect(merged).toMatchObject({ input: [{ role: 'user' }], output: 'done', attributes: { x: 1, y: 2 } });
    expect(merged.encoded).toBeUndefined();
  });
});

describe('payload encoding', () => {
  it('previews strings as text and others as JSON, cut at 200 characters', () => {
    expect(encodePayload('hello').preview).toBe('hello');
    expect(encodePayload({ a: 1 }).preview).toBe('{"a":1}');
    expect(encodePayload('y'.repeat(500)).preview).toHaveLength(201);
    expect(encodePayload(undefined).json).toBe('null');
  });

  it('moves input, output and attributes into `encoded` and back without loss', () => {
    const patch = {
      traceId: T,
      spanId: S,
      name: 'chat',
      input: 'hi',
      output: { text: 'ok' },
      attributes: { 'a.b': [1, 'x'] },
    };
    const encoded = withEncodedPayloads(patch);
    expect(encoded).toEqual({
      traceId: T,
      spanId: S,
      name: 'chat',
      encoded: {
        input: encodePayload('hi'),
        output: encodePayload({ text: 'ok' }),
        attributes: '{"a.b":[1,"x"]}',
      },
    });
    expect(withDecodedPayloads(encoded)).toEqual(patch);
    const bare = { traceId: T, spanId: S, endUs: 5 };
    expect(withEncodedPayloads(bare)).toBe(bare);
  });
});

describe('deriveNameAndStatus', () => {
  const root = (over: Partial<RootRow> = {}): RootRow => ({
    name: 'root',
    status: null,
    end_us: 10,
    error_json: null,
    ...over,
  });
  const row = (over: Partial<ReturnType<typeof newTraceRow>> = {}) => ({ ...newTraceRow(T, 0), ...over });

  it.each([
    ['no root yet', row(), undefined, 'running'],
    ['root ended, nothing open', row(), root(), 'success'],
    ['root ended, a child open', row({ open_count: 1 }), root(), 'running'],
    ['root not ended', row(), root({ end_us: null }), 'running'],
    ['root failed', row(), root({ status: 'error' }), 'error'],
    ['ended, no root, no error', row({ ended: 1 }), undefined, 'success'],
    ['ended with an error', row({ ended: 1, error_json: '{}' }), undefined, 'error'],
    ['explicit status wins', row({ explicit_status: 'success' }), root({ status: 'error' }), 'success'],
  ] as const)('%s → %s', (_label, trace, rootRow, status) => {
    const copy = { ...trace };
    deriveNameAndStatus(copy, rootRow);
    expect(copy.status).toBe(status);
  });

  it('names from the explicit name, the root, the service, then the id', () => {
    const named = (over: Partial<ReturnType<typeof newTraceRow>>, r?: RootRow) => {
      const copy = row(over);
      deriveNameAndStatus(copy, r);
      return copy.name;
    };
    expect(named({ explicit_name: 'x', service: 's' }, root())).toBe('x');
    expect(named({ service: 's' }, root())).toBe('root');
    expect(named({ service: 's' })).toBe('s');
    expect(named({})).toBe('trace ffffffff');
  });
});

describe('ftsQuery', () => {
  it('quotes words so operators and punctuation are plain text', () => {
    expect(ftsQuery('hello world')).toBe('"hello"* AND "world"*');
    expect(ftsQuery('a "b" OR (c)')).toBe('"a"* AND "b"* AND "OR"* AND "c"*');
    expect(ftsQuery('   !!! ')).toBeNull();
  });

  it('cuts Chinese and Japanese words into the pairs of characters they are indexed by', () => {
    expect(ftsQuery('天气')).toBe('"天气"');
    expect(ftsQuery('天气预报 today')).toBe('"天气" AND "气预" AND "预报" AND "today"*');
    // One character is a prefix (of a pair, or of a run's last character, indexed alone).
    expect(ftsQuery('天')).toBe('"天"*');
    // Letters next to a run are a word of their own, as in the indexed text.
    expect(ftsQuery('GPT模型v2')).toBe('"GPT"* AND "模型" AND "v2"*');
    expect(ftsQuery('東京に行きます')).toBe('"東京" AND "京に" AND "に行" AND "行き" AND "きま" AND "ます"');
    expect(ftsQuery('哈哈哈')).toBe('"哈哈"');
    // Korean puts spaces between words: a word is a prefix, as Latin words are.
    expect(ftsQuery('날씨')).toBe('"날씨"*');
  });
});
