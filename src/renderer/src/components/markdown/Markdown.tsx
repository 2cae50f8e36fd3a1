// Renders parseMarkdown's tree as React elements: payload text reaches the DOM only as text
// nodes (React escapes them), never through innerHTML.
import { memo, useMemo, type ReactNode } from 'react';
import { isSafeHref, parseMarkdown, type Block, type Inline } from './parseMarkdown.ts';

function renderInline(nodes: Inline[]): ReactNode[] {
  return nodes.map((node, index) => {
    switch (node.t) {
      case 'text':
        return node.text;
      case 'code':
        return <code key={index}>{node.text}</code>;
      case 'strong':
        return <strong key={index}>{renderInline(node.children)}</strong>;
      case 'em':
        return <em key={index}>{renderInline(node.children)}</em>;
      case 'link':
        return isSafeHref(node.href) ? (
          <a
            key={index}
            href={node.href}
            target="_blank"
            rel="noopener noreferrer nofollow"
            title={node.href}
          >
            {renderInline(node.children)}
          </a>
        ) : (
          <span key={index} className="md-link-text" title={node.href}>
            {renderInline(node.children)}
          </span>
        );
      default:
        return null;
    }
  });
}

function renderBlock(block: Block, index: number): ReactNode {
  switch (block.t) {
    case 'p':
      return <p key={index}>{renderInline(block.inline)}</p>;
    case 'h':
      return (
        <div key={index} className={`md-h md-h${block.level}`}>
          {renderInline(block.inline)}
        </div>
      );
    case 'code':
      return (
        <pre key={index} className="md-code" data-lang={block.lang || undefined}>
          <code>{block.text}</code>
        </pre>
      );
    case 'list': {
      const items = block.items.map((item, i) => <li key={i}>{renderInline(item)}</li>);
      return block.ordered ? (
        <ol key={index} start={block.start}>
          {items}
        </ol>
      ) : (
        <ul key={index}>{items}</ul>
      );
    }
    case 'quote':
      return <blockquote key={index}>{block.blocks.map(renderBlock)}</blockquote>;
    case 'hr':
      return <hr key={index} />;
  }
}

export const Markdown = memo(function Markdown({ text }: { text: string }) {
  const blocks = useMemo(() => parseMarkdown(text), [text]);
  return <div className="markdown">{blocks.map(renderBlock)}</div>;
});
