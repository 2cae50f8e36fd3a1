import { describe, expect, it } from 'vitest';
import { listKeyTarget } from '../../src/renderer/src/lib/listKeys.ts';

describe('list keyboard movement', () => {
  it('steps, pages and jumps within the list, and ignores other keys', () => {
    expect(listKeyTarget('ArrowDown', -1, 5)).toBe(0);
    expect(listKeyTarget('ArrowUp', -1, 5)).toBe(0);
    expect(listKeyTarget('ArrowDown', 4, 5)).toBe(4);
    expect(listKeyTarget('PageDown', 1, 50)).toBe(21);
    expect(listKeyTarget('PageUp', 10, 50)).toBe(0);
    expect(listKeyTarget('Home', 7, 50)).toBe(0);
    expect(listKeyTarget('End', 7, 50)).toBe(49);
    expect(listKeyTarget('Enter', 7, 50)).toBeNull();
    expect(listKeyTarget('End', -1, 0)).toBeNull();
  });
});
