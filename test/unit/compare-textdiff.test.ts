import { describe, expect, it } from 'vitest';
import { diffText, diffTokens, tokenize } from '../../src/shared/compare/textDiff.ts';
import { payloadText, stableJson } from '../../src/shared/compare/payloadText.ts';

/** Length of a longest common subsequence, by the textbook table: the reference for minimality. */
function lcsLength(a: string[], b: string[]): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++)
      cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    prev = cur;
  }
  return prev[b.length]!;
}

/** Deterministic pseudo-random generator so failures are reproducible. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

describe('Myers text diff', () => {
  it('rebuilds both sides and is minimal on random token lists', () => {
    const next = random(7);
    for (let round = 0; round < 300; round++) {
      const word = () => 'abcd'[Math.floor(next() * 4)]!;
      const a = Array.from({ length: Math.floor(next() * 20) }, word);
      const b = Array.from({ length: Math.floor(next() * 20) }, word);
      const { ops, exact, inserted, deleted } = diffTokens(a, b);
      expect(exact).toBe(true);
      expect(
        ops
          .filter((o) => o.op !== 'insert')
          .map((o) => o.text)
          .join(''),
      ).toBe(a.join(''));
      expect(
        ops
          .filter((o) => o.op !== 'delete')
          .map((o) => o.text)
          .join(''),
      ).toBe(b.join(''));
      expect(inserted + deleted).toBe(a.length + b.length - 2 * lcsLength(a, b));
    }
  });

  it('diffs words and keeps whitespace and punctuation as their own tokens', () => {
    expect(tokenize('Hello, world!\n', 'word')).toEqual(['Hello', ',', ' ', 'world', '!', '\n']);
    const { ops } = diffText('The order shipped on Monday.', 'The order shipped on Friday.');
    expect(ops).toEqual([
      { op: 'equal', text: 'The order shipped on ' },
      { op: 'delete', text: 'Monday' },
      { op: 'insert', text: 'Friday' },
      { op: 'equal', text: '.' },
    ]);
  });

  it('diffs lines', () => {
    const { ops } = diffText('a\nb\nc\n', 'a\nc\nd', 'line');
    expect(ops).toEqual([
      { op: 'equal', text: 'a\n' },
      { op: 'delete', text: 'b\n' },
      { op: 'equal', text: 'c\n' },
      { op: 'insert', text: 'd' },
    ]);
  });

  it('past the edit limit, reports the differing middle as replaced whole', () => {
    const a = Array.from({ length: 3000 }, (_, i) => `a${i} `);
    const b = Array.from({ length: 3000 }, (_, i) => `b${i} `);
    const result = diffTokens(['same ', ...a, 'end'], ['same ', ...b, 'end'], 100);
    expect(result.exact).toBe(false);
    expect(result.ops.map((o) => o.op)).toEqual(['equal', 'delete', 'insert', 'equal']);
    expect(result.deleted).toBe(3000);
  });
});

describe('payload text', () => {
  it('renders chat messages as role: content blocks with tool calls', () => {
    const text = payloadText([
      { role: 'system', content: 'Be brief.' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'c1', type: 'function', function: { name: 'lookup', arguments: '{"id":1}' } }],
      },
    ]);
    expect(text).toBe('system: Be brief.\n\nassistant: \n→ lookup({"id":1})\n');
  });

  it('gives equal text for equal objects whatever their key order', () => {
    expect(stableJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe(
      stableJson({ a: { c: null, d: [1, { e: 3, f: 2 }] }, b: 1 }),
    );
    const deep: Record<string, unknown> = {};
    let at = deep;
    for (let i = 0; i < 1000; i++) at = at.child = {};
    expect(() => stableJson(deep)).not.toThrow();
  });
});
