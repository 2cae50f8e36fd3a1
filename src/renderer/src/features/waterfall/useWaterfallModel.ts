// What the waterfall shows, derived from the trace and the pane: the visible rows, the time
// axis's length, the layout, the critical path and the overview image. Memoised per input, so
// a frame that only pans reuses all of it.
import { useMemo } from 'react';
import { viewDebug } from '../../components/canvas/debugHook.ts';
import { useSliced } from '../../components/useSliced.ts';
import type { Sliceable } from '../../lib/slicedTask.ts';
import type { TraceViewProps } from '../../components/traceViewProps.ts';
import type { ViewSize } from '../../components/canvas/useViewSize.ts';
import type { ThemeColors } from '../../state/useThemeColors.ts';
import { useStore } from '../../state/createStore.ts';
import { preferencesStore } from '../../state/preferences.ts';
import { criticalPath } from '../../model/criticalPath.ts';
import { buildOverviewSliced } from '../../model/overview.ts';
import { rowLookup } from '../../model/rowLookup.ts';
import { hasRunningSpans } from '../../model/spanTiming.ts';
import { NO_COLLAPSE, type SpanNode, visibleRows } from '../../model/traceTree.ts';
import { createSummaryCache } from './collapsedSummary.ts';
import { OVERVIEW_HEIGHT, paintOverviewImage } from './renderOverview.ts';
import { makeLayout } from './waterfallGeometry.ts';
import { groupSegments, labelColumnWidth } from './waterfallWindow.ts';

export function useWaterfallModel(
  props: Pick<TraceViewProps, 'tree' | 'collapsed' | 'now' | 'playhead'>,
  size: ViewSize,
  colors: ThemeColors,
  showCritical: boolean,
  /** False until the first frame has painted: the overview is left out of it. */
  overviewWanted = true,
) {
  const { tree, collapsed, now } = props;
  const playhead = props.playhead ?? null;
  const rows = useMemo(() => visibleRows(tree, collapsed), [tree, collapsed]);
  const rowIndex = useMemo(() => rowLookup(tree, rows), [tree, rows]);
  const running = useMemo(() => hasRunningSpans(tree), [tree]);
  const liveNow = playhead ? playhead.time : running ? Math.max(now, tree.endTime) : tree.endTime;
  // During playback the axis keeps the whole recording's length while the playhead moves along it.
  const totalMs = Math.max((playhead ? playhead.endTime : liveNow) - tree.startTime, 0.001);
  const chosenLabelWidth = useStore(preferencesStore, (p) => p.panes.waterfallLabels);
  const layout = useMemo(
    () =>
      makeLayout(size.width, size.height - OVERVIEW_HEIGHT, labelColumnWidth(size.width, chosenLabelWidth)),
    [size, chosenLabelWidth],
  );
  const critical = useMemo(
    () => (showCritical ? groupSegments(criticalPath(tree, liveNow).segments) : null),
    [showCritical, tree, liveNow],
  );
  const summary = useMemo(() => createSummaryCache(tree.startTime, liveNow), [tree, liveNow]);
  const allRows = useMemo(() => visibleRows(tree, NO_COLLAPSE), [tree]);
  // During playback "now" moves every frame; the overview (a scan of every row) only needs
  // redrawing once the playhead has moved one of its pixels.
  const overviewPxMs = totalMs / Math.max(1, layout.timelineRight - layout.timelineLeft);
  const overviewNow = playhead
    ? tree.startTime + Math.ceil((liveNow - tree.startTime) / overviewPxMs) * overviewPxMs
    : liveNow;
  // Keyed on the strip's width, not the whole layout: a change of the pane's height (the
  // bottom-up table opening under it) must not rescan 100,000 rows for the same image.
  const overviewWidth = layout.timelineRight - layout.timelineLeft;
  const overviewInput = useMemo(
    () =>
      overviewWanted && size.width > 0 && overviewWidth > 0
        ? {
            rows: allRows,
            traceStart: tree.startTime,
            totalMs,
            now: overviewNow,
            width: overviewWidth,
            colors,
          }
        : null,
    [overviewWanted, allRows, tree.startTime, totalMs, overviewNow, overviewWidth, size.width, colors],
  );
  // In slices: at 100,000 spans the scan is a long task. During playback, and while live spans
  // arrive, the input changes every few frames, so a build under way finishes (and the newest
  // input follows) instead of being cancelled over and over; and after a build of several slices
  // the next one waits twice as long as it took, so at 1,000,000 spans the strip takes at most a
  // third of the main thread (bench/bigTrace.bench.ts, live spans).
  const overview = useSliced(overviewInput, overviewImageOf, { cancelStale: false, restFactor: 2 });
  const overviewImage = overview.done?.value ?? null;

  return { rows, rowIndex, running, liveNow, totalMs, layout, critical, summary, overviewImage };
}

interface OverviewInput {
  rows: readonly SpanNode[];
  traceStart: number;
  totalMs: number;
  now: number;
  width: number;
  colors: ThemeColors;
}

function* overviewImageOf(input: OverviewInput | null): Sliceable<HTMLCanvasElement | null> {
  if (input === null) return null;
  const debug = viewDebug('waterfall');
  debug.overviewBuilds = ((debug.overviewBuilds as number | undefined) ?? 0) + 1;
  const { rows, traceStart, totalMs, now, width, colors } = input;
  const overview = yield* buildOverviewSliced(rows, traceStart, totalMs, now, width, OVERVIEW_HEIGHT - 8);
  return paintOverviewImage(overview, colors, width, window.devicePixelRatio || 1);
}

export type WaterfallModel = ReturnType<typeof useWaterfallModel>;
