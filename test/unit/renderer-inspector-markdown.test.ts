import { describe, expect, it } from 'vitest';
import {
  isSafeHref,
  parseInline,
  parseMarkdown,
} from '../../src/renderer/src/components/markdown/parseMarkdown.ts';

describe('parseMarkdown', () => {
  it('reads paragraphs, headings, fenced code and lists', () => {
    const blocks = parseMarkdown(
      '# Plan\n\nFirst line\nsecond line\n\n```ts\nconst a = 1;\n```\n- one\n- two\n\n3. three\n4. four',
    );
    expect(blocks.map((b) => b.t)).toEqual(['h', 'p', 'code', 'list', 'list']);
    expect(blocks[2]).toEqual({ t: 'code', lang: 'ts', text: 'const a = 1;' });
    expect(blocks[3]).toMatchObject({
      ordered: false,
      items: [[{ t: 'text', text: 'one' }], [{ t: 'text', text: 'two' }]],
    });
    expect(blocks[4]).toMatchObject({ ordered: true, start: 3 });
  });

  it('keeps an unterminated fence as code to the end', () => {
    expect(parseMarkdown('```\nabc')).toEqual([{ t: 'code', lang: '', text: 'abc' }]);
  });

  it('leaves raw HTML as literal text', () => {
    const blocks = parseMarkdown('<script>window.__xss=1</script> and <img src=x onerror=alert(1)>');
    expect(blocks).toEqual([
      {
        t: 'p',
        inline: [{ t: 'text', text: '<script>window.__xss=1</script> and <img src=x onerror=alert(1)>' }],
      },
    ]);
  });
});

describe('parseInline', () => {
  it('reads code, bold, italic and links', () => {
    expect(parseInline('use `npm i` **now** or *later*, see [docs](https://x.dev)')).toEqual([
      { t: 'text', text: 'use ' },
      { t: 'code', text: 'npm i' },
      { t: 'text', text: ' ' },
      { t: 'strong', children: [{ t: 'text', text: 'now' }] },
      { t: 'text', text: ' or ' },
      { t: 'em', children: [{ t: 'text', text: 'later' }] },
      { t: 'text', text: ', see ' },
      { t: 'link', href: 'https://x.dev', children: [{ t: 'text', text: 'docs' }] },
    ]);
  });

  it('does not read arithmetic or snake_case as emphasis', () => {
    expect(parseInline('2 * 3 * 4')).toEqual([{ t: 'text', text: '2 * 3 * 4' }]);
    expect(parseInline('my_var_name')).toEqual([{ t: 'text', text: 'my_var_name' }]);
    expect(parseInline('a window.__xss=1 b window.__y')).toEqual([
      { t: 'text', text: 'a window.__xss=1 b window.__y' },
    ]);
    expect(parseInline('_yes_ and __bold__.')).toEqual([
      { t: 'em', children: [{ t: 'text', text: 'yes' }] },
      { t: 'text', text: ' and ' },
      { t: 'strong', children: [{ t: 'text', text: 'bold' }] },
      { t: 'text', text: '.' },
    ]);
  });
});

describe('isSafeHref', () => {
  it('allows web links only', () => {
    expect(isSafeHref('https://example.com')).toBe(true);
    expect(isSafeHref('javascript:alert(1)')).toBe(false);
    expect(isSafeHref('data:text/html,<script>')).toBe(false);
  });
});
