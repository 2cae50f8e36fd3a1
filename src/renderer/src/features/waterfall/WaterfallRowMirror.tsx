// The waterfall's rows on screen as DOM: a treegrid whose rows sit exactly over the canvas
// labels, with transparent text. Screen readers read it, the browser's find-in-page finds (and
// highlights in place) span names, and text-based tests see them. Virtual like the canvas: only
// the rows on screen, kept in step by the draw loop through a small store (no re-render of the
// whole view per scroll).
import { memo } from 'react';
import { STATUS_LABEL } from '../../components/StatusIcon.tsx';
import { SPAN_TYPE_LABEL } from '../../components/spanTypes.ts';
import { formatDuration } from '../../lib/format.ts';
import type { SpanNode } from '../../model/traceTree.ts';
import { createStore, type Store, useStore } from '../../state/createStore.ts';
import { CHEVRON_WIDTH, indentPx, ROW_HEIGHT, rowTop, type WaterfallLayout } from './waterfallGeometry.ts';

export interface MirrorRange {
  first: number;
  /** Exclusive. */
  last: number;
  scrollTop: number;
}

export const createMirrorStore = (): Store<MirrorRange> => createStore({ first: 0, last: 0, scrollTop: 0 });

/** Called from the draw loop; changes the store (and so renders the mirror) only when rows move. */
export function syncMirror(store: Store<MirrorRange>, first: number, last: number, scrollTop: number): void {
  const prev = store.get();
  if (prev.first !== first || prev.last !== last || prev.scrollTop !== scrollTop)
    store.set({ first, last, scrollTop });
}

export interface WaterfallRowMirrorProps {
  store: Store<MirrorRange>;
  rows: readonly SpanNode[];
  layout: WaterfallLayout;
  /** Where the row canvas starts inside the view body (below the overview strip). */
  offsetTop: number;
  selectedSpanId: string | null;
  collapsed: ReadonlySet<string>;
}

export const WaterfallRowMirror = memo(function WaterfallRowMirror({
  store,
  rows,
  layout,
  offsetTop,
  selectedSpanId,
  collapsed,
}: WaterfallRowMirrorProps) {
  const { first, last, scrollTop } = useStore(store);
  const shown: SpanNode[] = rows.slice(first, Math.min(last, rows.length));
  return (
    <div
      role="treegrid"
      aria-label="Spans"
      aria-rowcount={rows.length}
      aria-readonly="true"
      className="waterfall-mirror"
      style={{ top: offsetTop, width: layout.labelWidth, height: Math.max(0, layout.heightPx) }}
    >
      {shown.map((node, i) => {
        const { span } = node;
        const index = first + i;
        const nameLeft = indentPx(layout, node.depth) + CHEVRON_WIDTH + 21;
        return (
          <div
            key={span.spanId}
            role="row"
            aria-rowindex={index + 1}
            aria-level={node.depth + 1}
            aria-selected={span.spanId === selectedSpanId}
            aria-expanded={node.children.length > 0 ? !collapsed.has(span.spanId) : undefined}
            data-span-id={span.spanId}
            className="waterfall-mirror-row"
            style={{ top: rowTop(index, scrollTop), height: ROW_HEIGHT }}
          >
            <span role="gridcell" className="waterfall-mirror-name" style={{ left: nameLeft }}>
              {span.name}
            </span>
            <span role="gridcell" className="waterfall-mirror-extra">
              {SPAN_TYPE_LABEL[span.type]}
            </span>
            <span role="gridcell" className="waterfall-mirror-extra">
              {span.status === 'running' ? 'running' : formatDuration(span.durationMs)}
            </span>
            <span role="gridcell" className="waterfall-mirror-extra">
              {STATUS_LABEL[span.status]}
            </span>
          </div>
        );
      })}
    </div>
  );
});
