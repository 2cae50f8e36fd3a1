// One waterfall frame onto its two canvases: the rows (bars, labels, ruler, range) and the
// overview strip, then the row mirror and the debug hook brought in step with what was drawn.
import type { Store } from '../../state/createStore.ts';
import type { ThemeColors } from '../../state/useThemeColors.ts';
import type { TraceViewProps } from '../../components/traceViewProps.ts';
import { prepareCanvas } from '../../components/canvas/canvasKit.ts';
import type { TimeRange } from '../../model/bottomUp.ts';
import type { TimeScale } from '../../lib/timeScale.ts';
import { drawRange } from './renderRange.ts';
import { OVERVIEW_HEIGHT, renderOverview } from './renderOverview.ts';
import { renderWaterfall } from './renderWaterfall.ts';
import type { WaterfallFrameState } from './renderWaterfall.ts';
import type { WaterfallModel } from './useWaterfallModel.ts';
import { publishWaterfallDebug } from './waterfallDebug.ts';
import { rowRange } from './waterfallGeometry.ts';
import { type MirrorRange, syncMirror } from './WaterfallRowMirror.tsx';

export interface WaterfallPaintInput {
  props: TraceViewProps;
  model: WaterfallModel;
  colors: ThemeColors;
  scale: TimeScale;
  view: { scrollTop: number; hoverRow: number; hoverX: number | null };
  range: TimeRange | null;
  picked: { ids: ReadonlySet<string> } | null;
  mirror: Store<MirrorRange>;
  focused: boolean;
}

/** Returns false when there was nothing to paint on (no size yet, no context). */
export function paintWaterfall(
  canvas: HTMLCanvasElement,
  overviewCanvas: HTMLCanvasElement,
  p: WaterfallPaintInput,
): boolean {
  const { props, model, colors, scale, view } = p;
  const { layout, rows, totalMs } = model;
  const { tree, playhead } = props;
  if (layout.widthPx <= 0 || layout.heightPx <= 0) return false;
  const ctx = prepareCanvas(canvas, layout.widthPx, layout.heightPx);
  const octx = prepareCanvas(overviewCanvas, layout.widthPx, OVERVIEW_HEIGHT);
  if (!ctx || !octx) return false;
  const dpr = window.devicePixelRatio || 1;
  const frame: WaterfallFrameState = {
    layout,
    dpr,
    rows,
    scrollTop: view.scrollTop,
    scale,
    traceStart: tree.startTime,
    now: model.liveNow,
    running: model.running,
    selectedId: props.selectedSpanId,
    hoverRow: view.hoverRow,
    hoverX: view.hoverX,
    // A bottom-up row picked highlights its spans the way a search does.
    searchMatches: p.picked?.ids ?? props.searchMatches,
    collapsed: props.collapsed,
    critical: model.critical,
    summary: model.summary,
    colors,
    focused: p.focused,
    playheadMs: playhead ? playhead.time - tree.startTime : null,
    textExtent: { rowsRight: 0, rulerRight: 0 },
  };
  renderWaterfall(ctx, frame);
  if (p.range) drawRange(ctx, frame, p.range.startMs - tree.startTime, p.range.endMs - tree.startTime);
  renderOverview(octx, {
    layout,
    dpr,
    image: model.overviewImage,
    scale,
    totalMs,
    spanCount: tree.byId.size,
    colors,
  });
  const [first, last] = rowRange(layout, view.scrollTop, rows.length);
  syncMirror(p.mirror, first, last, view.scrollTop);
  publishWaterfallDebug({
    frame,
    canvas,
    rows,
    rowIndex: model.rowIndex,
    firstRow: first,
    lastRow: last,
    totalMs,
    range: p.range,
    highlightCount: p.picked ? p.picked.ids.size : null,
  });
  return true;
}
