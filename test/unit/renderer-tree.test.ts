import { describe, expect, it } from 'vitest';
import { hugeTrace } from '../../bench/fixtures/hugeTrace.ts';
import { makeSpan } from '../../bench/fixtures/spans.ts';
import { runSliced } from '../../src/renderer/src/lib/slicedTask.ts';
import {
  ancestorIds,
  buildTraceTree,
  buildTraceTreeSliced,
  NO_COLLAPSE,
  visibleRows,
} from '../../src/renderer/src/model/traceTree.ts';

const ids = (nodes: readonly { span: { spanId: string } }[]) => nodes.map((n) => n.span.spanId);

describe('buildTraceTree', () => {
  it('nests children under parents with depth, subtree sizes and time bounds', () => {
    const tree = buildTraceTree([
      makeSpan({ spanId: 'c', parentSpanId: 'a', startTime: 30, endTime: 40 }),
      makeSpan({ spanId: 'a', startTime: 0, endTime: 100 }),
      makeSpan({ spanId: 'b', parentSpanId: 'a', startTime: 10, endTime: 20 }),
      makeSpan({ spanId: 'd', parentSpanId: 'b', startTime: 12, endTime: 130 }),
    ]);
    expect(ids(tree.roots)).toEqual(['a']);
    const a = tree.byId.get('a')!;
    expect(ids(a.children)).toEqual(['b', 'c']);
    expect(tree.byId.get('d')!.depth).toBe(2);
    expect(tree.byId.get('d')!.parent!.span.spanId).toBe('b');
    expect(a.subtreeSize).toBe(4);
    expect(tree.byId.get('b')!.subtreeSize).toBe(2);
    expect(tree.startTime).toBe(0);
    expect(tree.endTime).toBe(130);
    expect(tree.orphanIds.size).toBe(0);
    expect(tree.cycleIds.size).toBe(0);
  });

  it('orders siblings by stepOrder when all have one, else start time, then id', () => {
    const stepped = buildTraceTree([
      makeSpan({ spanId: 'root', startTime: 0 }),
      makeSpan({ spanId: 'late-step-1', parentSpanId: 'root', stepOrder: 1, startTime: 50 }),
      makeSpan({ spanId: 'early-step-2', parentSpanId: 'root', stepOrder: 2, startTime: 5 }),
    ]);
    expect(ids(stepped.byId.get('root')!.children)).toEqual(['late-step-1', 'early-step-2']);

    const mixed = buildTraceTree([
      makeSpan({ spanId: 'root', startTime: 0 }),
      makeSpan({ spanId: 'late-step-1', parentSpanId: 'root', stepOrder: 1, startTime: 50 }),
      makeSpan({ spanId: 'early-step-2', parentSpanId: 'root', stepOrder: 2, startTime: 5 }),
      makeSpan({ spanId: 'z', parentSpanId: 'root', startTime: 7 }),
      makeSpan({ spanId: 'y', parentSpanId: 'root', startTime: 7 }),
    ]);
    expect(ids(mixed.byId.get('root')!.children)).toEqual(['early-step-2', 'y', 'z', 'late-step-1']);
  });

  it('shows spans with a missing parent as marked roots', () => {
    const tree = buildTraceTree([
      makeSpan({ spanId: 'root', startTime: 0 }),
      makeSpan({ spanId: 'lost', parentSpanId: 'never-arrived', startTime: 5 }),
      makeSpan({ spanId: 'lost-child', parentSpanId: 'lost', startTime: 6 }),
    ]);
    expect(ids(tree.roots)).toEqual(['root', 'lost']);
    expect([...tree.orphanIds]).toEqual(['lost']);
    expect(tree.byId.get('lost-child')!.depth).toBe(1);
  });

  it('breaks self-parents and parent loops, keeping every span exactly once', () => {
    const tree = buildTraceTree([
      makeSpan({ spanId: 'self', parentSpanId: 'self', startTime: 0 }),
      makeSpan({ spanId: 'a', parentSpanId: 'c', startTime: 1 }),
      makeSpan({ spanId: 'b', parentSpanId: 'a', startTime: 2 }),
      makeSpan({ spanId: 'c', parentSpanId: 'b', startTime: 3 }),
      makeSpan({ spanId: 'tail', parentSpanId: 'b', startTime: 4 }),
    ]);
    expect(tree.cycleIds.has('self')).toBe(true);
    expect(tree.cycleIds.size).toBe(2);
    const rows = visibleRows(tree, new Set());
    expect(rows).toHaveLength(5);
    expect(new Set(ids(rows)).size).toBe(5);
    for (const id of tree.cycleIds) expect(tree.byId.get(id)!.parent).toBeNull();
    expect(tree.roots.reduce((sum, r) => sum + r.subtreeSize, 0)).toBe(5);
  });

  it('keeps the last version of a repeated span id', () => {
    const tree = buildTraceTree([
      makeSpan({ spanId: 'a', startTime: 0, endTime: null }),
      makeSpan({ spanId: 'a', startTime: 0, endTime: 50 }),
    ]);
    expect(tree.byId.size).toBe(1);
    expect(tree.roots).toHaveLength(1);
    expect(tree.byId.get('a')!.span.endTime).toBe(50);
  });

  it('builds a 10,000-deep chain without recursion', () => {
    const spans = Array.from({ length: 10_000 }, (_, i) =>
      makeSpan({
        spanId: `s${i}`,
        parentSpanId: i === 0 ? null : `s${i - 1}`,
        startTime: i,
        endTime: 20_000 - i,
      }),
    );
    const tree = buildTraceTree(spans.reverse());
    expect(tree.roots).toHaveLength(1);
    expect(tree.byId.get('s9999')!.depth).toBe(9999);
    expect(tree.roots[0]!.subtreeSize).toBe(10_000);
    expect(visibleRows(tree, new Set())).toHaveLength(10_000);
    expect(ancestorIds(tree, 's9999')).toHaveLength(9999);
  });

  it('bounds time over running spans (null end) and an empty trace', () => {
    const tree = buildTraceTree([makeSpan({ spanId: 'r', startTime: 100, endTime: null })]);
    expect(tree.startTime).toBe(100);
    expect(tree.endTime).toBe(100);
    const empty = buildTraceTree([]);
    expect(empty.roots).toEqual([]);
    expect(empty.startTime).toBe(0);
  });
});

describe('visibleRows', () => {
  const tree = buildTraceTree([
    makeSpan({ spanId: 'a', startTime: 0 }),
    makeSpan({ spanId: 'b', parentSpanId: 'a', startTime: 1 }),
    makeSpan({ spanId: 'b1', parentSpanId: 'b', startTime: 2 }),
    makeSpan({ spanId: 'c', parentSpanId: 'a', startTime: 3 }),
    makeSpan({ spanId: 'z', startTime: 4 }),
  ]);

  it('lists spans depth-first in pre-order', () => {
    expect(ids(visibleRows(tree, new Set()))).toEqual(['a', 'b', 'b1', 'c', 'z']);
  });

  it('skips the descendants of collapsed spans but keeps the span itself', () => {
    expect(ids(visibleRows(tree, new Set(['b'])))).toEqual(['a', 'b', 'c', 'z']);
    expect(ids(visibleRows(tree, new Set(['a'])))).toEqual(['a', 'z']);
  });

  it('walks a tree once per collapsed set: views asking for the same rows share one answer', () => {
    // The waterfall, the outline and the transcript each need the rows of a 100,000-span tree;
    // a view switch must not walk it again.
    const collapsed = new Set(['b']);
    expect(visibleRows(tree, collapsed)).toBe(visibleRows(tree, collapsed));
    expect(visibleRows(tree, NO_COLLAPSE)).toBe(visibleRows(tree, NO_COLLAPSE));
    expect(visibleRows(tree, new Set(['b']))).not.toBe(visibleRows(tree, collapsed));
    const rebuilt = buildTraceTree([...tree.byId.values()].map((node) => node.span));
    expect(visibleRows(rebuilt, collapsed)).not.toBe(visibleRows(tree, collapsed));
    expect(ids(visibleRows(rebuilt, collapsed))).toEqual(ids(visibleRows(tree, collapsed)));
  });

  it('has the rows with nothing collapsed ready with the tree: the first frame does not walk it again', () => {
    // At 100,000 spans that walk was most of the first render's long task; the build's own
    // pre-order walk is the same list. Emptying the roots after the build shows no second walk.
    const spans = hugeTrace(2000, 1_000_000, 5).spans;
    const built = buildTraceTree(spans);
    const roots = built.roots;
    (built as { roots: unknown[] }).roots = [];
    const rows = visibleRows(built, new Set());
    (built as { roots: unknown[] }).roots = roots;
    expect(rows).toHaveLength(spans.length);
    expect(ids(rows)).toEqual(ids(visibleRows(buildTraceTree(spans), new Set(['not-a-span']))));
  });
});

describe('buildTraceTreeSliced', () => {
  it('builds the same tree in slices as in one piece, pausing while it works (20,000 spans with loops)', async () => {
    const spans = hugeTrace(20_000, 1_000_000, 11).spans;
    // A loop and a self-parent among them, and a span repeated (the last copy wins).
    spans.push(
      makeSpan({ spanId: 'x', parentSpanId: 'y', startTime: 1_000_001 }),
      makeSpan({ spanId: 'y', parentSpanId: 'x', startTime: 1_000_002 }),
      makeSpan({ spanId: 'self', parentSpanId: 'self', startTime: 1_000_003 }),
      { ...spans[5]!, name: 'renamed' },
    );
    let pauses = 0;
    let clock = 0;
    const sliced = await runSliced(buildTraceTreeSliced(spans), {
      sliceMs: 1,
      now: () => clock++,
      pause: async () => {
        pauses++;
      },
    });
    const whole = buildTraceTree(spans);
    const shape = (tree: typeof whole) =>
      visibleRows(tree, NO_COLLAPSE).map((n) => [
        n.span.spanId,
        n.span.name,
        n.depth,
        n.subtreeSize,
        n.parent?.span.spanId,
      ]);
    expect(shape(sliced)).toEqual(shape(whole));
    expect([...sliced.cycleIds].sort()).toEqual([...whole.cycleIds].sort());
    expect([...sliced.orphanIds]).toEqual([...whole.orphanIds]);
    expect([sliced.startTime, sliced.endTime]).toEqual([whole.startTime, whole.endTime]);
    expect(pauses).toBeGreaterThan(20);
  });
});
