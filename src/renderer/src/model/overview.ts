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

/** Rows handled between two pause points of buildOverviewSliced (and a pause after each lane). */
const ROWS_PER_PAUSE = 8192;

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
  const perLane: number[][] = Array.from({ length: laneCount }, () => []);
  for (let i = 0; i < rows.length; i++) {
    if ((i + 1) % ROWS_PER_PAUSE === 0) yield;
    perLane[Math.floor((i * laneCount) / rows.length)]!.push(i);
  }

  const lanes: OverviewLane[] = [];
  for (const indexes of perLane) {
    yield;
    lanes.push(buildLane(rows, indexes, traceStart, pxPerMs, now));
  }
  const errorColumns = new Set<number>();
  for (let i = 0; i < rows.length; i++) {
    if ((i + 1) % ROWS_PER_PAUSE === 0) yield;
    const row = rows[i]!;
    if (row.span.status !== 'error') continue;
    errorColumns.add(Math.round((spanStart(row.span, traceStart) - traceStart) * pxPerMs));
  }
  return { lanes, laneHeight, errorXs: Float32Array.from([...errorColumns].sort((a, b) => a - b)) };
}

/** One lane's bars, merged into runs a pixel apart; each run takes its longest span's type. */
function buildLane(
  rows: readonly SpanNode[],
  indexes: readonly number[],
  traceStart: number,
  pxPerMs: number,
  now: number,
): OverviewLane {
  const items = indexes.map((i) => {
    const span = rows[i]!.span;
    const s = (spanStart(span, traceStart) - traceStart) * pxPerMs;
    const e = (spanEnd(span, traceStart, now) - traceStart) * pxPerMs;
    return { s, e: Math.max(e, s + 1), type: span.type, len: e - s };
  });
  items.sort((a, b) => a.s - b.s);
  const x0: number[] = [];
  const x1: number[] = [];
  const types: SpanType[] = [];
  const longest: number[] = [];
  for (const item of items) {
    const last = x1.length - 1;
    if (last >= 0 && item.s <= x1[last]! + 1) {
      x1[last] = Math.max(x1[last]!, item.e);
      if (item.len > longest[last]!) {
        longest[last] = item.len;
        types[last] = item.type;
      }
    } else {
      x0.push(item.s);
      x1.push(item.e);
      types.push(item.type);
      longest.push(item.len);
    }
  }
  return { x0: Float32Array.from(x0), x1: Float32Array.from(x1), types };
}
