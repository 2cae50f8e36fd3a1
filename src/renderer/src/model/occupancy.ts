// Level of detail for time intervals: "draw what a pixel can show" (performance-notes.md).
// A set of intervals (e.g. the 100,000 descendants hidden under a collapsed row) is merged once
// into levels of coarser and coarser detail; a frame picks the level whose merge gap is below
// one pixel and draws only the runs inside the window, so the cost of a frame follows the
// canvas width, never the span count.

export interface OccupancyLevel {
  /** Gaps narrower than this (ms) are closed at this level. */
  gapMs: number;
  /** Merged runs, sorted, disjoint: [starts[i], ends[i]]. */
  starts: Float64Array;
  ends: Float64Array;
}

export interface Occupancy {
  /** levels[0] is the exact union; each next level closes gaps 4× wider. */
  levels: OccupancyLevel[];
}

const LEVEL_FACTOR = 4;

/** Merges runs whose gap is below `gapMs`; input sorted by start. */
function mergeRuns(starts: ArrayLike<number>, ends: ArrayLike<number>, gapMs: number): OccupancyLevel {
  const outStarts: number[] = [];
  const outEnds: number[] = [];
  for (let i = 0; i < starts.length; i++) {
    const s = starts[i]!;
    const e = ends[i]!;
    const last = outEnds.length - 1;
    if (last >= 0 && s - outEnds[last]! <= gapMs) {
      if (e > outEnds[last]!) outEnds[last] = e;
    } else {
      outStarts.push(s);
      outEnds.push(e);
    }
  }
  return { gapMs, starts: Float64Array.from(outStarts), ends: Float64Array.from(outEnds) };
}

/**
 * Builds the levels for intervals given as parallel arrays (times in any unit, usually ms since
 * trace start). Empty or inverted intervals count as instants.
 */
export function buildOccupancy(starts: ArrayLike<number>, ends: ArrayLike<number>): Occupancy {
  const n = starts.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => starts[a]! - starts[b]!);
  const s = new Float64Array(n);
  const e = new Float64Array(n);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const j = order[i]!;
    s[i] = starts[j]!;
    e[i] = Math.max(ends[j]!, starts[j]!);
    if (s[i]! < min) min = s[i]!;
    if (e[i]! > max) max = e[i]!;
  }
  const levels: OccupancyLevel[] = [mergeRuns(s, e, 0)];
  const extent = max - min;
  if (!(extent > 0)) return { levels };
  // The first coarse level closes gaps of a millionth of the extent: finer than any zoom shows.
  let gap = extent / 1_048_576;
  while (levels[levels.length - 1]!.starts.length > 1) {
    const previous = levels[levels.length - 1]!;
    const next = mergeRuns(previous.starts, previous.ends, gap);
    if (next.starts.length < previous.starts.length) levels.push(next);
    else levels[levels.length - 1] = { ...previous, gapMs: Math.max(previous.gapMs, gap) };
    gap *= LEVEL_FACTOR;
    if (gap > extent * LEVEL_FACTOR) break;
  }
  return { levels };
}

/** The coarsest level whose closed gaps are all narrower than `msPerPx` (invisible at this zoom). */
export function pickLevel(occupancy: Occupancy, msPerPx: number): OccupancyLevel {
  let chosen = occupancy.levels[0]!;
  for (const level of occupancy.levels) {
    if (level.gapMs <= msPerPx) chosen = level;
    else break;
  }
  return chosen;
}

/** Index of the first run ending after `t` (binary search). */
export function firstRunEndingAfter(level: OccupancyLevel, t: number): number {
  let lo = 0;
  let hi = level.ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (level.ends[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Pixel runs to draw for the window [startMs, endMs] at `pxPerMs`: each at least one pixel wide,
 * touching runs merged, so the result never exceeds the window's width in pixels.
 */
export function occupancyPixelRuns(
  occupancy: Occupancy,
  startMs: number,
  endMs: number,
  pxPerMs: number,
): number[] {
  const level = pickLevel(occupancy, 1 / pxPerMs);
  const runs: number[] = [];
  for (let i = firstRunEndingAfter(level, startMs); i < level.starts.length; i++) {
    const s = level.starts[i]!;
    if (s >= endMs) break;
    const x0 = Math.max(0, (s - startMs) * pxPerMs);
    const x1 = Math.max(x0 + 1, (Math.min(level.ends[i]!, endMs) - startMs) * pxPerMs);
    const last = runs.length - 2;
    if (last >= 0 && x0 <= runs[last + 1]! + 0.5) runs[last + 1] = Math.max(runs[last + 1]!, x1);
    else runs.push(x0, x1);
  }
  return runs;
}
