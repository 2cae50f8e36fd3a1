// The flame graph's input: the wheel scrolls the rows, the pointer hovers and clicks cells
// (a click zooms into a cell's subtree, or out of the focused one), keys walk back out.
import type { KeyboardEvent as ReactKeyboardEvent, MouseEvent as ReactMouseEvent } from 'react';
import type { SpanNode } from '../../model/traceTree.ts';
import { localPoint } from '../../components/canvas/hitTest.ts';
import { FLAME_ROW, flameHit } from './flameGeometry.ts';
import type { FlameGraphController } from './useFlameGraph.ts';

/** What a key does to the focus: a span to zoom into, null for the root, undefined for nothing. */
export function flameKeyFocus(
  key: string,
  focus: SpanNode | undefined,
  selectedSpanId: string | null,
): string | null | undefined {
  const parent = focus?.parent;
  if ((key === 'Escape' || key === 'Backspace') && parent) return parent.span.spanId;
  if ((key === 'f' || key === 'F') && selectedSpanId) return selectedSpanId;
  if (key === '0') return null;
  return undefined;
}

/** What a click on cell `index` focuses: the focused cell (index 0) steps out, any other zooms in. */
export function flameClickFocus(index: number, node: SpanNode): string | undefined {
  if (index === 0) return node.parent?.span.spanId;
  return node.span.spanId;
}

export function flameInput(
  c: FlameGraphController,
  selectedSpanId: string | null,
  onSelectSpan: (id: string) => void,
) {
  const hitAt = (e: ReactMouseEvent<HTMLCanvasElement>) => {
    const { x, y } = localPoint(e, e.currentTarget.getBoundingClientRect());
    const viewport = { widthPx: c.size.width, scrollTop: c.view.current.scrollTop, layout: c.layout! };
    return { i: c.layout ? flameHit(viewport, c.indexById, x, y) : -1, x, y };
  };
  return {
    onWheel(e: WheelEvent) {
      e.preventDefault();
      c.view.current.scrollTop += e.deltaMode === 1 ? e.deltaY * FLAME_ROW : e.deltaY;
      c.requestDraw();
    },
    onMouseMove(e: ReactMouseEvent<HTMLCanvasElement>) {
      const { i, x, y } = hitAt(e);
      if (i !== c.view.current.hoverIndex) {
        c.view.current.hoverIndex = i;
        c.requestDraw();
      }
      const node = i >= 0 ? c.layout!.nodes[i]! : null;
      c.hover.set(node ? { node, x, y, boundsW: c.size.width, boundsH: c.size.height } : null);
      e.currentTarget.style.cursor = node ? 'pointer' : 'default';
    },
    onMouseLeave() {
      c.view.current.hoverIndex = -1;
      c.hover.set(null);
      c.requestDraw();
    },
    onClick(e: ReactMouseEvent<HTMLCanvasElement>) {
      c.bodyRef.current?.focus({ preventScroll: true });
      const { i } = hitAt(e);
      if (i < 0) return;
      const node = c.layout!.nodes[i]!;
      onSelectSpan(node.span.spanId);
      const next = flameClickFocus(i, node);
      if (next !== undefined) c.zoomInto(next);
    },
    onKeyDown(e: ReactKeyboardEvent<HTMLDivElement>) {
      const next = flameKeyFocus(e.key, c.focus, selectedSpanId);
      if (next === undefined) return;
      c.zoomInto(next);
      e.preventDefault();
    },
  };
}
