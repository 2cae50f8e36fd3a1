// Markdown source → a tree of plain data that Markdown.tsx turns into React elements, so payload
// text only ever reaches the DOM as text nodes. markdown-it does the parsing: CommonMark plus the
// GFM tables and strikethrough it ships; task-list items are read here (see readTaskItem).
//
// Why markdown-it (measured on a 2-core machine under load, best of 10 runs, December 2026):
// - realistic 20 KB LLM answer (headings, tables, nested lists, code fences): markdown-it 5.0 ms,
//   marked 3.6 ms, micromark + GFM 147 ms, the old hand-written reader 0.4 ms (but it read
//   tables as a paragraph of pipes and flattened nested lists);
// - 100,000 unmatched `[`: markdown-it 0.07–0.3 s and linear (4× the input, 2–4× the time),
//   marked 0.15 s, micromark 3.9 s, the old reader 8–16 s;
// - 20,000 nested `>`: markdown-it 0.1 ms (nesting is capped, below), micromark 19 s, marked and
//   the old reader overflow the stack; marked also takes 13 s and overflows on 10,000 stacked
//   `- ` list markers, where markdown-it takes 5 ms.
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';

/**
 * markdown-it's maxNesting: block containers and inline spans deeper than this stop being parsed.
 * 20 levels is 9 nested lists (a list and its item take two) or 18 nested quotes; real answers
 * nest a handful. Past the cap markdown-it silently drops deeper block content, so parseMarkdown
 * returns null and the caller shows the source as plain text instead: nothing a model wrote is
 * ever hidden. The cap also sets the cost of unmatched `[` (each one is tried as a link label up
 * to this depth): on 100,000 of them, 0.14–0.17 s at 20 against 0.22–0.30 s at 40 and 0.57 s at
 * markdown-it's default of 100, measured in one run.
 */
export const MAX_NESTING = 20;

// html: false keeps raw HTML as literal text. linkify (bare URLs → links) stays off: it is not
// what the old reader did, and linkify-it cost 1.3 s on 440 KB of ordinary prose with URLs.
const parser = new MarkdownIt('default', { html: false, linkify: false, maxNesting: MAX_NESTING });

export interface MdNode {
  /** markdown-it's token type without `_open`: paragraph, heading, table, td, link, text, fence… */
  type: string;
  /** The HTML tag markdown-it would use (h1–h6 for headings, th/td for cells). */
  tag: string;
  /** Leaf text: the text of `text` and `code_inline`, the body of `fence`, an image's alt text. */
  content: string;
  /** A fence's info string (its language). */
  info: string;
  /** href, src, start, style (table cell alignment) as markdown-it set them. */
  attrs: Readonly<Record<string, string>>;
  /** A tight list's paragraphs: render their children without a <p>. */
  hidden: boolean;
  /** A GFM task-list item's box: true ticked, false open, undefined for an ordinary item. */
  checked?: boolean;
  children: MdNode[];
}

/** The parsed tree, or null when the source nests deeper than MAX_NESTING (show it as text). */
export function parseMarkdown(source: string): MdNode[] | null {
  const tokens = parser.parse(source, {});
  // A container opened at the last allowed level has its content dropped by markdown-it.
  if (tokens.some((token) => token.nesting === 1 && token.level >= MAX_NESTING - 1)) return null;
  const tree = buildTree(tokens);
  markTaskItems(tree);
  return tree;
}

// markdown-it's stream is flat (open, content, close); a stack of sibling lists turns it into a
// tree without recursion, so no input depth can overflow the call stack here.
function buildTree(tokens: readonly Token[]): MdNode[] {
  const root: MdNode[] = [];
  const open: MdNode[][] = [root];
  for (const token of tokens) {
    const siblings = open[open.length - 1]!;
    if (token.nesting === -1) {
      if (open.length > 1) open.pop();
      continue;
    }
    if (token.type === 'inline') {
      // Inline children are one flat stream too; they may number in the hundred thousands, so
      // they are appended one by one (a spread into push would overflow the argument stack).
      for (const child of buildTree(token.children ?? [])) siblings.push(child);
      continue;
    }
    const node = toNode(token);
    siblings.push(node);
    if (token.nesting === 1) open.push(node.children);
  }
  return root;
}

function toNode(token: Token): MdNode {
  const attrs: Record<string, string> = {};
  for (const [name, value] of token.attrs ?? []) attrs[name] = String(value);
  return {
    type: token.type.replace(/_open$/, ''),
    tag: token.tag,
    // An image's alt text is its content; its child tokens are the same text, parsed.
    content: token.content,
    info: token.info.trim().split(/\s+/)[0] ?? '',
    attrs,
    hidden: token.hidden,
    children: [],
  };
}

const TASK_BOX = /^\[([ xX])\][ \t]/;

// GFM task lists: a list item whose first paragraph starts with "[ ] " or "[x] ". markdown-it
// leaves that prefix as the start of the paragraph's first text node, which is cut off here.
function markTaskItems(nodes: MdNode[]): void {
  const pending = [nodes];
  while (pending.length > 0) {
    for (const node of pending.pop()!) {
      if (node.type === 'list_item') readTaskItem(node);
      if (node.children.length > 0) pending.push(node.children);
    }
  }
}

function readTaskItem(item: MdNode): void {
  const paragraph = item.children[0];
  const first = paragraph?.type === 'paragraph' ? paragraph.children[0] : undefined;
  const box = first?.type === 'text' ? TASK_BOX.exec(first.content) : null;
  if (!first || !box) return;
  item.checked = box[1] !== ' ';
  first.content = first.content.slice(box[0].length);
}
