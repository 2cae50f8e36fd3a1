// The compare view's display helpers over src/shared/compare results: side-by-side segments,
// folding of long unchanged text, deltas, and change navigation.
import { describe, expect, it } from 'vitest';
import { alignRuns, diffText, type StepInput } from '../../src/shared/compare/index.ts';
import { describeDelta, diffSides, foldUnchanged } from '../../src/renderer/src/model/diffView.ts';
import {
  changeIndices,
  changeSummary,
  initialPair,
  nextChange,
} from '../../src/renderer/src/model/compareView.ts';
import { traceOrigin } from '../../src/renderer/src/components/TraceOrigin.tsx';
import { makeSpan } from '../../bench/fixtures/spans.ts';

describe('diffSides', () => {
  it('puts deletions on A and insertions on B, each side rebuilding its own text', () => {
    const a = 'the quick brown fox jumps';
    const b = 'the slow brown fox leaps high';
    const { a: left, b: right } = diffSides(diffText(a, b).ops);
    expect(left.map((s) => s.text).join('')).toBe(a);
    expect(right.map((s) => s.text).join('')).toBe(b);
    expect(left.filter((s) => s.kind === 'delete').map((s) => s.text)).toEqual(['quick', 'jumps']);
    expect(right.filter((s) => s.kind === 'insert').map((s) => s.text.trim())).toEqual([
      'slow',
      'leaps high',
    ]);
    // Adjacent segments of one kind are merged.
    for (const side of [left, right])
      for (let i = 1; i < side.length; i++) expect(side[i]!.kind).not.toBe(side[i - 1]!.kind);
  });
});

describe('foldUnchanged', () => {
  it('folds long unchanged text, keeping context next to each change and the text itself', () => {
    const head = 'x'.repeat(5000);
    const segments = foldUnchanged([
      { kind: 'equal', text: head },
      { kind: 'delete', text: 'old' },
      { kind: 'equal', text: 'y'.repeat(3000) },
      { kind: 'delete', text: 'gone' },
    ]);
    expect(segments.map((s) => s.kind)).toEqual([
      'fold',
      'equal',
      'delete',
      'equal',
      'fold',
      'equal',
      'delete',
    ]);
    expect(segments[1]!.text).toHaveLength(160);
    expect(segments.map((s) => s.text).join('')).toBe(`${head}old${'y'.repeat(3000)}gone`);
  });

  it('leaves short unchanged text alone', () => {
    const segments = [
      { kind: 'equal' as const, text: 'short' },
      { kind: 'insert' as const, text: 'new' },
    ];
    expect(foldUnchanged(segments)).toEqual(segments);
  });
});

describe('describeDelta', () => {
  const n = (v: number) => String(v);
  it('says more is worse, less is better, with a percentage when there is a base', () => {
    expect(describeDelta(100, 141, n)).toEqual({ text: '+41 (+41%)', tone: 'worse' });
    expect(describeDelta(200, 190, n)).toEqual({ text: '−10 (−5%)', tone: 'better' });
    expect(describeDelta(1000, 1003, n)).toEqual({ text: '+3 (+<1%)', tone: 'worse' });
    expect(describeDelta(0, 5, n)).toEqual({ text: '+5', tone: 'worse' });
    expect(describeDelta(7, 7, n)).toEqual({ text: 'same', tone: 'same' });
    expect(describeDelta(null, 7, n)).toEqual({ text: '—', tone: 'unknown' });
  });
});

const span = (id: string, name: string, stepOrder: number, extra: Partial<StepInput> = {}): StepInput => ({
  ...makeSpan({
    spanId: id,
    traceId: 't',
    parentSpanId: id === 'root' ? null : 'root',
    name,
    type: 'tool',
    stepOrder,
    startTime: stepOrder,
    endTime: stepOrder + 1,
  }),
  ...extra,
});

describe('change navigation', () => {
  const a = [
    span('root', 'agent', 0, { type: 'agent' }),
    span('1', 'search', 1, { input: { q: 'a' } }),
    span('2', 'save', 2),
    span('3', 'mail', 3),
  ];
  const b = [
    span('root', 'agent', 0, { type: 'agent' }),
    span('1', 'search', 1, { input: { q: 'b' } }),
    span('2', 'save', 2),
  ];
  const comparison = alignRuns(a, b);

  it('stops at every pair that is not the same, wrapping round', () => {
    const changes = changeIndices(comparison);
    expect(changes).toEqual([1, 3]);
    expect(initialPair(comparison)).toBe(1);
    expect(nextChange(changes, 1, 1)).toBe(3);
    expect(nextChange(changes, 3, 1)).toBe(1);
    expect(nextChange(changes, 1, -1)).toBe(3);
    expect(nextChange([], 0, 1)).toBeNull();
  });

  it('summarises what changed in a pair', () => {
    expect(changeSummary(comparison.pairs[1]!)).toBe('arguments');
    expect(changeSummary(comparison.pairs[3]!)).toBe('only in run A');
    expect(changeSummary(comparison.pairs[0]!)).toBe('no differences');
  });
});

describe('traceOrigin', () => {
  it('reads replayOf and forkOf links, ignoring malformed ones', () => {
    expect(traceOrigin({ replayOf: { traceId: 'a', spanId: 'b' } })).toEqual({
      kind: 'Re-run',
      traceId: 'a',
      spanId: 'b',
    });
    expect(traceOrigin({ forkOf: { traceId: 'a', spanId: 'b', forkId: 'f' } })).toEqual({
      kind: 'Fork',
      traceId: 'a',
      spanId: 'b',
    });
    expect(traceOrigin({ replayOf: { traceId: 1 } })).toBeNull();
    expect(traceOrigin(undefined)).toBeNull();
  });
});
