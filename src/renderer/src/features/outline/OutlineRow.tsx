// One outline row: indent, disclosure triangle, type badge, name and marks (error, running,
// destructive, orphan), then a mini timeline bar, duration, tokens and cost columns.
import { memo } from 'react';
import { SpanTypeBadge } from '../../components/SpanTypeBadge.tsx';
import { AlignedCost } from '../../components/AlignedCost.tsx';
import { formatDuration, formatTokens } from '../../lib/format.ts';
import { spanEnd, spanStart } from '../../model/spanTiming.ts';
import type { SpanNode } from '../../model/traceTree.ts';

export const INDENT_PX = 12;

interface OutlineRowProps {
  node: SpanNode;
  top: number;
  height: number;
  selected: boolean;
  collapsed: boolean;
  /** null: no search running. */
  match: boolean | null;
  orphan: boolean;
  traceStart: number;
  traceDurationMs: number;
  now: number;
  onSelect: (spanId: string) => void;
  onToggle: (spanId: string) => void;
  onOpen: ((spanId: string) => void) | undefined;
  /** Indent levels before deeper rows stop moving right (and show their depth). */
  indentLevels: number;
}

export const OutlineRow = memo(function OutlineRow(props: OutlineRowProps) {
  const { node, top, height, selected, collapsed, match, orphan, traceStart, traceDurationMs, now } = props;
  const { span } = node;
  const running = span.status === 'running';
  const start = spanStart(span, traceStart);
  const end = spanEnd(span, traceStart, now);
  const total = Math.max(traceDurationMs, 1e-6);
  const hasChildren = node.children.length > 0;
  const classes = ['outline-row'];
  if (selected) classes.push('selected');
  if (span.status === 'error') classes.push('is-error');
  if (match === true) classes.push('is-match');
  if (match === false) classes.push('is-dimmed');

  return (
    <div
      role="treeitem"
      aria-selected={selected}
      aria-expanded={hasChildren ? !collapsed : undefined}
      aria-level={node.depth + 1}
      data-span-id={span.spanId}
      className={classes.join(' ')}
      style={{ top, height }}
      onClick={() => props.onSelect(span.spanId)}
      onDoubleClick={() => props.onOpen?.(span.spanId)}
    >
      <span
        className="outline-name"
        style={{ paddingLeft: 4 + Math.min(node.depth, props.indentLevels) * INDENT_PX }}
      >
        {node.depth > props.indentLevels && (
          <span className="outline-depth" title={`Depth ${node.depth}`}>
            {node.depth}
          </span>
        )}
        <span
          className={`twisty${hasChildren ? '' : ' twisty-leaf'}`}
          onClick={(event) => {
            if (!hasChildren) return;
            event.stopPropagation();
            props.onToggle(span.spanId);
          }}
        >
          {hasChildren ? (collapsed ? '▸' : '▾') : ''}
        </span>
        <SpanTypeBadge type={span.type} />
        <span className="outline-name-text">{span.name || '(unnamed)'}</span>
        {collapsed && hasChildren && <span className="outline-hidden-count">{node.subtreeSize - 1}</span>}
        {span.status === 'error' && (
          <span className="mark mark-error" title={span.error?.message ?? 'Failed'}>
            ✕
          </span>
        )}
        {running && <span className="spinner" title="Running" aria-label="Running" />}
        {span.destructive && (
          <span className="mark mark-destructive" title="Destructive: this step changes the outside world">
            ⚠
          </span>
        )}
        {orphan && (
          <span className="mark mark-orphan" title="Its parent span is missing from this trace">
            orphan
          </span>
        )}
      </span>
      <span className="outline-col outline-col-bar" aria-hidden>
        <span
          className={`mini-bar${running ? ' running' : ''}`}
          style={{
            left: `${((start - traceStart) / total) * 100}%`,
            width: `max(1px, ${((end - start) / total) * 100}%)`,
            background: span.status === 'error' ? 'var(--error)' : `var(--type-${span.type})`,
          }}
        />
      </span>
      <span className="outline-col">{formatDuration(end - start)}</span>
      <span className="outline-col outline-col-narrow">
        {span.totalTokens ? formatTokens(span.totalTokens) : ''}
      </span>
      <span className="outline-col outline-col-cost">
        {span.costUsd ? <AlignedCost usd={span.costUsd} /> : ''}
      </span>
    </div>
  );
});
