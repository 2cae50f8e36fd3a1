// The waterfall's keys, in the order they are tried: Esc clears the range, then the bottom-up
// highlight; W/A/S/D zoom and pan while held (keyPanZoom.ts); the row and view keys
// (waterfallKeys.ts).
import type { KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { WaterfallController } from './useWaterfall.ts';
import { ROW_HEIGHT, RULER_HEIGHT } from './waterfallGeometry.ts';
import { handleWaterfallKey } from './waterfallKeys.ts';

export function waterfallKeyboard(c: WaterfallController) {
  const { props, model } = c;
  const { layout } = model;
  return {
    onKeyDown(e: ReactKeyboardEvent<HTMLDivElement>) {
      if (e.metaKey || e.ctrlKey || e.altKey) return;
      if (e.key === 'Escape' && (c.rangeRef.current || c.picked)) {
        e.preventDefault();
        e.stopPropagation();
        if (c.rangeRef.current) c.clearRange();
        else c.setPicked(null);
        return;
      }
      const handled =
        c.keys.down(e.key) ||
        handleWaterfallKey(e.key, {
          rows: model.rows,
          rowIndex: model.rowIndex,
          selectedSpanId: props.selectedSpanId,
          collapsed: props.collapsed,
          onSelectSpan: props.onSelectSpan,
          onToggleCollapse: props.onToggleCollapse,
          pageRows: Math.max(1, Math.floor((layout.heightPx - RULER_HEIGHT) / ROW_HEIGHT) - 1),
          zoomBy: (f) => c.zoom.zoomBy(f, (layout.timelineLeft + layout.timelineRight) / 2),
          fit: c.fit,
          zoomToSelection: c.zoomToSelection,
          toggleCritical: c.toggleCritical,
        });
      if (handled) {
        e.preventDefault();
        e.stopPropagation();
      }
    },
    onKeyUp(e: ReactKeyboardEvent<HTMLDivElement>) {
      c.keys.up(e.key);
    },
    onBlur() {
      c.keys.stop();
    },
  };
}
