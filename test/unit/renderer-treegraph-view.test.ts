import { describe, expect, it } from 'vitest';
import { zoomIdentity } from 'd3';
import { buildTraceTree } from '../../src/renderer/src/model/traceTree.ts';
import { GRAPH_METRICS, layoutTreeGraph } from '../../src/renderer/src/model/treeGraphLayout.ts';
import {
  TOGGLE_RADIUS,
  toggleGeometry,
  treeGraphHit,
} from '../../src/renderer/src/features/treegraph/treeGraphHit.ts';
import { treeKeyAction } from '../../src/renderer/src/features/treegraph/treeGraphInput.ts';
import {
  cardOffScreen,
  centreTransform,
  fitTransform,
  readableFitTransform,
  selectionFitTransform,
} from '../../src/renderer/src/features/treegraph/treeGraphView.ts';
import {
  MIN_NAME_PX,
  TEXT_MIN_SCALE,
  nameFontAt,
} from '../../src/renderer/src/features/treegraph/renderTreeGraph.ts';
import { makeSpan } from '../../bench/fixtures/spans.ts';

const tree = buildTraceTree([
  makeSpan({ spanId: 'root', startTime: 0, endTime: 100 }),
  makeSpan({ spanId: 'a', parentSpanId: 'root', startTime: 0, endTime: 40 }),
  makeSpan({ spanId: 'b', parentSpanId: 'root', startTime: 40, endTime: 90 }),
  makeSpan({ spanId: 'b1', parentSpanId: 'b', startTime: 40, endTime: 60 }),
]);
const open = layoutTreeGraph(tree, () => false);
const closedB = layoutTreeGraph(tree, (id) => id === 'b');
const { cardWidth: W, cardHeight: H } = GRAPH_METRICS;
const nodeOf = (layout: typeof open, id: string) => layout.nodes.find((g) => g.node.span.spanId === id)!;
const idOf = (layout: typeof open, index: number) => layout.nodes[index]!.node.span.spanId;

describe('treeGraphHit', () => {
  const viewport = (layout: typeof open, transform = zoomIdentity) => ({
    transform,
    layout,
    metrics: GRAPH_METRICS,
  });

  it('finds the card under the point', () => {
    const a = nodeOf(open, 'a');
    const hit = treeGraphHit(viewport(open), a.x + 10, a.y);
    expect(hit?.kind).toBe('card');
    expect(idOf(open, hit!.index)).toBe('a');
    expect(treeGraphHit(viewport(open), a.x - 5, a.y)).toBeNull();
    expect(treeGraphHit(viewport(open), a.x + 10, a.y + H / 2 + 1)).toBeNull();
  });

  it('prefers the open/close pill on the right edge of a card with children', () => {
    const b = nodeOf(open, 'b');
    const hit = treeGraphHit(viewport(open), b.x + W + 2, b.y);
    expect(hit).toMatchObject({ kind: 'toggle' });
    expect(idOf(open, hit!.index)).toBe('b');
    // A leaf has no pill: its right edge is card.
    const a = nodeOf(open, 'a');
    expect(treeGraphHit(viewport(open), a.x + W - 2, a.y)?.kind).toBe('card');
    expect(treeGraphHit(viewport(open), a.x + W + 2, a.y)).toBeNull();
  });

  it('a closed card\'s "+N" pill is wider than an open one\'s', () => {
    const b = nodeOf(closedB, 'b');
    const x = b.x + W - TOGGLE_RADIUS + TOGGLE_RADIUS * 2 + 4;
    expect(treeGraphHit(viewport(closedB), x, b.y)?.kind).toBe('toggle');
    const bOpen = nodeOf(open, 'b');
    expect(
      treeGraphHit(viewport(open), bOpen.x + W - TOGGLE_RADIUS + TOGGLE_RADIUS * 2 + 4, bOpen.y),
    ).toBeNull();
  });

  it('far out, the pill grows so its label stays 10 px on screen, and is hit where it is drawn', () => {
    const b = nodeOf(closedB, 'b');
    for (const k of [1, 0.6, 0.45]) {
      const pill = toggleGeometry(b, k);
      expect(pill.fontPx * k).toBeGreaterThanOrEqual(10);
      expect(pill.radius * 2 * k).toBeGreaterThanOrEqual(pill.fontPx * k * 1.5);
      const t = zoomIdentity.scale(k);
      const right = b.x + W - pill.radius + pill.width - 1;
      expect(treeGraphHit(viewport(closedB, t), t.applyX(right), t.applyY(b.y))?.kind).toBe('toggle');
      expect(treeGraphHit(viewport(closedB, t), t.applyX(right + 3), t.applyY(b.y))).toBeNull();
    }
  });

  it('inverts the zoom transform', () => {
    const t = zoomIdentity.translate(100, 50).scale(0.5);
    const a = nodeOf(open, 'a');
    const hit = treeGraphHit(viewport(open, t), t.applyX(a.x + 10), t.applyY(a.y));
    expect(idOf(open, hit!.index)).toBe('a');
  });
});

describe('treeKeyAction', () => {
  const node = (id: string) => tree.byId.get(id);
  const none = () => false;
  it('walks parent, first child and siblings', () => {
    expect(treeKeyAction('ArrowLeft', tree, node('a'), none)).toEqual({ kind: 'select', spanId: 'root' });
    expect(treeKeyAction('ArrowRight', tree, node('root'), none)).toEqual({ kind: 'select', spanId: 'a' });
    expect(treeKeyAction('ArrowDown', tree, node('a'), none)).toEqual({ kind: 'select', spanId: 'b' });
    expect(treeKeyAction('ArrowUp', tree, node('b'), none)).toEqual({ kind: 'select', spanId: 'a' });
    expect(treeKeyAction('ArrowUp', tree, node('a'), none)).toEqual({ kind: 'none' });
    expect(treeKeyAction('ArrowDown', tree, undefined, none)).toEqual({ kind: 'select', spanId: 'root' });
  });

  it('ArrowRight on a closed card opens it; Enter toggles a card with children only', () => {
    expect(treeKeyAction('ArrowRight', tree, node('b'), (id) => id === 'b')).toEqual({
      kind: 'toggle',
      spanId: 'b',
    });
    expect(treeKeyAction('Enter', tree, node('b'), none)).toEqual({ kind: 'toggle', spanId: 'b' });
    expect(treeKeyAction('Enter', tree, node('a'), none)).toEqual({ kind: 'none' });
  });

  it('F centres, 0 fits, other keys are left to the page', () => {
    expect(treeKeyAction('f', tree, undefined, none)).toEqual({ kind: 'centre' });
    expect(treeKeyAction('0', tree, undefined, none)).toEqual({ kind: 'fit' });
    expect(treeKeyAction('x', tree, node('a'), none)).toBeNull();
  });
});

describe('tree graph viewport', () => {
  it('centres a card, zooming in to at least 0.8', () => {
    const card = { x: 500, y: 300 };
    const t = centreTransform(card, 0.2, 1000, 600);
    expect(t.k).toBe(0.8);
    expect(t.applyX(card.x + W / 2)).toBeCloseTo(500);
    expect(t.applyY(card.y)).toBeCloseTo(300);
    expect(centreTransform(card, 1.5, 1000, 600).k).toBe(1.5);
  });

  it('knows when a card is off screen', () => {
    expect(cardOffScreen(zoomIdentity, { x: 10, y: 100 }, 1000, 600)).toBe(false);
    expect(cardOffScreen(zoomIdentity, { x: 900, y: 100 }, 1000, 600)).toBe(true);
    expect(cardOffScreen(zoomIdentity, { x: -1, y: 100 }, 1000, 600)).toBe(true);
    expect(cardOffScreen(zoomIdentity, { x: 10, y: 700 }, 1000, 600)).toBe(true);
  });
});

describe('tree graph text and first sight', () => {
  it('never draws a name under 10 px: 12 px while that holds, then exactly 10 px on screen', () => {
    expect(nameFontAt(1)).toEqual({ fontPx: 12, compact: false });
    expect(nameFontAt(10 / 12)).toEqual({ fontPx: 12, compact: false });
    for (const k of [0.45, 0.6, 0.8]) {
      const { fontPx, compact } = nameFontAt(k);
      expect(compact).toBe(true);
      expect(fontPx * k).toBeCloseTo(MIN_NAME_PX);
    }
  });

  const wide = buildTraceTree([
    makeSpan({ spanId: 'root', startTime: 0, endTime: 100 }),
    ...Array.from({ length: 6 }, (_, i) =>
      makeSpan({ spanId: `c${i}`, parentSpanId: 'root', startTime: i, endTime: i + 1 }),
    ),
    ...Array.from({ length: 6 }, (_, i) =>
      makeSpan({ spanId: `g${i}`, parentSpanId: `c${i}`, startTime: i, endTime: i + 0.5 }),
    ),
    makeSpan({ spanId: 'deep1', parentSpanId: 'g0', startTime: 0, endTime: 0.1 }),
    makeSpan({ spanId: 'deep2', parentSpanId: 'deep1', startTime: 0, endTime: 0.1 }),
  ]);
  const layout = layoutTreeGraph(wide, () => false);
  const firstLevelInside = (widthPx: number, heightPx: number) => {
    const t = readableFitTransform(layout, widthPx, heightPx);
    const firstLevel = layout.nodes.filter((g) => g.node.depth <= 1);
    return firstLevel.every(
      (g) =>
        t.applyX(g.x) >= 0 &&
        t.applyX(g.x + W) <= widthPx &&
        t.applyY(g.y - H / 2) >= 0 &&
        t.applyY(g.y + H / 2) <= heightPx,
    );
  };

  it('first shows the root and all its children whole, however narrow the view', () => {
    for (const width of [320, 520, 900]) expect(firstLevelInside(width, 620)).toBe(true);
  });

  it('fits at a scale that carries names (10 px), or shows the whole graph', () => {
    for (const width of [300, 320, 520, 900, 1400]) {
      const t = readableFitTransform(layout, width, 620);
      expect(t.k).toBeGreaterThanOrEqual(TEXT_MIN_SCALE);
      expect(t.k).toBeLessThanOrEqual(1);
    }
    const small = readableFitTransform(open, 1400, 900);
    expect(small).toEqual(fitTransform(open, 1400, 900));
  });

  it('shows whole columns: no card is cut by the left or right edge', () => {
    for (const width of [300, 320, 400, 520, 700, 900]) {
      const t = readableFitTransform(layout, width, 620);
      const cut = layout.nodes.filter((g) => {
        const [left, right] = [t.applyX(g.x), t.applyX(g.x + W)];
        return (left < 0 && right > 0) || (left < width && right > width);
      });
      expect({ width, cut: cut.map((g) => g.node.span.spanId) }).toEqual({ width, cut: [] });
    }
  });

  it('a graph too tall for a readable fit still shows the first levels whole in width, from the root', () => {
    const tall = buildTraceTree([
      makeSpan({ spanId: 'root', startTime: 0, endTime: 100 }),
      ...Array.from({ length: 40 }, (_, i) =>
        makeSpan({ spanId: `c${i}`, parentSpanId: 'root', startTime: i, endTime: i + 1 }),
      ),
    ]);
    const tallLayout = layoutTreeGraph(tall, () => false);
    const t = readableFitTransform(tallLayout, 900, 600);
    expect(t.k).toBeGreaterThanOrEqual(TEXT_MIN_SCALE);
    const root = nodeOf(tallLayout, 'root');
    expect(t.applyX(root.x)).toBeGreaterThanOrEqual(0);
    expect(t.applyY(root.y)).toBeGreaterThan(0);
    expect(t.applyY(root.y)).toBeLessThan(600);
  });
});

describe('selectionFitTransform', () => {
  // A chain six deep, each with a sibling leaf: too wide to read whole in a narrow view.
  const spans = [makeSpan({ spanId: 'd0', startTime: 0, endTime: 100 })];
  for (let d = 1; d <= 6; d++) {
    spans.push(makeSpan({ spanId: `d${d}`, parentSpanId: `d${d - 1}`, startTime: d, endTime: 100 - d }));
    spans.push(makeSpan({ spanId: `s${d}`, parentSpanId: `d${d - 1}`, startTime: d, endTime: d + 1 }));
  }
  const deep = layoutTreeGraph(buildTraceTree(spans), () => false);
  const index = (id: string) => deep.nodes.findIndex((g) => g.node.span.spanId === id);
  const chainOf = (d: number) => Array.from({ length: d }, (_, i) => index(`d${i}`));
  const [w, h] = [320, 600];

  it("keeps Fit's view when it already shows the selected card whole", () => {
    const fit = readableFitTransform(deep, w, h);
    expect(selectionFitTransform(deep, index('d0'), [], w, h)).toEqual(fit);
  });

  it("pans at Fit's readable scale to a card Fit leaves out, its parent whole beside it", () => {
    const fit = readableFitTransform(deep, w, h);
    expect(cardOffScreen(fit, nodeOf(deep, 'd5'), w, h)).toBe(true);
    const t = selectionFitTransform(deep, index('d5'), chainOf(5), w, h);
    expect(t.k).toBeGreaterThanOrEqual(fit.k);
    expect(t.k).toBeGreaterThanOrEqual(TEXT_MIN_SCALE);
    for (const id of ['d5', 'd4']) {
      const g = nodeOf(deep, id);
      expect(cardOffScreen(t, g, w, h)).toBe(false);
      expect(t.applyX(g.x)).toBeGreaterThanOrEqual(0);
      expect(t.applyX(g.x + W)).toBeLessThanOrEqual(w);
    }
    // No card cut by a side edge: whole columns only.
    for (const g of deep.nodes) {
      const [left, right] = [t.applyX(g.x), t.applyX(g.x + W)];
      expect(left < 0 && right > 0).toBe(false);
      expect(left < w && right > w).toBe(false);
    }
  });
});
