// The inspector's Markdown: markdown-it's tokens as a plain tree (markdownTree.ts) and that tree
// as React elements (Markdown.tsx, rendered here with react-dom/server), on GFM, on hostile input
// and on the two inputs that broke the old hand-written reader.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown } from '../../src/renderer/src/components/markdown/Markdown.tsx';
import {
  MAX_NESTING,
  type MdNode,
  parseMarkdown,
} from '../../src/renderer/src/components/markdown/markdownTree.ts';
import { isSafeHref } from '../../src/renderer/src/components/markdown/safeHref.ts';

const html = (text: string) => renderToStaticMarkup(createElement(Markdown, { text }));

/** The tree with only types (and text leaves), to compare shapes. */
function shape(nodes: readonly MdNode[]): unknown[] {
  return nodes.map((node) =>
    node.children.length > 0 ? { [node.type]: shape(node.children) } : node.content || node.type,
  );
}

function countNodes(nodes: readonly MdNode[]): number {
  let count = 0;
  const pending = [nodes];
  while (pending.length > 0)
    for (const node of pending.pop()!) {
      count++;
      pending.push(node.children);
    }
  return count;
}

describe('Markdown: GFM', () => {
  it('renders a table with a header row, body rows and column alignment', () => {
    const out = html(
      '| Model | Tokens | Cost |\n|:--|:-:|--:|\n| gpt-4o | **412** | $0.01 |\n| haiku | 38 | `$0` |',
    );
    expect(out).toContain('<table class="md-table"><thead><tr><th style="text-align:left">Model</th>');
    expect(out).toContain('<th style="text-align:center">Tokens</th><th style="text-align:right">Cost</th>');
    expect(out).toContain(
      '<tbody><tr><td style="text-align:left">gpt-4o</td><td style="text-align:center"><strong>412</strong></td>',
    );
    expect(out).toContain('<td style="text-align:right"><code>$0</code></td></tr></tbody></table>');
    expect(out).not.toContain('|');
  });

  it('keeps nested lists nested, bullets inside numbers inside bullets', () => {
    const tree = parseMarkdown('- one\n  1. one.a\n     - one.a.i\n  2. one.b\n- two');
    expect(shape(tree!)).toEqual([
      {
        bullet_list: [
          {
            list_item: [
              { paragraph: ['one'] },
              {
                ordered_list: [
                  {
                    list_item: [
                      { paragraph: ['one.a'] },
                      { bullet_list: [{ list_item: [{ paragraph: ['one.a.i'] }] }] },
                    ],
                  },
                  { list_item: [{ paragraph: ['one.b'] }] },
                ],
              },
            ],
          },
          { list_item: [{ paragraph: ['two'] }] },
        ],
      },
    ]);
    expect(html('3. three\n4. four')).toBe(
      '<div class="markdown"><ol start="3"><li>three</li><li>four</li></ol></div>',
    );
    expect(html('- a\n  - b')).toBe('<div class="markdown"><ul><li>a<ul><li>b</li></ul></li></ul></div>');
  });

  it('reads task-list items as ticked or open boxes and drops the brackets', () => {
    const out = html('- [x] write the parser\n- [ ] ship it\n- [link](https://x.dev) is not a box\n- plain');
    expect(out).toBe(
      '<div class="markdown"><ul>' +
        '<li class="md-task"><input type="checkbox" disabled="" readOnly="" aria-label="Task" checked=""/>write the parser</li>' +
        '<li class="md-task"><input type="checkbox" disabled="" readOnly="" aria-label="Task"/>ship it</li>' +
        '<li><a href="https://x.dev" target="_blank" rel="noopener noreferrer nofollow" title="https://x.dev">link</a> is not a box</li>' +
        '<li>plain</li></ul></div>',
    );
  });

  it('renders fenced and indented code verbatim, with the fence language', () => {
    const out = html('```ts\nconst a = 1 < 2 && **b**;\n```\n\n    indented();\n\n~~~\nunterminated');
    expect(out).toContain(
      '<pre class="md-code" data-lang="ts"><code>const a = 1 &lt; 2 &amp;&amp; **b**;</code></pre>',
    );
    expect(out).toContain('<pre class="md-code"><code>indented();</code></pre>');
    expect(out).toContain('<pre class="md-code"><code>unterminated</code></pre>');
  });

  it('renders headings, emphasis, strikethrough, inline code, quotes and rules', () => {
    expect(html('## Plan\n\nuse `npm i` **now** or *later*, ~~never~~\n\n> quoted\n\n---')).toBe(
      '<div class="markdown"><div class="md-h md-h2">Plan</div>' +
        '<p>use <code>npm i</code> <strong>now</strong> or <em>later</em>, <s>never</s></p>' +
        '<blockquote><p>quoted</p></blockquote><hr/></div>',
    );
  });

  it('does not read arithmetic or snake_case as emphasis', () => {
    expect(html('2 * 3 * 4 and my_var_name and a window.__xss=1 b window.__y')).toBe(
      '<div class="markdown"><p>2 * 3 * 4 and my_var_name and a window.__xss=1 b window.__y</p></div>',
    );
  });
});

describe('Markdown: untrusted text', () => {
  it('shows raw HTML as text and never as markup', () => {
    const out = html(
      '<script>window.__xss=1</script>\n\nand <img src=x onerror=alert(1)> inline\n\n<div>\nblock\n</div>',
    );
    expect(out).not.toMatch(/<(script|img|div>)/);
    expect(out).toContain('&lt;script&gt;window.__xss=1&lt;/script&gt;');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt; inline');
  });

  it('refuses javascript:, data: and relative links; keeps http(s) and mailto', () => {
    const out = html(
      '[a](javascript:alert(1)) [b](JAVASCRIPT:alert(1)) [c](data:text/html,x) [d](/etc/passwd) [e](mailto:a@b.c) [f](http://x.dev)',
    );
    expect(out).not.toMatch(/href="(?!mailto:a@b\.c"|http:\/\/x\.dev")/i);
    expect(out).toContain('<span class="md-link-text" title="/etc/passwd">d</span>');
    expect(out).toContain('<a href="mailto:a@b.c"');
    expect(out).toContain('<a href="http://x.dev"');
    expect(out).not.toMatch(/href="javascript/i);
    // Autolinks follow the same gate.
    expect(html('<https://x.dev/a> <javascript:alert(1)>')).toBe(
      '<div class="markdown"><p><a href="https://x.dev/a" target="_blank" rel="noopener noreferrer nofollow" ' +
        'title="https://x.dev/a">https://x.dev/a</a> &lt;javascript:alert(1)&gt;</p></div>',
    );
    expect(isSafeHref('https://example.com')).toBe(true);
    expect(isSafeHref('mailto:a@b.c')).toBe(true);
    expect(isSafeHref(' javascript:alert(1)')).toBe(false);
    expect(isSafeHref('data:text/html,<script>')).toBe(false);
    expect(isSafeHref('file:///etc/passwd')).toBe(false);
  });

  it('never loads an image: its alt text stands in, linked when it is a web address', () => {
    expect(html('![chart](https://x.dev/p.png) ![pixel](javascript:x)')).toBe(
      '<div class="markdown"><p><a href="https://x.dev/p.png" target="_blank" rel="noopener noreferrer nofollow" ' +
        'title="https://x.dev/p.png">[image: chart]</a> ![pixel](javascript:x)</p></div>',
    );
  });
});

describe('Markdown: pathological input', () => {
  // Best of five runs, so one slow moment on a busy machine does not count.
  function bestMs(run: () => unknown): number {
    let best = Number.POSITIVE_INFINITY;
    for (let round = 0; round < 5; round++) {
      const start = performance.now();
      run();
      best = Math.min(best, performance.now() - start);
    }
    return best;
  }

  it('reads 100,000 unmatched [ as one paragraph of text, in time linear in the input', () => {
    const source = '['.repeat(100_000);
    const tree = parseMarkdown(source)!;
    expect(tree).toHaveLength(1);
    expect(tree[0]!.type).toBe('paragraph');
    expect(tree[0]!.children.map((node) => node.content).join('')).toBe(source);
    expect(countNodes(tree)).toBeLessThan(10);
    // The old reader rescanned the rest of the line from every [ (quadratic: 4× input, 16× time).
    // Compared with the same input at a quarter of the size, timed in this test, a linear parser
    // takes about 4×; 12× leaves room for a busy machine and still fails a quadratic one.
    const quarter = bestMs(() => parseMarkdown('['.repeat(25_000)));
    const full = bestMs(() => parseMarkdown(source));
    expect(full / Math.max(quarter, 0.5)).toBeLessThan(12);
  });

  it('shows 20,000 nested > as plain text instead of overflowing the stack or dropping content', () => {
    const source = `${'>'.repeat(20_000)} deep`;
    expect(parseMarkdown(source)).toBeNull();
    const out = html(source);
    expect(out).toBe(
      `<pre class="plain-text md-too-deep" title="Nested deeper than ${MAX_NESTING} levels: shown as text">${'&gt;'.repeat(20_000)} deep</pre>`,
    );
    // Nesting within the cap still renders as Markdown: 18 quotes, 9 lists.
    const quotes = html(`${'> '.repeat(18)}deep`);
    expect(quotes.match(/<blockquote>/g)).toHaveLength(18);
    expect(quotes).toContain('<p>deep</p>');
    const lists = html(
      Array.from({ length: 9 }, (_, depth) => `${'  '.repeat(depth)}- level ${depth + 1}`).join('\n'),
    );
    expect(lists.match(/<ul>/g)).toHaveLength(9);
    expect(lists).toContain('<li>level 9</li>');
    expect(parseMarkdown(`${'> '.repeat(MAX_NESTING)}too deep`)).toBeNull();
  });

  it('shows 10,000 stacked list markers as plain text, and a page of 100,000 [ renders in bounded markup', () => {
    expect(parseMarkdown(`${'- '.repeat(10_000)}x`)).toBeNull();
    expect(html('['.repeat(100_000))).toBe(`<div class="markdown"><p>${'['.repeat(100_000)}</p></div>`);
  });
});
