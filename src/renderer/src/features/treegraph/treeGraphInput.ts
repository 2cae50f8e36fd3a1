// The tree graph's input: hover and click on cards and their open/close pills, the wheel (zoom
// at the pointer or pan, by the Settings' wheel mode, as over the waterfall), and the keys
// (arrows walk parent, child and siblings; Enter toggles; F centres; 0 fits).
import type { KeyboardEvent as ReactKeyboardEvent, MouseEvent as ReactMouseEvent } from 'react';
import { zoomTransform } from 'd3';
import type { SpanNode, TraceTree } from '../../model/traceTree.ts';
import { GRAPH_METRICS } from '../../model/treeGraphLayout.ts';
import { localPoint } from '../../components/canvas/hitTest.ts';
import { wheelPan, wheelZoomDelta, wheelZooms } from '../../lib/wheelNavigation.ts';
import { preferencesStore } from '../../state/preferences.ts';
import { treeGraphHit } from './treeGraphHit.ts';
import type { TreeGraphController } from './useTreeGraph.ts';

export type TreeKeyAction =
  | { kind: 'select'; spanId: string }
  | { kind: 'toggle'; spanId: string }
  | { kind: 'centre' }
  | { kind: 'fit' }
  | { kind: 'none' };

/** What a key does, or null when the key is not the graph's (so it is left to the page). */
export function treeKeyAction(
  key: string,
  tree: TraceTree,
  selected: SpanNode | undefined,
  isCollapsed: (spanId: string) => boolean,
): TreeKeyAction | null {
  const siblings = selected ? (selected.parent ? selected.parent.children : tree.roots) : [];
  const at = selected ? siblings.indexOf(selected) : -1;
  const select = (node: SpanNode | null | undefined): TreeKeyAction =>
    node ? { kind: 'select', spanId: node.span.spanId } : { kind: 'none' };
  switch (key) {
    case 'ArrowLeft':
      return select(selected?.parent);
    case 'ArrowRight':
      if (!selected || selected.children.length === 0) return { kind: 'none' };
      return isCollapsed(selected.span.spanId)
        ? { kind: 'toggle', spanId: selected.span.spanId }
        : select(selected.children[0]);
    case 'ArrowUp':
      return select(siblings[at - 1]);
    case 'ArrowDown':
      return select(selected ? siblings[at + 1] : tree.roots[0]);
    case 'Enter':
    case ' ':
      return selected && selected.children.length > 0
        ? { kind: 'toggle', spanId: selected.span.spanId }
        : { kind: 'none' };
    case 'f':
    case 'F':
      return { kind: 'centre' };
    case '0':
      return { kind: 'fit' };
    default:
      return null;
  }
}

/** A wheel "line" (deltaMode 1) moves the graph this far: about one card row. */
const WHEEL_LINE_PX = 40;

export function treeGraphInput(
  c: TreeGraphController,
  selectedSpanId: string | null,
  onSelectSpan: (spanId: string) => void,
) {
  const hitAt = (e: ReactMouseEvent<HTMLCanvasElement>) => {
    const { x, y } = localPoint(e, e.currentTarget.getBoundingClientRect());
    const viewport = { transform: zoomTransform(e.currentTarget), layout: c.layout, metrics: GRAPH_METRICS };
    return { hit: treeGraphHit(viewport, x, y), x, y };
  };
  return {
    onWheel(e: WheelEvent) {
      e.preventDefault(); // Never the page's scroll or the browser's own Ctrl+wheel zoom.
      // The cards move under the pointer: the tooltip and hover of the card that was there go.
      c.hoverIndex.current = -1;
      c.hover.set(null);
      const mode = preferencesStore.get().wheelMode;
      if (wheelZooms(e, mode)) c.zoom.zoomAt(2 ** wheelZoomDelta(e), e.offsetX, e.offsetY);
      else {
        const { dx, dy } = wheelPan(e, mode, WHEEL_LINE_PX, c.size.height);
        c.zoom.panBy(dx, dy);
      }
    },
    onMouseMove(e: ReactMouseEvent<HTMLCanvasElement>) {
      if (e.buttons !== 0) return; // a drag pans; d3-zoom has it
      const { hit, x, y } = hitAt(e);
      const index = hit?.index ?? -1;
      if (index !== c.hoverIndex.current) {
        c.hoverIndex.current = index;
        c.requestDraw();
      }
      const node = hit?.kind === 'card' ? c.layout.nodes[hit.index]!.node : null;
      c.hover.set(node ? { node, x, y, boundsW: c.size.width, boundsH: c.size.height } : null);
      e.currentTarget.style.cursor = hit ? 'pointer' : 'grab';
    },
    onMouseLeave() {
      c.hoverIndex.current = -1;
      c.hover.set(null);
      c.requestDraw();
    },
    onClick(e: ReactMouseEvent<HTMLCanvasElement>) {
      c.bodyRef.current?.focus({ preventScroll: true });
      const { hit } = hitAt(e);
      if (hit === null) return;
      const id = c.layout.nodes[hit.index]!.node.span.spanId;
      if (hit.kind === 'toggle') c.toggle(id);
      else onSelectSpan(id);
    },
    onKeyDown(e: ReactKeyboardEvent<HTMLDivElement>) {
      const selected = selectedSpanId ? c.tree.byId.get(selectedSpanId) : undefined;
      const action = treeKeyAction(e.key, c.tree, selected, c.isCollapsed);
      if (action === null) return;
      e.preventDefault();
      if (action.kind === 'select') onSelectSpan(action.spanId);
      else if (action.kind === 'toggle') c.toggle(action.spanId);
      else if (action.kind === 'centre') c.centreOn(selectedSpanId, true);
      else if (action.kind === 'fit') c.fit(true);
    },
  };
}
