// Step alignment: a weighted longest common subsequence (Needleman–Wunsch with zero-cost gaps)
// over the two runs' flattened steps, maximising the summed pair weights of similarity.ts.
//
// Memory: the score table keeps two rows; only the traceback (one byte per cell) is kept whole.
// Up to MAX_FULL_CELLS cells (about 4,000 × 4,000 steps after trimming the common prefix and
// suffix) the whole table is filled and the alignment is optimal. Beyond that only a band around
// the diagonal is filled (MAX_FULL_CELLS cells in all), which still finds any alignment whose
// inserted/removed runs stay within the band's width: a heuristic, reported as method 'banded'.
import { keyWeight, placeBonus, stepKey } from './similarity.ts';
import type { Step } from './types.ts';

export const MAX_FULL_CELLS = 16_000_000;

/** Indices into the two step arrays; one side is null for an inserted or removed step. */
export interface IndexPair {
  a: number | null;
  b: number | null;
}

const STOP = 0;
const DIAG = 1;
const UP = 2; // step of A with no partner: removed
const LEFT = 3; // step of B with no partner: inserted

export function alignSteps(
  a: readonly Step[],
  b: readonly Step[],
  maxCells = MAX_FULL_CELLS,
): { pairs: IndexPair[]; method: 'full' | 'banded' } {
  const keysA = a.map(stepKey);
  const keysB = b.map(stepKey);
  let start = 0;
  while (start < a.length && start < b.length && keysA[start] === keysB[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && keysA[endA - 1] === keysB[endB - 1]) {
    endA--;
    endB--;
  }

  const pairs: IndexPair[] = [];
  for (let i = 0; i < start; i++) pairs.push({ a: i, b: i });
  const middle = alignMiddle(a, b, start, endA, endB, maxCells);
  pairs.push(...middle.pairs);
  for (let i = endA, j = endB; i < a.length; i++, j++) pairs.push({ a: i, b: j });
  return { pairs, method: middle.method };
}

function alignMiddle(
  a: readonly Step[],
  b: readonly Step[],
  start: number,
  endA: number,
  endB: number,
  maxCells: number,
): { pairs: IndexPair[]; method: 'full' | 'banded' } {
  const n = endA - start;
  const m = endB - start;
  const full = (n + 1) * (m + 1) <= maxCells;
  // Rows must overlap for a path to exist: consecutive band centres move by at most ceil(m/n).
  const width = full ? m : Math.max(Math.floor(maxCells / (n + 1) / 2), Math.ceil(m / Math.max(n, 1)));
  const loOf = (i: number) => (full ? 0 : Math.max(0, Math.round((i * m) / Math.max(n, 1)) - width));
  const hiOf = (i: number) => (full ? m : Math.min(m, Math.round((i * m) / Math.max(n, 1)) + width));
  const weight = weigher(a, b, start, n, m);

  const rowStart = new Float64Array(n + 2);
  for (let i = 0; i <= n; i++) rowStart[i + 1] = rowStart[i]! + (hiOf(i) - loOf(i) + 1);
  const dirs = new Uint8Array(rowStart[n + 1]!);
  let prev = new Float64Array(m + 1);
  let cur = new Float64Array(m + 1);
  let prevLo = 0;
  let prevHi = -1;
  for (let i = 0; i <= n; i++) {
    const lo = loOf(i);
    const hi = hiOf(i);
    const base = rowStart[i]! - lo;
    for (let j = lo; j <= hi; j++) {
      let best = -Infinity;
      let dir = STOP;
      if (i === 0 && j === 0) best = 0;
      if (i > 0 && j > 0 && j - 1 >= prevLo && j - 1 <= prevHi) {
        const w = weight(i - 1, j - 1);
        if (w > 0) {
          best = prev[j - 1]! + w;
          dir = DIAG;
        }
      }
      if (j > lo && cur[j - 1]! > best) {
        best = cur[j - 1]!;
        dir = LEFT;
      }
      if (i > 0 && j >= prevLo && j <= prevHi && prev[j]! > best) {
        best = prev[j]!;
        dir = UP;
      }
      cur[j] = best;
      dirs[base + j] = dir;
    }
    [prev, cur] = [cur, prev];
    prevLo = lo;
    prevHi = hi;
  }

  const reversed: IndexPair[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const dir = dirs[rowStart[i]! - loOf(i) + j];
    if (dir === DIAG) reversed.push({ a: start + --i, b: start + --j });
    else if (dir === UP) reversed.push({ a: start + --i, b: null });
    else if (dir === LEFT) reversed.push({ a: null, b: start + --j });
    else throw new Error(`alignment traceback reached an unfilled cell (${i}, ${j})`);
  }
  return { pairs: reversed.reverse(), method: full ? 'full' : 'banded' };
}

/** Pair weight of middle steps (i, j), with the key-dependent part cached per distinct key pair. */
function weigher(a: readonly Step[], b: readonly Step[], start: number, n: number, m: number) {
  const idsA = internKeys(a, start, n);
  const idsB = internKeys(b, start, m);
  const cache = new Map<number, number>();
  const stride = idsB.distinct;
  return (i: number, j: number): number => {
    const sa = a[start + i]!;
    const sb = b[start + j]!;
    const key = idsA.ids[i]! * stride + idsB.ids[j]!;
    let kw = cache.get(key);
    if (kw === undefined) {
      kw = keyWeight(sa, sb);
      cache.set(key, kw);
    }
    return kw > 0 ? kw + placeBonus(sa, sb, a.length, b.length) : 0;
  };
}

function internKeys(
  steps: readonly Step[],
  start: number,
  count: number,
): { ids: Int32Array; distinct: number } {
  const seen = new Map<string, number>();
  const ids = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const key = stepKey(steps[start + i]!);
    let id = seen.get(key);
    if (id === undefined) {
      id = seen.size;
      seen.set(key, id);
    }
    ids[i] = id;
  }
  return { ids, distinct: Math.max(seen.size, 1) };
}
