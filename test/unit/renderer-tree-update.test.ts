import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../bench/fixtures/random.ts';
import { makeSpan } from '../../bench/fixtures/spans.ts';
import type { Span } from '../../src/shared/types.ts';
import {
  buildTraceTree,
  NO_COLLAPSE,
  type SpanNode,
  type TraceTree,
  visibleRows,
} from '../../src/renderer/src/model/traceTree.ts';
import { updateTraceTree } from '../../src/renderer/src/model/traceTreeUpdate.ts';
import { hasRunningSpans } from '../../src/renderer/src/model/spanTiming.ts';

const ids = (nodes: readonly SpanNode[]) => nodes.map((n) => n.span.spanId);

/** Everything a view can read of a tree, in a form toEqual compares. */
function shape(tree: TraceTree) {
  const nodes: { id: string; parent: string | null; depth: number; size: number; children: string[] }[] = [];
  const stack = [...tree.roots].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    nodes.push({
      id: node.span.spanId,
      parent: node.parent?.span.spanId ?? null,
      depth: node.depth,
      size: node.subtreeSize,
      children: node.children.map((c) => c.span.spanId),
    });
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  const spans = [...tree.byId.values()].map((n: SpanNode) => n.span);
  return {
    roots: tree.roots.map((n) => n.span.spanId),
    nodes,
    spans: spans.sort((a, b) => (a.spanId < b.spanId ? -1 : 1)),
    orphanIds: [...tree.orphanIds].sort(),
    cycleIds: [...tree.cycleIds].sort(),
    startTime: tree.startTime,
    endTime: tree.endTime,
  };
}

/**
 * A live trace: batches of new spans (under spans held, under each other, under parents not yet
 * sent, some with step orders), and spans held that end. Now and then a change the update refuses
 * (a span moved, a loop), so the fallback is exercised too.
 */
function liveTrace(seed: number, batches: number) {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const ids: string[] = ['root'];
  let next = 0;
  const held = new Map<string, Span>([['root', makeSpan({ spanId: 'root', startTime: 0, endTime: null })]]);
  const steps: Span[][] = [];
  for (let b = 0; b < batches; b++) {
    const batch: Span[] = [];
    const count = 1 + Math.floor(random() * 6);
    for (let i = 0; i < count; i++) {
      const roll = random();
      const running = [...held.values()].filter((s) => s.endTime === null);
      if (roll < 0.25 && running.length > 0) {
        const span = pick(running);
        batch.push({ ...span, endTime: (span.startTime ?? 0) + 5 + random() * 50, status: 'success' });
        continue;
      }
      if (roll < 0.28 && held.size > 1) {
        // Moved under another parent: refused, and built again.
        const span = pick([...held.values()]);
        batch.push({ ...span, parentSpanId: pick(ids) });
        continue;
      }
      const id = `s${next++}`;
      // A parent held or in this batch, one that is sent later (an orphan until then), a root.
      const parentRoll = random();
      const parentSpanId =
        parentRoll < 0.7 ? pick(ids) : parentRoll < 0.85 ? `s${next + Math.floor(random() * 4)}` : null;
      const startTime = Math.floor(random() * 1_000);
      batch.push(
        makeSpan({
          spanId: id,
          parentSpanId,
          startTime: random() < 0.03 ? null : startTime,
          endTime: random() < 0.5 ? null : startTime + Math.floor(random() * 200),
          status: 'running',
          stepOrder: random() < 0.3 ? Math.floor(random() * 5) : null,
        }),
      );
      ids.push(id);
    }
    for (const span of batch) held.set(span.spanId, span);
    steps.push(batch);
  }
  return steps;
}

describe('updateTraceTree', () => {
  it('gives, batch after batch of live spans, the tree a full build of all the spans gives', () => {
    const random = seededRandom(99);
    let applied = 0;
    let refused = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const spans = new Map<string, Span>();
      const [first, ...rest] = liveTrace(seed, 60);
      for (const span of first!) spans.set(span.spanId, span);
      let tree = buildTraceTree([...spans.values()]);
      for (const batch of rest) {
        for (const span of batch) spans.set(span.spanId, span);
        // Rows a view asked for are carried over to the new tree, not walked again: both ways.
        if (random() < 0.7) visibleRows(tree, NO_COLLAPSE);
        if (random() < 0.7) hasRunningSpans(tree);
        const updated = updateTraceTree(tree, batch);
        if (updated === null) refused++;
        else applied++;
        tree = updated ?? buildTraceTree([...spans.values()]);
        const built = buildTraceTree([...spans.values()]);
        expect(shape(tree)).toEqual(shape(built));
        expect(ids(visibleRows(tree, NO_COLLAPSE))).toEqual(ids(visibleRows(built, NO_COLLAPSE)));
        expect(hasRunningSpans(tree)).toBe(hasRunningSpans(built));
      }
    }
    // Most batches are applied in place; the refusals are the moved spans.
    expect(applied).toBeGreaterThan(refused * 2);
    expect(refused).toBeGreaterThan(0);
  });

  it('moves orphans under the parent that arrives, with their depths and sizes', () => {
    const tree = buildTraceTree([
      makeSpan({ spanId: 'root', startTime: 0, endTime: null }),
      makeSpan({ spanId: 'leaf', parentSpanId: 'mid', startTime: 20, endTime: 30 }),
      makeSpan({ spanId: 'mid-child', parentSpanId: 'leaf', startTime: 21, endTime: 22 }),
    ]);
    expect([...tree.orphanIds]).toEqual(['leaf']);
    const updated = updateTraceTree(tree, [
      makeSpan({ spanId: 'mid', parentSpanId: 'root', startTime: 10, endTime: 40 }),
    ])!;
    expect(updated).not.toBeNull();
    expect(updated.orphanIds.size).toBe(0);
    expect(updated.roots.map((n) => n.span.spanId)).toEqual(['root']);
    expect(updated.byId.get('mid-child')!.depth).toBe(3);
    expect(updated.byId.get('root')!.subtreeSize).toBe(4);
  });

  it('refuses what would close a loop, and a change that could narrow the time bounds', () => {
    const tree = () =>
      buildTraceTree([
        makeSpan({ spanId: 'a', startTime: 0, endTime: 100 }),
        makeSpan({ spanId: 'b', parentSpanId: 'x', startTime: 10, endTime: 20 }),
      ]);
    // x arrives under b, whose missing parent x is: b → x → b.
    expect(updateTraceTree(tree(), [makeSpan({ spanId: 'x', parentSpanId: 'b', startTime: 5 })])).toBeNull();
    expect(updateTraceTree(tree(), [makeSpan({ spanId: 'y', parentSpanId: 'y', startTime: 5 })])).toBeNull();
    // a set the end (100); an end of 50 could move it back.
    expect(updateTraceTree(tree(), [makeSpan({ spanId: 'a', startTime: 0, endTime: 50 })])).toBeNull();
    // A later end only moves it on.
    expect(updateTraceTree(tree(), [makeSpan({ spanId: 'a', startTime: 0, endTime: 150 })])!.endTime).toBe(
      150,
    );
  });

  it('returns a new tree object each time, since the views memoise on it', () => {
    const tree = buildTraceTree([makeSpan({ spanId: 'a', startTime: 5, endTime: null })]);
    const updated = updateTraceTree(tree, [makeSpan({ spanId: 'a', startTime: 5, endTime: 10 })]);
    expect(updated).not.toBe(tree);
    expect(updated!.byId.get('a')!.span.endTime).toBe(10);
  });
});
