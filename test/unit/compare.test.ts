import { describe, expect, it } from 'vitest';
import { alignRuns, summarizeComparison, type Comparison } from '../../src/shared/compare/index.ts';
import { agent, baselineSteps, buildRun, llm, tool } from './compareRuns.ts';

const kinds = (c: Comparison) =>
  c.pairs.map((p) => `${p.kind}:${p.a?.span.name ?? '-'}/${p.b?.span.name ?? '-'}`);

describe('alignRuns on realistic agent runs', () => {
  it('matches identical runs step for step, with no divergence', () => {
    const a = buildRun(agent(baselineSteps()));
    const b = buildRun(agent(baselineSteps()), 1_700_000_500_000);
    const c = alignRuns(a, b);
    expect(kinds(c)).toEqual([
      'same:support-agent/support-agent',
      'same:plan/plan',
      'same:search_docs/search_docs',
      'same:lookup_order/lookup_order',
      'same:answer/answer',
    ]);
    expect(c.firstDivergence).toBeNull();
    expect(c.method).toBe('full');
    expect(c.pairs[1]!.diffs.totalTokens).toEqual({ a: 150, b: 150, delta: 0 });
    expect(summarizeComparison(c).text).toBe('same steps, same tokens, same duration');
  });

  it('marks an inserted tool call and where the runs diverge', () => {
    const steps = baselineSteps();
    const extra = tool('check_refund_policy', { region: 'EU' }, 'Refunds after 14 days.', 2300);
    const b = buildRun(agent([...steps.slice(0, 3), extra, steps[3]!]));
    const c = alignRuns(buildRun(agent(baselineSteps())), b);
    expect(kinds(c)).toEqual([
      'same:support-agent/support-agent',
      'same:plan/plan',
      'same:search_docs/search_docs',
      'same:lookup_order/lookup_order',
      'inserted:-/check_refund_policy',
      'same:answer/answer',
    ]);
    // The root agent's duration changed but latency never makes a step "changed".
    expect(c.firstDivergence).toBe(4);
    const summary = summarizeComparison(c);
    expect(summary.inserted).toBe(1);
    expect(summary.text).toBe('1 more tool call, same tokens, slower by 2.3 s');
  });

  it('shows a changed prompt as a word diff of the prompt, with token and cost deltas', () => {
    const steps = baselineSteps();
    steps[0] = llm(
      'plan',
      'My order #1042 has not arrived and I want a refund',
      'I will check the refund policy.',
      [169, 30],
    );
    const c = alignRuns(buildRun(agent(baselineSteps())), buildRun(agent(steps)));
    const plan = c.pairs[1]!;
    expect(plan.kind).toBe('changed');
    expect(c.firstDivergence).toBe(1);
    expect(plan.diffs.input?.label).toBe('prompt');
    const inserted = plan.diffs.input!.diff.ops.filter((o) => o.op === 'insert').map((o) => o.text);
    expect(inserted.join('')).toBe(' and I want a refund');
    expect(plan.diffs.input!.diff.ops.filter((o) => o.op === 'delete')).toEqual([]);
    expect(plan.diffs.output?.diff.ops.map((o) => o.op)).toContain('delete');
    expect(plan.diffs.promptTokens).toEqual({ a: 120, b: 169, delta: 49 });
    expect(plan.diffs.costUsd.delta).toBeCloseTo((49 * 2.5) / 1e6, 12);
    // 199 against 190 baseline tokens... of 490 in all: +10%.
    expect(summarizeComparison(c).text).toBe('1 step changed, +10% tokens, same duration');
  });

  it('marks a removed step and counts it in the summary', () => {
    const steps = baselineSteps();
    const c = alignRuns(buildRun(agent(baselineSteps())), buildRun(agent([steps[0]!, steps[2]!, steps[3]!])));
    expect(kinds(c)).toEqual([
      'same:support-agent/support-agent',
      'same:plan/plan',
      'removed:search_docs/-',
      'same:lookup_order/lookup_order',
      'same:answer/answer',
    ]);
    expect(c.firstDivergence).toBe(2);
    expect(c.pairs[2]!.diffs.latencyMs).toEqual({ a: 51, b: null, delta: null });
    expect(summarizeComparison(c).text).toBe('1 fewer tool call, same tokens, faster by 51 ms');
  });

  it('pairs a renamed step as changed instead of removed plus inserted', () => {
    const steps = baselineSteps();
    steps[1] = tool('search_documents', { query: 'shipping delays' }, ['Orders ship within 3 days.']);
    const c = alignRuns(buildRun(agent(baselineSteps())), buildRun(agent(steps)));
    expect(kinds(c)[2]).toBe('changed:search_docs/search_documents');
    expect(c.pairs[2]!.diffs.name).toEqual({ a: 'search_docs', b: 'search_documents' });
    expect(c.pairs[2]!.diffs.input).toBeUndefined();
  });

  it('never pairs steps of different types, however alike their names', () => {
    const steps = baselineSteps();
    steps[1] = { ...tool('search_docs', { query: 'x' }, []), type: 'retrieval' };
    const c = alignRuns(buildRun(agent(baselineSteps())), buildRun(agent(steps)));
    expect(kinds(c).slice(2, 4)).toEqual(['removed:search_docs/-', 'inserted:-/search_docs']);
    expect(summarizeComparison(c).text).toContain('1 fewer tool call, 1 more retrieval');
  });

  it('compares tool arguments and outputs for a tool step', () => {
    const steps = baselineSteps();
    steps[2] = tool('lookup_order', { orderId: 1043 }, { status: 'delivered', carrier: 'UPS' });
    const c = alignRuns(buildRun(agent(baselineSteps())), buildRun(agent(steps)));
    const lookup = c.pairs[3]!;
    expect(lookup.kind).toBe('changed');
    expect(lookup.diffs.input?.label).toBe('arguments');
    expect(lookup.diffs.input!.diff.ops.filter((o) => o.op !== 'equal').map((o) => o.text)).toEqual([
      '1042',
      '1043',
    ]);
    expect(lookup.diffs.output?.a).toContain('in transit');
  });

  it('falls back to previews when payloads were not loaded', () => {
    const strip = (spans: ReturnType<typeof buildRun>, preview: string) =>
      spans.map(({ input: _i, output: _o, ...rest }) => ({
        ...rest,
        outputPreview: rest.name === 'answer' ? preview : null,
      }));
    const c = alignRuns(
      strip(buildRun(agent(baselineSteps())), 'In transit.'),
      strip(buildRun(agent(baselineSteps())), 'Delivered.'),
    );
    expect(c.pairs[4]!.kind).toBe('changed');
    expect(c.pairs[4]!.diffs.output).toMatchObject({ a: 'In transit.', b: 'Delivered.' });
  });

  it('orders siblings by stepOrder when all have one, whatever their start times', () => {
    const a = buildRun(agent(baselineSteps()));
    const b = buildRun(agent(baselineSteps())).map((s) =>
      s.name === 'search_docs' ? { ...s, startTime: s.startTime! + 5000 } : s,
    );
    const c = alignRuns(a, b);
    expect(c.firstDivergence).toBeNull();
  });
});
