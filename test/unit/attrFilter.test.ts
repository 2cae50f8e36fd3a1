// The attribute filter expressions the list's `attr` parameter and its chips share.
import { describe, expect, it } from 'vitest';
import { AttrFilterError, formatAttrFilter, parseAttrFilter } from '../../src/shared/attrFilter.ts';

describe('parseAttrFilter', () => {
  it('reads each operator, two-character ones before their prefixes', () => {
    expect(parseAttrFilter('a.b')).toEqual({ key: 'a.b', operator: 'exists' });
    expect(parseAttrFilter('k=v')).toEqual({ key: 'k', operator: '=', value: 'v' });
    expect(parseAttrFilter('k!=v')).toEqual({ key: 'k', operator: '!=', value: 'v' });
    expect(parseAttrFilter('k>=1.5')).toEqual({ key: 'k', operator: '>=', value: '1.5', number: 1.5 });
    expect(parseAttrFilter('k<=-2')).toEqual({ key: 'k', operator: '<=', value: '-2', number: -2 });
    expect(parseAttrFilter('k > 1e3')).toMatchObject({ operator: '>', number: 1000 });
    expect(parseAttrFilter('k<.5')).toMatchObject({ operator: '<', number: 0.5 });
    // The value may itself hold an operator: only the first one splits.
    expect(parseAttrFilter('url=a=b')).toEqual({ key: 'url', operator: '=', value: 'a=b' });
  });

  it('refuses what cannot be a filter, saying why', () => {
    expect(() => parseAttrFilter('  ')).toThrow(AttrFilterError);
    expect(() => parseAttrFilter('k>warm')).toThrow(/needs a number/);
    expect(() => parseAttrFilter('>1')).toThrow(/no attribute key/);
    expect(() => parseAttrFilter('k!=')).toThrow(/write "k" alone/);
    expect(() => parseAttrFilter('a"b')).toThrow(/quote/);
    expect(() => parseAttrFilter('x'.repeat(300))).toThrow(/longer than/);
  });

  it('formats back to what the user wrote', () => {
    for (const text of ['a.b', 'k=v', 'k!=v', 'k>=1.5', 'k<3'])
      expect(formatAttrFilter(parseAttrFilter(text))).toBe(text);
  });
});
