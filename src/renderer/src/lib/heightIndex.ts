// Where each item of a long list of variable-height items sits (the transcript's cards): an
// item's height is an estimate until it is measured, and its top is the sum of the heights
// before it. The sums live in one Float64Array and are brought up to date lazily, from the first
// changed item on, so measuring the dozen cards on screen costs at most one pass over the list
// rather than one per card, and finding the item at a scroll offset is a binary search. At
// 60,000 items that pass takes well under a millisecond, and nothing is allocated per item. Pure.

export class HeightIndex {
  readonly count: number;
  readonly #heights: Float64Array;
  /** #ends[i]: the bottom of item i, valid for i ≤ #validUpTo. */
  readonly #ends: Float64Array;
  #validUpTo = -1;

  constructor(count: number, estimate: number) {
    this.count = count;
    this.#heights = new Float64Array(count).fill(estimate);
    this.#ends = new Float64Array(count);
  }

  height(index: number): number {
    return this.#heights[index] ?? 0;
  }

  /** Records an item's height; returns by how much it changed (0: it did not). */
  set(index: number, height: number): number {
    if (index < 0 || index >= this.count) return 0;
    const change = height - this.#heights[index]!;
    if (change === 0) return 0;
    this.#heights[index] = height;
    this.#validUpTo = Math.min(this.#validUpTo, index - 1);
    return change;
  }

  /** The top of an item (the list's height for index = count). */
  start(index: number): number {
    if (index <= 0) return 0;
    return this.end(Math.min(index, this.count) - 1);
  }

  /** The bottom of an item. */
  end(index: number): number {
    this.#sumUpTo(index);
    return this.#ends[index] ?? 0;
  }

  total(): number {
    return this.count === 0 ? 0 : this.end(this.count - 1);
  }

  /** The item under a vertical offset, clamped to the list (0 for an empty one). */
  indexAt(offset: number): number {
    if (this.count === 0) return 0;
    this.#sumUpTo(this.count - 1);
    const ends = this.#ends;
    // The first item whose bottom is below the offset.
    let low = 0;
    let high = this.count - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (ends[middle]! > offset) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  #sumUpTo(index: number): void {
    const last = Math.min(index, this.count - 1);
    const heights = this.#heights;
    const ends = this.#ends;
    let sum = this.#validUpTo >= 0 ? ends[this.#validUpTo]! : 0;
    for (let i = this.#validUpTo + 1; i <= last; i++) {
      sum += heights[i]!;
      ends[i] = sum;
    }
    if (last > this.#validUpTo) this.#validUpTo = last;
  }
}
