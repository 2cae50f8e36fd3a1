// Two runs compared step by step (?compare=A,B): the summary line, the aligned steps with the
// first divergence selected and scrolled to, and the selected pair's differences in full.
import { useCallback, useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { ErrorBoundary } from '../../components/ErrorBoundary.tsx';
import { StatusIcon } from '../../components/StatusIcon.tsx';
import { formatCount } from '../../lib/format.ts';
import { changeIndices, initialPair, nextChange } from '../../model/compareView.ts';
import { formatFullTime } from '../../lib/formatClockTime.ts';
import { CompareList } from './CompareList.tsx';
import { closeCompare, openCompare, openTraceFromCompare } from '../../state/openCompare.ts';
import { PairDetails } from './PairDetails.tsx';
import { useComparison, type LoadedRun } from './useComparison.ts';
import './compare.css';

export function CompareView({ aId, bId }: { aId: string; bId: string }) {
  const state = useComparison(aId, bId);
  return (
    <section className="compare" aria-label="Compare runs">
      {state.status === 'loading' && <div className="workspace-message muted">Loading both runs…</div>}
      {state.status === 'error' && (
        <div className="workspace-message" role="alert">
          <div>Could not compare these runs.</div>
          <div className="muted">{state.message}</div>
          <button type="button" className="button" onClick={closeCompare}>
            Back
          </button>
        </div>
      )}
      {state.status === 'ready' && <ReadyComparison key={`${aId}/${bId}`} {...state} />}
    </section>
  );
}

function ReadyComparison({
  a,
  b,
  comparison,
  summary,
}: Extract<ReturnType<typeof useComparison>, { status: 'ready' }>) {
  const [selected, setSelected] = useState(() => initialPair(comparison));
  const changes = useMemo(() => changeIndices(comparison), [comparison]);
  const pair = comparison.pairs[Math.min(selected, comparison.pairs.length - 1)];
  // A running run grows: keep the selection on a valid row.
  useEffect(
    () => setSelected((s) => Math.min(s, Math.max(0, comparison.pairs.length - 1))),
    [comparison.pairs.length],
  );
  const go = useCallback(
    (direction: 1 | -1) => {
      const next = nextChange(changes, selected, direction);
      if (next !== null) setSelected(next);
    },
    [changes, selected],
  );
  const onKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'n' || event.key === 'p') {
      go(event.key === 'n' ? 1 : -1);
      return true;
    }
    return false;
  };

  return (
    <>
      <header className="compare-header">
        <div className="compare-header-row">
          <button
            type="button"
            className="button button-small"
            onClick={closeCompare}
            title="Leave the comparison"
          >
            ← Back
          </button>
          <RunLabel side="A" run={a} />
          <button
            type="button"
            className="icon-button"
            title="Swap: make B the baseline"
            aria-label="Swap runs"
            onClick={() => openCompare(b.trace.traceId, a.trace.traceId)}
          >
            ⇄
          </button>
          <RunLabel side="B" run={b} />
        </div>
        <div className="compare-header-row">
          <strong className="compare-summary" data-testid="compare-summary" title={summary.text}>
            {summary.text}
          </strong>
          <span className="compare-counts">
            <span className="count-same">
              {formatCount(comparison.pairs.length - summary.changed - summary.inserted - summary.removed)}{' '}
              same
            </span>
            <span className="count-changed">~ {formatCount(summary.changed)} changed</span>
            <span className="count-inserted">+ {formatCount(summary.inserted)} only in B</span>
            <span className="count-removed">− {formatCount(summary.removed)} only in A</span>
          </span>
          <span className="spacer" />
          {comparison.method === 'banded' && (
            <span
              className="muted"
              title="The runs are too long for the exact alignment; steps far out of place may pair differently"
            >
              approximate alignment
            </span>
          )}
          <button
            type="button"
            className="button button-small"
            disabled={comparison.firstDivergence === null}
            onClick={() => setSelected(comparison.firstDivergence ?? 0)}
          >
            First divergence
          </button>
          <button
            type="button"
            className="button button-small"
            disabled={changes.length === 0}
            title="Previous change (p)"
            onClick={() => go(-1)}
          >
            ↑
          </button>
          <button
            type="button"
            className="button button-small"
            disabled={changes.length === 0}
            title="Next change (n)"
            onClick={() => go(1)}
          >
            ↓
          </button>
        </div>
      </header>
      <div className="compare-body">
        <div className="compare-main">
          {comparison.pairs.length === 0 ? (
            <div className="workspace-message muted">Neither run has any steps.</div>
          ) : (
            <CompareList
              comparison={comparison}
              names={[a.trace.name, b.trace.name]}
              selected={selected}
              onSelect={setSelected}
              onKey={onKey}
            />
          )}
          <aside className="compare-details">
            <ErrorBoundary name="Step details" resetKey={selected}>
              {pair ? <PairDetails pair={pair} index={selected} /> : null}
            </ErrorBoundary>
          </aside>
        </div>
      </div>
    </>
  );
}

function RunLabel({ side, run }: { side: 'A' | 'B'; run: LoadedRun }) {
  return (
    <span className={`run-label run-label-${side.toLowerCase()}`}>
      <span className="run-side">{side}</span>
      <StatusIcon status={run.trace.status} />
      <button
        type="button"
        className="link-button run-name"
        title={`Open ${run.trace.name}`}
        onClick={() => openTraceFromCompare(run.trace.traceId)}
      >
        {run.trace.name || '(unnamed trace)'}
      </button>
      <span className="muted">{formatFullTime(run.trace.startTime)}</span>
    </span>
  );
}
