// The toolbar's readout for a time range dragged on the ruler: its length and what overlaps it
// (spans, tokens, cost, errors), with a button to clear it (Esc does too).
import { useMemo } from 'react';
import { formatCost, formatCount, formatDuration, formatTokens } from '../../lib/format.ts';
import { summariseRange, type TimeRange } from '../../model/bottomUp.ts';
import type { TraceTree } from '../../model/traceTree.ts';

export function RangeReadout({
  tree,
  range,
  nowMs,
  onClear,
}: {
  tree: TraceTree;
  range: TimeRange;
  nowMs: number;
  onClear: () => void;
}) {
  const summary = useMemo(() => summariseRange(tree, range, nowMs), [tree, range, nowMs]);
  return (
    <span className="range-readout" data-testid="range-readout">
      <span className="range-readout-duration">Selected {formatDuration(summary.durationMs)}</span>
      <span>
        {formatCount(summary.spans)} {summary.spans === 1 ? 'span' : 'spans'}
      </span>
      {summary.tokens > 0 && <span>{formatTokens(summary.tokens)} tok</span>}
      {summary.costUsd > 0 && <span>{formatCost(summary.costUsd)}</span>}
      <span className={summary.errors ? 'range-readout-errors' : undefined}>
        {summary.errors} {summary.errors === 1 ? 'error' : 'errors'}
      </span>
      <button
        type="button"
        className="range-readout-clear"
        title="Clear the selection (Esc)"
        onClick={onClear}
      >
        ×
      </button>
    </span>
  );
}
