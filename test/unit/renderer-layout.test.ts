import { describe, expect, it } from 'vitest';
import {
  autoCollapsedIds,
  layoutTreeGraph,
  GRAPH_METRICS,
} from '../../src/renderer/src/model/treeGraphLayout.ts';
import { buildTraceTree } from '../../src/renderer/src/model/traceTree.ts';
import { makeSpan } from '../../bench/fixtures/spans.ts';

function chain(depth: number) {
  return Array.from({ length: depth }, (_, i) =>
    makeSpan({ spanId: `d${i}`, parentSpanId: i === 0 ? null : `d${i - 1}`, startTime: i }),
  );
}

describe('autoCollapsedIds', () => {
  it('collapses spans at depth 4 and below that have children', () => {
    const ids = autoCollapsedIds(buildTraceTree(chain(8)));
    expect([...ids].sort()).toEqual(['d4', 'd5', 'd6']);
  });

  it('collapses spans with more than 20 children', () => {
    const spans = [makeSpan({ spanId: 'root' })];
    for (let i = 0; i < 21; i++)
      spans.push(makeSpan({ spanId: `c${i}`, parentSpanId: 'root', startTime: i }));
    expect(autoCollapsedIds(buildTraceTree(spans)).has('root')).toBe(true);
    expect(autoCollapsedIds(buildTraceTree(spans.slice(0, 21))).has('root')).toBe(false);
  });
});

describe('layoutTreeGraph', () => {
  it('hides the subtree of a collapsed span and counts what it hides', () => {
    const tree = buildTraceTree(chain(8));
    const layout = layoutTreeGraph(tree, (id) => id === 'd4');
    expect(layout.nodes.map((n) => n.node.span.spanId)).toEqual(['d0', 'd1', 'd2', 'd3', 'd4']);
    const d4 = layout.nodes[4]!;
    expect(d4.collapsed).toBe(true);
    expect(d4.hiddenCount).toBe(3);
    expect(layout.links.length).toBe(8);
  });

  it('puts depth left to right and siblings apart without overlap', () => {
    const spans = [makeSpan({ spanId: 'root' })];
    for (let i = 0; i < 5; i++) spans.push(makeSpan({ spanId: `c${i}`, parentSpanId: 'root', startTime: i }));
    const layout = layoutTreeGraph(buildTraceTree(spans), () => false);
    const children = layout.nodes.filter((n) => n.node.depth === 1);
    expect(new Set(children.map((c) => c.x)).size).toBe(1);
    expect(children[0]!.x).toBeGreaterThan(layout.nodes[0]!.x + GRAPH_METRICS.cardWidth);
    const ys = children.map((c) => c.y);
    for (let i = 1; i < ys.length; i++)
      expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(GRAPH_METRICS.cardHeight);
  });

  it('lays out several roots side by side and a fully open 10,000-span trace', () => {
    const spans = [
      makeSpan({ spanId: 'a' }),
      makeSpan({ spanId: 'orphan', parentSpanId: 'gone', startTime: 5 }),
    ];
    expect(layoutTreeGraph(buildTraceTree(spans), () => false).nodes).toHaveLength(2);
    const big = [makeSpan({ spanId: 'root' })];
    for (let i = 0; i < 9999; i++)
      big.push(makeSpan({ spanId: `s${i}`, parentSpanId: i < 100 ? 'root' : `s${i % 100}`, startTime: i }));
    const layout = layoutTreeGraph(buildTraceTree(big), () => false);
    expect(layout.nodes).toHaveLength(10_000);
    expect(layout.maxY - layout.minY).toBeGreaterThan(9_900 * GRAPH_METRICS.cardHeight);
  });
});
