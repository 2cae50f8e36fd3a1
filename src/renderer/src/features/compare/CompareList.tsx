// The two runs' steps aligned row by row, like a code review diff: a gutter mark (~ + −), run A
// on the left and run B on the right, empty hatched cells where a run has no such step, the
// first divergence flagged. Virtualised: only the rows in view exist.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { AlignedPair, Comparison, Step } from '../../../../shared/compare/index.ts';
import { SpanTypeBadge } from '../../components/SpanTypeBadge.tsx';
import { VirtualList, type VirtualListHandle } from '../../components/VirtualList.tsx';
import { formatDuration, formatTokens } from '../../lib/format.ts';
import { changeSummary, KIND_LABEL, KIND_MARK } from '../../model/compareView.ts';

const ROW_HEIGHT = 24;
const INDENT_PX = 10;
const MAX_INDENT_LEVELS = 12;

export interface CompareListProps {
  comparison: Comparison;
  /** The two runs' names, for the column heads. */
  names: [string, string];
  selected: number;
  onSelect: (index: number) => void;
  /** Keys the list does not handle itself (n / p for next and previous change). */
  onKey: (event: KeyboardEvent<HTMLDivElement>) => boolean;
}

export function CompareList({ comparison, names, selected, onSelect, onKey }: CompareListProps) {
  const list = useRef<VirtualListHandle>(null);
  const { pairs, firstDivergence } = comparison;
  // The list is the view's main control: keys (arrows, n/p) work as soon as it opens.
  useEffect(() => list.current?.element()?.focus({ preventScroll: true }), []);
  useEffect(() => {
    // Centre the selection when it jumps (first divergence, next change) rather than hug an edge.
    const element = list.current?.element();
    if (!element) return;
    const top = selected * ROW_HEIGHT;
    if (top < element.scrollTop || top + ROW_HEIGHT > element.scrollTop + element.clientHeight)
      element.scrollTop = Math.max(0, top - element.clientHeight / 2);
  }, [selected]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 20, PageUp: -20 }[event.key];
    if (step !== undefined) {
      event.preventDefault();
      onSelect(Math.max(0, Math.min(pairs.length - 1, selected + step)));
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      onSelect(event.key === 'Home' ? 0 : pairs.length - 1);
    } else if (onKey(event)) event.preventDefault();
  };

  return (
    <div className="compare-list">
      <div className="compare-columns-head" aria-hidden>
        <span />
        <span>A · {names[0] || '(unnamed)'}</span>
        <span>B · {names[1] || '(unnamed)'}</span>
      </div>
      <VirtualList
        ref={list}
        className="compare-rows"
        count={pairs.length}
        rowHeight={ROW_HEIGHT}
        scrollerProps={{
          tabIndex: 0,
          role: 'grid',
          'aria-label': 'Aligned steps',
          onKeyDown,
          id: 'compare-rows',
        }}
        renderRow={(index, top) => {
          const pair = pairs[index]!;
          const classes = ['compare-row', `kind-${pair.kind}`];
          if (index === selected) classes.push('selected');
          if (index === firstDivergence) classes.push('first-divergence');
          return (
            <div
              key={index}
              role="row"
              aria-selected={index === selected}
              data-index={index}
              data-kind={pair.kind}
              className={classes.join(' ')}
              style={{ top, height: ROW_HEIGHT }}
              title={`${KIND_LABEL[pair.kind]}: ${changeSummary(pair)}`}
              onClick={() => onSelect(index)}
            >
              <span className="compare-gutter" aria-label={KIND_LABEL[pair.kind]}>
                {KIND_MARK[pair.kind]}
              </span>
              <StepCell step={pair.a} side="a" pair={pair} flag={false} />
              <StepCell step={pair.b} side="b" pair={pair} flag={index === firstDivergence} />
            </div>
          );
        }}
      />
    </div>
  );
}

function StepCell({
  step,
  side,
  pair,
  flag,
}: {
  step: Step | undefined;
  side: 'a' | 'b';
  pair: AlignedPair;
  flag: boolean;
}) {
  const divergence = flag ? <span className="divergence-flag">first divergence</span> : null;
  if (!step)
    return <span className={`compare-cell compare-cell-${side} compare-cell-empty`}>{divergence}</span>;
  const { span } = step;
  const renamed = side === 'b' && pair.diffs.name;
  return (
    <span className={`compare-cell compare-cell-${side}`}>
      <span className="compare-step-index">{step.index + 1}</span>
      <span
        className="compare-step-name"
        style={{ paddingLeft: Math.min(step.depth, MAX_INDENT_LEVELS) * INDENT_PX }}
      >
        <SpanTypeBadge type={span.type} />
        <span className={`compare-name-text${renamed ? ' renamed' : ''}`}>{span.name || '(unnamed)'}</span>
        {span.status === 'error' && <span className="mark mark-error">✕</span>}
        {divergence}
      </span>
      <span className="compare-num">{span.totalTokens ? formatTokens(span.totalTokens) : ''}</span>
      <span className="compare-num">{formatDuration(span.durationMs)}</span>
    </span>
  );
}
