// A deliberately small Markdown reader for LLM output: paragraphs, headings, fenced code,
// lists, quotes, rules; inline code, bold, italic, links. It produces a tree of plain data that
// Markdown.tsx turns into React elements, so payload text only ever reaches the DOM as text.
// Raw HTML in the source is not interpreted: it stays literal text.

export type Inline =
  | { t: 'text'; text: string }
  | { t: 'code'; text: string }
  | { t: 'strong'; children: Inline[] }
  | { t: 'em'; children: Inline[] }
  | { t: 'link'; href: string; children: Inline[] };

export type Block =
  | { t: 'p'; inline: Inline[] }
  | { t: 'h'; level: number; inline: Inline[] }
  | { t: 'code'; lang: string; text: string }
  | { t: 'list'; ordered: boolean; start: number; items: Inline[][] }
  | { t: 'quote'; blocks: Block[] }
  | { t: 'hr' };

const FENCE = /^ {0,3}(```+|~~~+)\s*([\w+#.-]*)/;
const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^ {0,3}[-*+]\s+(.*)$/;
const ORDERED = /^ {0,3}(\d{1,9})[.)]\s+(.*)$/;
const RULE = /^ {0,3}([-*_])(\s*\1){2,}\s*$/;
const QUOTE = /^ {0,3}>\s?(.*)$/;

export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (!line.trim()) {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1]!;
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i]!.trimStart().startsWith(marker)) body.push(lines[i++]!);
      i++; // The closing fence (or the end of an unterminated block).
      blocks.push({ t: 'code', lang: fence[2] ?? '', text: body.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ t: 'h', level: heading[1]!.length, inline: parseInline(heading[2]!) });
      i++;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ t: 'hr' });
      i++;
      continue;
    }
    if (QUOTE.test(line)) {
      const body: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i]!)) body.push(QUOTE.exec(lines[i++]!)![1]!);
      blocks.push({ t: 'quote', blocks: parseMarkdown(body.join('\n')) });
      continue;
    }
    const bullet = BULLET.exec(line);
    const ordered = ORDERED.exec(line);
    if (bullet || ordered) {
      const pattern = bullet ? BULLET : ORDERED;
      const items: string[] = [];
      while (i < lines.length) {
        const current = lines[i]!;
        const item = pattern.exec(current);
        if (item) items.push(item[bullet ? 1 : 2]!);
        else if (current.trim() && /^\s/.test(current) && items.length)
          items[items.length - 1] += ` ${current.trim()}`;
        else break;
        i++;
      }
      blocks.push({
        t: 'list',
        ordered: !bullet,
        start: ordered ? Number(ordered[1]) : 1,
        items: items.map(parseInline),
      });
      continue;
    }
    const paragraph: string[] = [];
    while (i < lines.length) {
      const current = lines[i]!;
      if (
        !current.trim() ||
        FENCE.test(current) ||
        HEADING.test(current) ||
        QUOTE.test(current) ||
        BULLET.test(current)
      )
        break;
      paragraph.push(current.trim());
      i++;
    }
    blocks.push({ t: 'p', inline: parseInline(paragraph.join('\n')) });
  }
  return blocks;
}

/** Inline spans, left to right; an unmatched marker is literal text. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let plain = '';
  const flush = () => {
    if (plain) out.push({ t: 'text', text: plain });
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\\' && i + 1 < text.length && /[\\`*_[\]()#>-]/.test(text[i + 1]!)) {
      plain += text[i + 1];
      i += 2;
      continue;
    }
    if (ch === '`') {
      const ticks = /^`+/.exec(text.slice(i))![0];
      const end = text.indexOf(ticks, i + ticks.length);
      if (end > 0) {
        flush();
        out.push({
          t: 'code',
          text: text.slice(i + ticks.length, end).trim() || text.slice(i + ticks.length, end),
        });
        i = end + ticks.length;
        continue;
      }
    }
    if (ch === '*' || ch === '_') {
      const double = text.startsWith(ch + ch, i);
      const marker = double ? ch + ch : ch;
      const end = text.indexOf(marker, i + marker.length);
      const inner = end > 0 ? text.slice(i + marker.length, end) : '';
      // Emphasis needs text hugging both markers ("2 * 3 * 4" is arithmetic, not italics), and
      // underscores only count at word edges: snake_case and window.__name stay literal.
      const underscoreOk =
        ch !== '_' ||
        (/^$|[\s([{"']/.test(text[i - 1] ?? '') &&
          /^$|[\s.,;:!?)\]}"']/.test(text[end + marker.length] ?? ''));
      if (inner && !/^\s|\s$/.test(inner) && underscoreOk) {
        flush();
        out.push(
          double ? { t: 'strong', children: parseInline(inner) } : { t: 'em', children: parseInline(inner) },
        );
        i = end + marker.length;
        continue;
      }
    }
    if (ch === '[') {
      const link = /^\[([^\]]+)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/.exec(text.slice(i));
      if (link) {
        flush();
        out.push({ t: 'link', href: link[2]!, children: parseInline(link[1]!) });
        i += link[0].length;
        continue;
      }
    }
    plain += ch;
    i++;
  }
  flush();
  return out;
}

/** Only web links become anchors; javascript:, data:, file: and the rest stay text. */
export function isSafeHref(href: string): boolean {
  return /^https?:\/\//i.test(href.trim());
}
