import { describe, expect, it } from 'vitest';
import { alignRuns, summarizeComparison, type StepInput } from '../../src/shared/compare/index.ts';
import type { SpanType } from '../../src/shared/types.ts';

/** A long agent loop: llm → tool → llm → tool …, flat under one root or chained `depth`-deep. */
function longRun(
  count: number,
  options: { chain?: boolean; skip?: Set<number>; extra?: Set<number> } = {},
): StepInput[] {
  const spans: StepInput[] = [];
  const add = (id: string, parent: string | null, name: string, type: SpanType, order: number) => {
    spans.push({
      spanId: id,
      traceId: 't'.repeat(32),
      parentSpanId: parent,
      name,
      type,
      stepOrder: order,
      startTime: 1_700_000_000_000 + order,
      endTime: 1_700_000_000_000 + order + 1,
      durationMs: 1,
      status: 'success',
      model: type === 'llm' ? 'gpt-4o-mini' : null,
      provider: null,
      promptTokens: type === 'llm' ? 10 : null,
      completionTokens: type === 'llm' ? 5 : null,
      totalTokens: type === 'llm' ? 15 : null,
      costUsd: null,
      error: null,
      destructive: false,
      inputPreview: `input of ${name} ${id.length % 3}`,
      outputPreview: null,
      timeToFirstTokenMs: null,
      kind: null,
      inputBytes: 0,
      outputBytes: 0,
    });
  };
  add('root', null, 'loop', 'agent', 0);
  let parent = 'root';
  let order = 1;
  for (let i = 0; i < count; i++) {
    if (options.skip?.has(i)) continue;
    const id = `s${i}`;
    add(id, parent, i % 2 ? `tool_${i % 5}` : 'think', i % 2 ? 'tool' : 'llm', order++);
    if (options.extra?.has(i)) add(`x${i}`, parent, 'extra_tool', 'tool', order++);
    if (options.chain) parent = id;
  }
  return spans;
}

describe('alignRuns at scale', () => {
  it('flattens a 10,000-deep chain without recursion', () => {
    const run = longRun(10_000, { chain: true });
    const c = alignRuns(run, run);
    expect(c.stepsA).toBe(10_001);
    expect(c.pairs.every((p) => p.kind === 'same')).toBe(true);
    expect(c.pairs[10_000]!.a!.depth).toBe(10_000);
  });

  it('aligns 10,000-step runs with scattered edits using the banded table', () => {
    const skip = new Set([100, 2501, 5000, 9000]);
    const extra = new Set([40, 3000, 7777]);
    const a = longRun(10_000);
    const b = longRun(10_000, { skip, extra });
    // The edits sit right after a shared prefix and before a shared suffix, so the middle is
    // still ~9,900 × 9,900 steps: more than the full table allows.
    const c = alignRuns(a, b);
    expect(c.method).toBe('banded');
    const removed = c.pairs.filter((p) => p.kind === 'removed').map((p) => p.a!.span.spanId);
    const inserted = c.pairs.filter((p) => p.kind === 'inserted').map((p) => p.b!.span.spanId);
    expect(removed.sort()).toEqual(['s100', 's2501', 's5000', 's9000']);
    expect(inserted.sort()).toEqual(['x3000', 'x40', 'x7777']);
    expect(c.pairs.filter((p) => p.kind === 'changed').length).toBe(0);
    expect(summarizeComparison(c).text).toBe(
      '3 fewer LLM calls, 2 more tool calls, -45 tokens, faster by 1 ms',
    );
  });

  it('gives the same answer banded as full when the edits fit the band', () => {
    const a = longRun(600);
    const b = longRun(600, { skip: new Set([10, 300]), extra: new Set([200, 590]) });
    const full = alignRuns(a, b);
    const banded = alignRuns(a, b, { maxCells: 20_000 });
    expect(full.method).toBe('full');
    expect(banded.method).toBe('banded');
    const shape = (c: typeof full) => c.pairs.map((p) => `${p.kind}:${p.a?.span.spanId}:${p.b?.span.spanId}`);
    expect(shape(banded)).toEqual(shape(full));
  });
});
