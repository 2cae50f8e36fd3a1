import { describe, expect, it } from 'vitest';
import { layoutFlame } from '../../src/renderer/src/model/flameLayout.ts';
import { buildTraceTree } from '../../src/renderer/src/model/traceTree.ts';
import {
  FLAME_PAD,
  FLAME_ROW,
  cellRect,
  clampFlameScroll,
  flameContentHeight,
  flameHit,
} from '../../src/renderer/src/features/flamegraph/flameGeometry.ts';
import { flameClickFocus, flameKeyFocus } from '../../src/renderer/src/features/flamegraph/flameInput.ts';
import { flameShareText } from '../../src/renderer/src/features/flamegraph/flameShare.ts';
import { makeSpan } from '../../bench/fixtures/spans.ts';

// agent 0–100: llm 0–40, tools 40–60 (one tool 40–60), llm2 60–100.
const tree = buildTraceTree([
  makeSpan({ spanId: 'agent', type: 'agent', startTime: 0, endTime: 100 }),
  makeSpan({ spanId: 'llm1', parentSpanId: 'agent', type: 'llm', startTime: 0, endTime: 40, costUsd: 0.03 }),
  makeSpan({ spanId: 'tools', parentSpanId: 'agent', type: 'chain', startTime: 40, endTime: 60 }),
  makeSpan({ spanId: 'tool', parentSpanId: 'tools', type: 'tool', startTime: 40, endTime: 60 }),
  makeSpan({
    spanId: 'llm2',
    parentSpanId: 'agent',
    type: 'llm',
    startTime: 60,
    endTime: 100,
    costUsd: 0.01,
  }),
]);
const layout = layoutFlame(tree, tree.roots[0]!, 'time', 0);
const indexById = new Map(layout.nodes.map((n, i) => [n.span.spanId, i]));
// 100 px of cells between the paddings: one millisecond per pixel.
const viewport = { widthPx: 100 + FLAME_PAD * 2, scrollTop: 0, layout };
const idAt = (x: number, y: number, scrollTop = 0) => {
  const i = flameHit({ ...viewport, scrollTop }, indexById, x, y);
  return i < 0 ? null : layout.nodes[i]!.span.spanId;
};
const rowY = (depth: number) => FLAME_PAD + depth * FLAME_ROW + FLAME_ROW / 2;

describe('flame geometry', () => {
  it('places a cell by its share of the width and its depth', () => {
    const r = cellRect(viewport, indexById.get('tools')!);
    expect(r.x).toBeCloseTo(FLAME_PAD + 40);
    expect(r.w).toBeCloseTo(20);
    expect(r.y).toBe(FLAME_PAD + FLAME_ROW);
    expect(cellRect({ ...viewport, scrollTop: 5 }, indexById.get('tools')!).y).toBe(
      FLAME_PAD + FLAME_ROW - 5,
    );
  });

  it('hits the cell drawn under the pointer, row by row', () => {
    expect(idAt(FLAME_PAD + 50, rowY(0))).toBe('agent');
    expect(idAt(FLAME_PAD + 10, rowY(1))).toBe('llm1');
    expect(idAt(FLAME_PAD + 45, rowY(1))).toBe('tools');
    expect(idAt(FLAME_PAD + 80, rowY(1))).toBe('llm2');
    expect(idAt(FLAME_PAD + 45, rowY(2))).toBe('tool');
  });

  it('hits nothing in the padding, below the deepest cell or under an empty stretch', () => {
    expect(idAt(FLAME_PAD - 2, rowY(0))).toBeNull();
    expect(idAt(FLAME_PAD + 10, FLAME_PAD - 2)).toBeNull();
    expect(idAt(FLAME_PAD + 10, rowY(2))).toBeNull();
    expect(idAt(FLAME_PAD + 50, rowY(3))).toBeNull();
  });

  it('keeps a cell narrower than a pixel hoverable across its one pixel', () => {
    const tiny = buildTraceTree([
      makeSpan({ spanId: 'run', type: 'agent', startTime: 0, endTime: 1000 }),
      makeSpan({ spanId: 'blip', parentSpanId: 'run', type: 'tool', startTime: 500, endTime: 500.2 }),
    ]);
    const tinyLayout = layoutFlame(tiny, tiny.roots[0]!, 'time', 0);
    const tinyIndex = new Map(tinyLayout.nodes.map((n, i) => [n.span.spanId, i]));
    const blip = cellRect({ ...viewport, layout: tinyLayout }, tinyIndex.get('blip')!);
    expect(blip.w).toBeLessThan(0.1);
    const hitAt = (x: number) => flameHit({ ...viewport, layout: tinyLayout }, tinyIndex, x, rowY(1));
    expect(hitAt(blip.x + 0.6)).toBe(tinyIndex.get('blip'));
    expect(hitAt(blip.x + 1.2)).toBe(-1);
  });

  it('accounts for the scroll', () => {
    expect(idAt(FLAME_PAD + 45, rowY(1), FLAME_ROW)).toBe('tool');
  });

  it('keeps the scroll between the top and the last row', () => {
    const content = flameContentHeight(layout);
    expect(content).toBe(3 * FLAME_ROW + 2 * FLAME_PAD);
    expect(clampFlameScroll(-10, content, 40)).toBe(0);
    expect(clampFlameScroll(500, content, 40)).toBe(content - 40);
    expect(clampFlameScroll(10, content, 40)).toBe(10);
    // Content shorter than the view never scrolls.
    expect(clampFlameScroll(10, content, 400)).toBe(0);
  });
});

describe('flame input', () => {
  const tools = tree.byId.get('tools')!;
  it('Esc and Backspace step out to the parent, F zooms into the selection, 0 resets', () => {
    expect(flameKeyFocus('Escape', tools, null)).toBe('agent');
    expect(flameKeyFocus('Backspace', tools, null)).toBe('agent');
    expect(flameKeyFocus('Escape', tree.roots[0], null)).toBeUndefined();
    expect(flameKeyFocus('f', tree.roots[0], 'llm1')).toBe('llm1');
    expect(flameKeyFocus('F', tree.roots[0], null)).toBeUndefined();
    expect(flameKeyFocus('0', tools, null)).toBeNull();
    expect(flameKeyFocus('x', tools, 'llm1')).toBeUndefined();
  });

  it('a click on the focused cell steps out; on another, zooms into it', () => {
    expect(flameClickFocus(0, tools)).toBe('agent');
    expect(flameClickFocus(0, tree.roots[0]!)).toBeUndefined();
    expect(flameClickFocus(2, tools)).toBe('tools');
  });

  it('the tooltip line gives the share of the view and of the parent', () => {
    expect(flameShareText(layout, indexById, 'time', 'tool')).toMatch(
      /= 20(\.0)?% of view, 100(\.0)?% of parent/,
    );
    expect(flameShareText(layout, indexById, 'time', 'agent')).not.toMatch(/of parent/);
    expect(flameShareText(layout, indexById, 'cost', 'agent')).not.toMatch(/subtree cost/);
    expect(flameShareText(layout, indexById, 'time', 'nope')).toBeNull();
  });
});
