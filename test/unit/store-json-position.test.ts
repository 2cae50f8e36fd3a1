// Where a broken JSON body breaks (the collector's 400 for malformed ingest names the position).
import { describe, expect, it } from 'vitest';
import { describeOffset, jsonErrorOffset } from '../../src/server/collector/jsonPosition.ts';

describe('jsonErrorOffset', () => {
  it.each([
    ['{"a":1}', null],
    ['[1, 2, {"b": [true, null, "x\\n"]}]', null],
    ['  -1.5e3 ', null],
    ['{"a":1,}', 7],
    ['[1,,2]', 3],
    ['{"a" 1}', 5],
    ['{"a":1}x', 7],
    ['', 0],
    ['['.repeat(100_000), 100_000],
    ['"abc', 4],
  ])('%s → %s', (text, offset) => {
    expect(jsonErrorOffset(text)).toBe(offset);
  });
});

describe('describeOffset', () => {
  it('counts lines and columns from 1', () => {
    expect(describeOffset('ab\ncd', 4)).toBe('line 2 column 2 (position 4)');
  });
});
