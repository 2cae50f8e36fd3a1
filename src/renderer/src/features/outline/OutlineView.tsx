// The outline: the trace as a compact indented tree, one row per visible span, virtualised.
// Arrow keys walk it the way a tree view does (right opens / goes to the first child, left
// closes / goes to the parent); Enter moves focus to the inspector.
import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { useViewSize } from '../../components/canvas/useViewSize.ts';
import { maxIndentLevels } from '../../lib/indent.ts';
import { VirtualList, type VirtualListHandle } from '../../components/VirtualList.tsx';
import { traceExtent } from '../../model/spanTiming.ts';
import { visibleRows, type SpanNode } from '../../model/traceTree.ts';
import type { TraceViewProps } from '../../components/traceViewProps.ts';
import { INDENT_PX, OutlineRow } from './OutlineRow.tsx';
import { takePendingOutlineFocus } from '../../components/focusOutline.ts';

export const OUTLINE_ROW_HEIGHT = 22;

export interface OutlineViewProps extends TraceViewProps {
  /** Enter on a row: show the span in the inspector and move focus there. */
  onOpenSpan?: (spanId: string) => void;
}

export function OutlineView({
  tree,
  selectedSpanId,
  onSelectSpan,
  collapsed,
  onToggleCollapse,
  searchMatches,
  now,
  onOpenSpan,
}: OutlineViewProps) {
  const rows = useMemo(() => visibleRows(tree, collapsed), [tree, collapsed]);
  const list = useRef<VirtualListHandle>(null);
  const selectedIndex = useMemo(
    () => rows.findIndex((node) => node.span.spanId === selectedSpanId),
    [rows, selectedSpanId],
  );
  // A scan of every span (is any still running?): once per tree and tick, not per render.
  const extent = useMemo(() => traceExtent(tree, now), [tree, now]);

  useEffect(() => {
    if (selectedIndex >= 0) list.current?.scrollToIndex(selectedIndex);
  }, [selectedIndex]);
  // Indentation stops at a quarter of the pane's width (it shares the row with the figures'
  // columns), so deep rows keep their names in view.
  const outline = useRef<HTMLDivElement>(null);
  const { width } = useViewSize(outline);
  const indentLevels = width > 0 ? maxIndentLevels(width, INDENT_PX, 0.25) : Number.POSITIVE_INFINITY;
  useEffect(() => {
    if (takePendingOutlineFocus()) list.current?.element()?.focus();
  }, []);

  const select = (node: SpanNode | undefined) => {
    if (node) onSelectSpan(node.span.spanId);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const current = rows[selectedIndex];
    const isOpen = current ? current.children.length > 0 && !collapsed.has(current.span.spanId) : false;
    switch (event.key) {
      case 'ArrowDown':
        select(rows[selectedIndex < 0 ? 0 : Math.min(rows.length - 1, selectedIndex + 1)]);
        break;
      case 'ArrowUp':
        select(rows[selectedIndex < 0 ? 0 : Math.max(0, selectedIndex - 1)]);
        break;
      case 'PageDown':
        select(rows[Math.min(rows.length - 1, Math.max(0, selectedIndex) + 20)]);
        break;
      case 'PageUp':
        select(rows[Math.max(0, selectedIndex - 20)]);
        break;
      case 'Home':
        select(rows[0]);
        break;
      case 'End':
        select(rows[rows.length - 1]);
        break;
      case 'ArrowRight':
        if (!current) select(rows[0]);
        else if (current.children.length === 0) return;
        else if (!isOpen) onToggleCollapse(current.span.spanId);
        else select(current.children[0]);
        break;
      case 'ArrowLeft':
        if (!current) return;
        if (isOpen) onToggleCollapse(current.span.spanId);
        else select(current.parent ?? undefined);
        break;
      case 'Enter':
        if (current) onOpenSpan?.(current.span.spanId);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  return (
    <div ref={outline} className="outline">
      <div className="outline-header">
        <span className="outline-header-name">Span</span>
        <span className="outline-col outline-col-bar">Timeline</span>
        <span className="outline-col">Duration</span>
        <span className="outline-col outline-col-narrow">Tokens</span>
        <span className="outline-col outline-col-cost">Cost</span>
      </div>
      <VirtualList
        ref={list}
        className="outline-body"
        count={rows.length}
        rowHeight={OUTLINE_ROW_HEIGHT}
        scrollerProps={{
          id: 'outline-body',
          tabIndex: 0,
          role: 'tree',
          'aria-label': 'Span outline',
          onKeyDown,
        }}
        renderRow={(index, top) => {
          const node = rows[index]!;
          const id = node.span.spanId;
          return (
            <OutlineRow
              key={id}
              node={node}
              top={top}
              height={OUTLINE_ROW_HEIGHT}
              selected={id === selectedSpanId}
              collapsed={collapsed.has(id)}
              match={searchMatches ? searchMatches.has(id) : null}
              orphan={tree.orphanIds.has(id) || tree.cycleIds.has(id)}
              traceStart={extent.startTime}
              traceDurationMs={extent.endTime - extent.startTime}
              now={now}
              onSelect={onSelectSpan}
              onToggle={onToggleCollapse}
              onOpen={onOpenSpan}
              indentLevels={indentLevels}
            />
          );
        }}
      />
    </div>
  );
}
