// Two texts side by side with their word diff (computed by src/shared/compare): removed words
// struck through on the left, added words underlined on the right — colour plus a shape, so the
// change reads without telling red from green. Long unchanged stretches fold to one line.
import { useMemo, useState } from 'react';
import type { TextDiff } from '../../../shared/compare/index.ts';
import { diffSides, foldUnchanged, type Segment } from '../model/diffView.ts';
import { formatCount } from '../lib/format.ts';

export interface DiffColumnsProps {
  diff: TextDiff;
  labels: [string, string];
  /** Shown in place of an empty side. */
  emptyText?: string;
}

export function DiffColumns({ diff, labels, emptyText = '(empty)' }: DiffColumnsProps) {
  const [unfolded, setUnfolded] = useState(false);
  const sides = useMemo(() => diffSides(diff.ops), [diff]);
  const a = useMemo(() => (unfolded ? sides.a : foldUnchanged(sides.a)), [sides, unfolded]);
  const b = useMemo(() => (unfolded ? sides.b : foldUnchanged(sides.b)), [sides, unfolded]);
  const folded = a.some((s) => s.kind === 'fold') || b.some((s) => s.kind === 'fold');
  return (
    <div className="diff-columns">
      <div className="diff-legend">
        <span className="diff-count diff-count-del" title="Words removed">
          −{formatCount(diff.deleted)}
        </span>
        <span className="diff-count diff-count-ins" title="Words added">
          +{formatCount(diff.inserted)}
        </span>
        {!diff.exact && (
          <span className="muted">
            (too many edits for a word diff: the changed middle is shown replaced whole)
          </span>
        )}
        <span className="spacer" />
        {(folded || unfolded) && (
          <button type="button" className="link-button" onClick={() => setUnfolded(!unfolded)}>
            {unfolded ? 'Fold unchanged text' : 'Show all text'}
          </button>
        )}
      </div>
      <div className="diff-grid">
        <div className="diff-side diff-side-a" aria-label={labels[0]}>
          <div className="diff-side-label">{labels[0]}</div>
          <DiffSide segments={a} emptyText={emptyText} onUnfold={() => setUnfolded(true)} />
        </div>
        <div className="diff-side diff-side-b" aria-label={labels[1]}>
          <div className="diff-side-label">{labels[1]}</div>
          <DiffSide segments={b} emptyText={emptyText} onUnfold={() => setUnfolded(true)} />
        </div>
      </div>
    </div>
  );
}

function DiffSide({
  segments,
  emptyText,
  onUnfold,
}: {
  segments: Segment[];
  emptyText: string;
  onUnfold: () => void;
}) {
  if (segments.length === 0) return <div className="diff-text muted">{emptyText}</div>;
  return (
    <div className="diff-text">
      {segments.map((segment, i) =>
        segment.kind === 'delete' ? (
          <del key={i} className="diff-del">
            {segment.text}
          </del>
        ) : segment.kind === 'insert' ? (
          <ins key={i} className="diff-ins">
            {segment.text}
          </ins>
        ) : segment.kind === 'fold' ? (
          <button
            key={i}
            type="button"
            className="diff-fold"
            onClick={onUnfold}
            title="Show the unchanged text"
          >
            ⋯ {formatCount(segment.text.length)} unchanged characters ⋯
          </button>
        ) : (
          <span key={i}>{segment.text}</span>
        ),
      )}
    </div>
  );
}

/** One side only (a step the other run does not have): its text, plainly. */
export function PlainText({ text, label }: { text: string; label: string }) {
  return (
    <div className="diff-side diff-single" aria-label={label}>
      <div className="diff-side-label">{label}</div>
      <div className="diff-text">{text === '' ? <span className="muted">(empty)</span> : text}</div>
    </div>
  );
}
