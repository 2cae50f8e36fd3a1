// Renders markdownTree's nodes as React elements: payload text reaches the DOM only as text
// nodes (React escapes them), never through innerHTML. Token types this file does not know are
// shown as their text, so a new markdown-it rule can never inject markup.
import { type CSSProperties, memo, type ReactNode, useMemo } from 'react';
import { MAX_NESTING, type MdNode, parseMarkdown } from './markdownTree.ts';
import { isSafeHref } from './safeHref.ts';
import './markdown.css';

function renderNodes(nodes: readonly MdNode[]): ReactNode[] {
  return nodes.map(renderNode);
}

function renderNode(node: MdNode, key: number): ReactNode {
  const children = () => renderNodes(node.children);
  switch (node.type) {
    case 'text':
    case 'text_special':
    case 'html_inline':
    case 'html_block':
      return node.content;
    case 'softbreak':
      return '\n';
    case 'hardbreak':
      return <br key={key} />;
    case 'paragraph':
      return node.hidden ? children() : <p key={key}>{children()}</p>;
    case 'heading':
      // A div, not h1–h6: a model's headings are payload, not the inspector's outline.
      return (
        <div key={key} className={`md-h md-${node.tag}`}>
          {children()}
        </div>
      );
    case 'fence':
    case 'code_block':
      return (
        <pre key={key} className="md-code" data-lang={node.info || undefined}>
          <code>{node.content.replace(/\n$/, '')}</code>
        </pre>
      );
    case 'code_inline':
      return <code key={key}>{node.content}</code>;
    case 'bullet_list':
      return <ul key={key}>{children()}</ul>;
    case 'ordered_list':
      return (
        <ol key={key} start={node.attrs.start ? Number(node.attrs.start) : undefined}>
          {children()}
        </ol>
      );
    case 'list_item':
      return node.checked === undefined ? (
        <li key={key}>{children()}</li>
      ) : (
        <li key={key} className="md-task">
          <input type="checkbox" checked={node.checked} disabled readOnly aria-label="Task" />
          {children()}
        </li>
      );
    case 'blockquote':
      return <blockquote key={key}>{children()}</blockquote>;
    case 'hr':
      return <hr key={key} />;
    case 'table':
      return (
        <div key={key} className="md-table-scroll">
          <table className="md-table">{children()}</table>
        </div>
      );
    case 'thead':
      return <thead key={key}>{children()}</thead>;
    case 'tbody':
      return <tbody key={key}>{children()}</tbody>;
    case 'tr':
      return <tr key={key}>{children()}</tr>;
    case 'th':
    case 'td': {
      const Cell = node.type;
      return (
        <Cell key={key} style={cellAlign(node.attrs.style)}>
          {children()}
        </Cell>
      );
    }
    case 'strong':
      return <strong key={key}>{children()}</strong>;
    case 'em':
      return <em key={key}>{children()}</em>;
    case 's':
      return <s key={key}>{children()}</s>;
    case 'link':
      return renderLink(node.attrs.href ?? '', children(), key);
    case 'image':
      // No remote image is fetched from payload text (a tracking pixel would phone home when a
      // span is clicked): the alt text stands in, linked to the image when it is a web address.
      return renderLink(node.attrs.src ?? '', `[image: ${node.content || 'untitled'}]`, key);
    default:
      return node.children.length > 0 ? children() : node.content;
  }
}

function renderLink(href: string, label: ReactNode, key: number): ReactNode {
  return isSafeHref(href) ? (
    <a key={key} href={href} target="_blank" rel="noopener noreferrer nofollow" title={href}>
      {label}
    </a>
  ) : (
    <span key={key} className="md-link-text" title={href}>
      {label}
    </span>
  );
}

// markdown-it writes a GFM column's alignment as `style="text-align:center"`; only the three
// keywords are read back, never the style string itself.
function cellAlign(style: string | undefined): CSSProperties | undefined {
  const align = /text-align:(left|center|right)/.exec(style ?? '')?.[1];
  return align ? { textAlign: align as 'left' | 'center' | 'right' } : undefined;
}

export const Markdown = memo(function Markdown({ text }: { text: string }) {
  const nodes = useMemo(() => parseMarkdown(text), [text]);
  if (!nodes)
    return (
      <pre
        className="plain-text md-too-deep"
        title={`Nested deeper than ${MAX_NESTING} levels: shown as text`}
      >
        {text}
      </pre>
    );
  return <div className="markdown">{renderNodes(nodes)}</div>;
});
