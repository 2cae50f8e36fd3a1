// Keyboard navigation of the row list (the zoom keys are in keyPanZoom.ts): arrows move the
// selection through visible rows, left/right collapse, expand or walk to parent and child,
// Enter/Space toggle, Home/End/PageUp/PageDown jump, +/- zoom, 0 fits, F focuses, C critical path.
import type { RowLookup } from '../../model/rowLookup.ts';
import type { SpanNode } from '../../model/traceTree.ts';

export interface WaterfallKeyContext {
  rows: readonly SpanNode[];
  rowIndex: RowLookup;
  selectedSpanId: string | null;
  collapsed: ReadonlySet<string>;
  onSelectSpan: (spanId: string | null) => void;
  onToggleCollapse: (spanId: string) => void;
  pageRows: number;
  zoomBy: (factor: number) => void;
  fit: () => void;
  zoomToSelection: () => void;
  toggleCritical: () => void;
}

/** Returns true when the key was handled. */
export function handleWaterfallKey(key: string, c: WaterfallKeyContext): boolean {
  const index = c.selectedSpanId === null ? -1 : (c.rowIndex.get(c.selectedSpanId) ?? -1);
  const node = index >= 0 ? c.rows[index]! : null;
  const selectRow = (i: number) => {
    if (c.rows.length === 0) return;
    c.onSelectSpan(c.rows[Math.max(0, Math.min(c.rows.length - 1, i))]!.span.spanId);
  };
  switch (key) {
    case 'ArrowDown':
      selectRow(index + 1);
      return true;
    case 'ArrowUp':
      selectRow(index < 0 ? c.rows.length - 1 : index - 1);
      return true;
    case 'PageDown':
      selectRow(index + c.pageRows);
      return true;
    case 'PageUp':
      selectRow(index - c.pageRows);
      return true;
    case 'Home':
      selectRow(0);
      return true;
    case 'End':
      selectRow(c.rows.length - 1);
      return true;
    case 'ArrowLeft':
      if (!node) return false;
      if (node.children.length > 0 && !c.collapsed.has(node.span.spanId))
        c.onToggleCollapse(node.span.spanId);
      else if (node.parent) c.onSelectSpan(node.parent.span.spanId);
      return true;
    case 'ArrowRight':
      if (!node || node.children.length === 0) return node !== null;
      if (c.collapsed.has(node.span.spanId)) c.onToggleCollapse(node.span.spanId);
      else c.onSelectSpan(node.children[0]!.span.spanId);
      return true;
    case 'Enter':
    case ' ':
      if (node && node.children.length > 0) c.onToggleCollapse(node.span.spanId);
      return node !== null;
    case '+':
    case '=':
      c.zoomBy(1.5);
      return true;
    case '-':
    case '_':
      c.zoomBy(1 / 1.5);
      return true;
    case '0':
      c.fit();
      return true;
    case 'f':
    case 'F':
      c.zoomToSelection();
      return true;
    case 'c':
    case 'C':
      c.toggleCritical();
      return true;
    default:
      return false;
  }
}
