// Where broken JSON breaks: the one locator behind the collector's 400 for a malformed body and
// the import of a malformed file.
import { describe, expect, it } from 'vitest';
import { describeOffset, findJsonSyntaxError } from '../../src/server/jsonSyntax.ts';

describe('findJsonSyntaxError', () => {
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
    ['"abc', 0], // the string that is never closed starts here
  ])('%s → %s', (text, offset) => {
    expect(findJsonSyntaxError(text)?.index ?? null).toBe(offset);
  });
});

describe('describeOffset', () => {
  it('counts lines and columns from 1', () => {
    expect(describeOffset('ab\ncd', 4)).toBe('line 2 column 2 (position 4)');
  });
});
