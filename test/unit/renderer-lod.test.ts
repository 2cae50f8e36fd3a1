import { describe, expect, it } from 'vitest';
import { buildOccupancy, occupancyPixelRuns, pickLevel } from '../../src/renderer/src/model/occupancy.ts';

describe('buildOccupancy', () => {
  it('merges overlapping intervals exactly at level 0', () => {
    const occ = buildOccupancy([0, 5, 20, 2], [10, 12, 30, 3]);
    expect([...occ.levels[0]!.starts]).toEqual([0, 20]);
    expect([...occ.levels[0]!.ends]).toEqual([12, 30]);
  });

  it('closes wider gaps at each coarser level until one run is left', () => {
    const starts = Array.from({ length: 1000 }, (_, i) => i * 10);
    const ends = starts.map((s) => s + 1);
    const occ = buildOccupancy(starts, ends);
    expect(occ.levels[0]!.starts.length).toBe(1000);
    const counts = occ.levels.map((l) => l.starts.length);
    for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeLessThan(counts[i - 1]!);
    expect(counts.at(-1)).toBe(1);
  });

  it('treats inverted intervals as instants', () => {
    const occ = buildOccupancy([10], [5]);
    expect([...occ.levels[0]!.ends]).toEqual([10]);
  });
});

describe('occupancyPixelRuns', () => {
  // 100,000 one-ms spans spread over 1,000 s, as under a collapsed root of a huge trace.
  const n = 100_000;
  const starts = Array.from({ length: n }, (_, i) => i * 10);
  const ends = starts.map((s) => s + 1);
  const occ = buildOccupancy(starts, ends);

  it('never returns more runs than the pixels of the window when zoomed out', () => {
    const runs = occupancyPixelRuns(occ, 0, 1_000_000, 1000 / 1_000_000);
    expect(runs.length / 2).toBeLessThanOrEqual(1000);
    expect(runs.length / 2).toBeGreaterThan(0);
    expect(runs[0]).toBe(0);
  });

  it('shows every gap once a gap is wider than a pixel', () => {
    // Window of 100 ms at 10 px/ms: spans 1 ms wide, 9 ms apart: ten separate runs.
    const runs = occupancyPixelRuns(occ, 0, 100, 10);
    expect(runs.length / 2).toBe(10);
    expect(runs.slice(0, 4)).toEqual([0, 10, 100, 110]);
  });

  it('picks coarser levels as the zoom goes out', () => {
    const fine = pickLevel(occ, 0.001);
    const coarse = pickLevel(occ, 1000);
    expect(coarse.starts.length).toBeLessThan(fine.starts.length);
    expect(coarse.gapMs).toBeLessThanOrEqual(1000);
  });
});
