// The overview strip (minimap) above the waterfall: every span of the trace, squeezed into a
// few dozen pixel lanes (rows in tree order, grouped) by the width of the strip. Each lane's
// bars are merged into runs a pixel apart once, when the trace or the strip's size changes, so
// drawing the whole 100,000-span trace costs a few thousand rectangles, not 100,000.
import type { SpanType } from '../../../shared/types.ts';
import { runToEnd, type Sliceable } from '../lib/slicedTask.ts';
import type { SpanNode } from './traceTree.ts';
import { spanEnd, spanStart } from './spanTiming.ts';

export interface OverviewLane {
  /** Pixel runs [x0, x1] in the strip's CSS pixels. */
  x0: Float32Array;
  x1: Float32Array;
  /** The type of the longest span in each run, for its colour. */
  types: SpanType[];
}

export interface Overview {
  lanes: OverviewLane[];
  laneHeight: number;
  /** Pixel columns where a failed span starts, deduplicated: drawn as red ticks. */
  errorXs: Float32Array;
}

export function buildOverview(
  rows: readonly SpanNode[],
  traceStart: number,
  totalMs: number,
  now: number,
  widthPx: number,
  heightPx: number,
): Overview {
  return runToEnd(buildOverviewSliced(rows, traceStart, totalMs, now, widthPx, heightPx));
}

/** buildOverview() as a computation that pauses between lanes: at 100,000 spans it is a long task. */
export function* buildOverviewSliced(
  rows: readonly SpanNode[],
  traceStart: number,
  totalMs: number,
  now: number,
  widthPx: number,
  heightPx: number,
): Sliceable<Overview> {
  const laneCount = Math.max(1, Math.min(rows.length, Math.floor(heightPx / 2)));
  const laneHeight = heightPx / laneCount;
  const pxPerMs = widthPx / Math.max(totalMs, 1e-6);
  // Pixel columns where a failed span starts, gathered as the lanes read their rows.
  const errorColumns = new Set<number>();
  const scale = { traceStart, pxPerMs, now, widthPx, errorColumns };
  const lanes: OverviewLane[] = [];
  for (let lane = 0; lane < laneCount; lane++) {
    yield;
    // Row i goes to lane floor(i * laneCount / rows.length): each lane is a block of rows.
    const from = Math.ceil((lane * rows.length) / laneCount);
    const to = Math.ceil(((lane + 1) * rows.length) / laneCount);
    lanes.push(buildLane(rows, from, to, scale));
  }
  return { lanes, laneHeight, errorXs: Float32Array.from([...errorColumns].sort((a, b) => a - b)) };
}

interface Scale {
  traceStart: number;
  pxPerMs: number;
  now: number;
  widthPx: number;
  errorColumns: Set<number>;
}

/**
 * How many pixel columns the starts of one lane may spread over, per pixel of the strip, before
 * its bars are sorted instead (starts far outside the strip: see buildLane).
 */
const MAX_COLUMNS_PER_PX = 8;

/** Bars gathered for the merge: the lowest start, the furthest end and the longest bar (its row). */
interface Groups {
  count: number;
  low: (g: number) => number;
  far: (g: number) => number;
  longest: (g: number) => number;
}

/**
 * One lane's bars (rows [from, to)), merged into runs a pixel apart as if taken in order of start
 * (then of row): a bar joins the run before it when it starts at most a pixel after the run's end.
 * Each run takes its longest bar's type, the first in that order of equal length.
 *
 * Bars that start in the same pixel column always join one run (each is at least a pixel long),
 * so no sort is needed: the bars are gathered by column, in one pass, and the columns are merged
 * in order. Sorting an object per bar was most of the strip's cost at a million rows, and most of
 * the garbage the page made while a live million-span trace grew (docs/architecture.md).
 */
function buildLane(
  rows: readonly SpanNode[],
  from: number,
  to: number,
  { traceStart, pxPerMs, now, widthPx, errorColumns }: Scale,
): OverviewLane {
  const count = to - from;
  const starts = new Float64Array(count);
  const ends = new Float64Array(count);
  let first = Infinity;
  let last = -Infinity;
  for (let k = 0; k < count; k++) {
    const span = rows[from + k]!.span;
    const start = (spanStart(span, traceStart) - traceStart) * pxPerMs;
    starts[k] = start;
    ends[k] = (spanEnd(span, traceStart, now) - traceStart) * pxPerMs;
    if (start < first) first = start;
    if (start > last) last = start;
    if (span.status === 'error') errorColumns.add(Math.round(start));
  }
  const length = (k: number) => ends[k]! - starts[k]!;
  const origin = Math.floor(first);
  const columns = Math.floor(last) - origin + 1;
  // Starts spread far beyond the strip (a clock far off) would make too many columns: sorted.
  if (count === 0 || !(columns <= MAX_COLUMNS_PER_PX * (Math.max(1, widthPx) + 2))) {
    const order = Array.from({ length: count }, (_, k) => k).sort((a, b) => starts[a]! - starts[b]! || a - b);
    return mergeRuns(rows, from, length, {
      count,
      low: (g) => starts[order[g]!]!,
      far: (g) => Math.max(ends[order[g]!]!, starts[order[g]!]! + 1),
      longest: (g) => order[g]!,
    });
  }
  const low = new Float64Array(columns).fill(Infinity);
  const far = new Float64Array(columns).fill(-Infinity);
  const longest = new Int32Array(columns).fill(-1);
  for (let k = 0; k < count; k++) {
    const start = starts[k]!;
    const column = Math.floor(start) - origin;
    if (start < low[column]!) low[column] = start;
    far[column] = Math.max(far[column]!, ends[k]!, start + 1);
    const held = longest[column]!;
    // Rows come in order, so of two bars of one length and start the earlier is kept.
    if (held < 0 || length(k) > length(held) || (length(k) === length(held) && start < starts[held]!))
      longest[column] = k;
  }
  const used: number[] = [];
  for (let c = 0; c < columns; c++) if (longest[c]! >= 0) used.push(c);
  return mergeRuns(rows, from, length, {
    count: used.length,
    low: (g) => low[used[g]!]!,
    far: (g) => far[used[g]!]!,
    longest: (g) => longest[used[g]!]!,
  });
}

/** The runs of `groups` (in order of start), each typed by its longest bar (the first of a length). */
function mergeRuns(
  rows: readonly SpanNode[],
  from: number,
  length: (bar: number) => number,
  groups: Groups,
): OverviewLane {
  const x0: number[] = [];
  const x1: number[] = [];
  const types: SpanType[] = [];
  const longest: number[] = [];
  for (let g = 0; g < groups.count; g++) {
    const bar = groups.longest(g);
    const run = x1.length - 1;
    if (run >= 0 && groups.low(g) <= x1[run]! + 1) {
      x1[run] = Math.max(x1[run]!, groups.far(g));
      if (length(bar) > length(longest[run]!)) longest[run] = bar;
    } else {
      x0.push(groups.low(g));
      x1.push(groups.far(g));
      longest.push(bar);
    }
  }
  for (const bar of longest) types.push(rows[from + bar]!.span.type);
  return { x0: Float32Array.from(x0), x1: Float32Array.from(x1), types };
}
