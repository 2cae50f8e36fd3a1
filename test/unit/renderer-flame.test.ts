import { describe, expect, it } from 'vitest';
import { layoutFlame, subtreeSums } from '../../src/renderer/src/model/flameLayout.ts';
import { buildTraceTree } from '../../src/renderer/src/model/traceTree.ts';
import { makeSpan } from '../../bench/fixtures/spans.ts';

const tree = buildTraceTree([
  makeSpan({ spanId: 'agent', type: 'agent', startTime: 0, endTime: 100, costUsd: 99, totalTokens: 9999 }),
  makeSpan({
    spanId: 'llm1',
    parentSpanId: 'agent',
    type: 'llm',
    startTime: 0,
    endTime: 40,
    costUsd: 0.03,
    totalTokens: 300,
  }),
  makeSpan({ spanId: 'tools', parentSpanId: 'agent', type: 'chain', startTime: 40, endTime: 60 }),
  makeSpan({ spanId: 'toolA', parentSpanId: 'tools', type: 'tool', startTime: 40, endTime: 60 }),
  makeSpan({ spanId: 'toolB', parentSpanId: 'tools', type: 'tool', startTime: 40, endTime: 60 }),
  makeSpan({
    spanId: 'llm2',
    parentSpanId: 'agent',
    type: 'llm',
    startTime: 60,
    endTime: 100,
    costUsd: 0.01,
    totalTokens: 100,
  }),
]);
const at = (layout: ReturnType<typeof layoutFlame>, id: string) => {
  const i = layout.nodes.findIndex((n) => n.span.spanId === id);
  return {
    x0: layout.x0[i]!,
    x1: layout.x1[i]!,
    depth: layout.depth[i]!,
    value: layout.value[i]!,
    cost: layout.cost[i]!,
  };
};

describe('subtreeSums', () => {
  it('sums model calls only, so a rolled-up agent total is not counted twice', () => {
    const sums = subtreeSums(tree, 'cost');
    expect(sums.get(tree.byId.get('agent')!)).toBeCloseTo(0.04);
    expect(sums.get(tree.byId.get('tools')!)).toBe(0);
    expect(subtreeSums(tree, 'tokens').get(tree.byId.get('agent')!)).toBe(400);
  });
});

describe('layoutFlame', () => {
  it('lays time out as shares of the parent, parallel children scaled to fit', () => {
    const layout = layoutFlame(tree, tree.roots[0]!, 'time', 0);
    expect(at(layout, 'agent')).toMatchObject({ x0: 0, x1: 1, depth: 0 });
    expect(at(layout, 'llm1')).toMatchObject({ x0: 0, x1: 0.4, depth: 1 });
    expect(at(layout, 'tools').x1).toBeCloseTo(0.6);
    // toolA and toolB ran side by side for 20 ms each: together they fill their 20 ms parent.
    expect(at(layout, 'toolA').x0).toBeCloseTo(0.4);
    expect(at(layout, 'toolA').x1).toBeCloseTo(0.5);
    expect(at(layout, 'toolB').x1).toBeCloseTo(0.6);
    expect(layout.maxDepth).toBe(2);
  });

  it('lays cost out by subtree sums; spans that cost nothing get no width', () => {
    const layout = layoutFlame(tree, tree.roots[0]!, 'cost', 0);
    expect(at(layout, 'llm1').x1).toBeCloseTo(0.75);
    expect(at(layout, 'tools').x1 - at(layout, 'tools').x0).toBe(0);
    expect(at(layout, 'llm2').x1).toBeCloseTo(1);
    expect(at(layout, 'agent').cost).toBeCloseTo(0.04);
  });

  it('lays out a focused subtree as the full width', () => {
    const layout = layoutFlame(tree, tree.byId.get('tools')!, 'time', 0);
    expect(layout.nodes).toHaveLength(3);
    expect(at(layout, 'toolB')).toMatchObject({ x0: 0.5, x1: 1, depth: 1 });
  });
});

describe('buildFlameRaster', () => {
  it('draws wide cells one by one and folds sub-pixel siblings into one mark per pixel and depth', async () => {
    const { buildFlameRaster } = await import('../../src/renderer/src/model/flameRaster.ts');
    const spans = [makeSpan({ spanId: 'root', startTime: 0, endTime: 10_000 })];
    for (let i = 0; i < 10_000; i++) {
      spans.push(makeSpan({ spanId: `c${i}`, parentSpanId: 'root', startTime: i, endTime: i + 1 }));
      spans.push(makeSpan({ spanId: `g${i}`, parentSpanId: `c${i}`, startTime: i, endTime: i + 1 }));
    }
    const big = buildTraceTree(spans);
    const layout = layoutFlame(big, big.roots[0]!, 'time', 0);
    const raster = buildFlameRaster(layout, 100);
    expect([...raster.cells]).toEqual([0]);
    expect(raster.marks.get(1)!.px.length).toBe(100);
    expect(raster.marks.get(2)!.px.length).toBe(100);
    expect([...raster.marks.get(1)!.px].every((px, i, all) => i === 0 || px > all[i - 1]!)).toBe(true);
  });
});
