// Offsets of variable-height items: estimates until measured, tops as prefix sums brought up to
// date from the first changed item, and the item under an offset by binary search.
import { describe, expect, it } from 'vitest';
import { HeightIndex } from '../../src/renderer/src/lib/heightIndex.ts';

describe('HeightIndex', () => {
  it('places items by their estimate until measured', () => {
    const list = new HeightIndex(5, 100);
    expect([0, 1, 4].map((i) => list.start(i))).toEqual([0, 100, 400]);
    expect(list.end(4)).toBe(500);
    expect(list.total()).toBe(500);
  });

  it('moves every item after a measured one, and says by how much it changed', () => {
    const list = new HeightIndex(5, 100);
    expect(list.total()).toBe(500); // sums made before the change
    expect(list.set(1, 250)).toBe(150);
    expect(list.set(1, 250)).toBe(0);
    expect([1, 2, 4].map((i) => list.start(i))).toEqual([100, 350, 550]);
    expect(list.set(3, 40)).toBe(-60);
    expect(list.total()).toBe(590);
    expect(list.height(3)).toBe(40);
  });

  it('finds the item under an offset, clamped to the list', () => {
    const list = new HeightIndex(4, 100);
    list.set(2, 300); // tops 0, 100, 200, 500; bottom 600
    expect([-5, 0, 99.5, 100, 250, 499, 500, 599, 10_000].map((y) => list.indexAt(y))).toEqual([
      0, 0, 0, 1, 2, 2, 3, 3, 3,
    ]);
  });

  it('takes no items, and ignores indices outside the list', () => {
    const empty = new HeightIndex(0, 100);
    expect([empty.total(), empty.indexAt(50), empty.start(0)]).toEqual([0, 0, 0]);
    const list = new HeightIndex(2, 100);
    expect(list.set(5, 10)).toBe(0);
    expect(list.start(7)).toBe(200);
  });

  it('keeps 60,000 items in typed arrays: a change near the top re-sums once', () => {
    const list = new HeightIndex(60_000, 140);
    expect(list.total()).toBe(8_400_000);
    for (let i = 0; i < 12; i++) list.set(48_000 + i, 200);
    list.set(3, 10);
    expect(list.total()).toBe(8_400_000 + 12 * 60 - 130);
    expect(list.indexAt(list.start(48_005) + 1)).toBe(48_005);
  });
});
