// One aligned pair in full: what changed (name, model, status, error), the numbers side by side
// with their deltas, and the word diffs of the prompt / arguments / input and of the output.
import type { AlignedPair, NumberDelta, PayloadDiff } from '../../../../shared/compare/index.ts';
import { payloadText } from '../../../../shared/compare/index.ts';
import { SpanTypeBadge } from '../../components/SpanTypeBadge.tsx';
import { formatCost, formatCount, formatDuration } from '../../lib/format.ts';
import { describeDelta } from '../../model/diffView.ts';
import { KIND_LABEL } from '../../model/compareView.ts';
import { DiffColumns, PlainText } from '../../components/DiffColumns.tsx';

const PAYLOAD_TITLE: Record<PayloadDiff['label'], string> = {
  prompt: 'Prompt',
  arguments: 'Tool arguments',
  input: 'Input',
  output: 'Output',
};

export function PairDetails({ pair, index }: { pair: AlignedPair; index: number }) {
  const step = pair.a ?? pair.b!;
  return (
    <div className="pair-details" aria-label="Step details" data-index={index} data-kind={pair.kind}>
      <div className="pair-head">
        <span className={`kind-chip kind-chip-${pair.kind}`}>{KIND_LABEL[pair.kind]}</span>
        <SpanTypeBadge type={step.span.type} />
        <span className="pair-name">{step.span.name || '(unnamed)'}</span>
        {pair.diffs.name && (
          <>
            <span className="muted">→</span>
            <span className="pair-name">{pair.diffs.name.b}</span>
          </>
        )}
        <span className="spacer" />
        <span className="muted">
          step {pair.a ? pair.a.index + 1 : '—'} ↔ {pair.b ? pair.b.index + 1 : '—'}
        </span>
      </div>
      <ValueChanges pair={pair} />
      <NumbersTable pair={pair} />
      {pair.a && pair.b ? (
        <>
          <PayloadBlock
            title={PAYLOAD_TITLE[pair.diffs.input?.label ?? labelFor(step.span.type)]}
            diff={pair.diffs.input}
          />
          <PayloadBlock title="Output" diff={pair.diffs.output} />
        </>
      ) : (
        <OneSide pair={pair} />
      )}
    </div>
  );
}

function labelFor(type: string): PayloadDiff['label'] {
  return type === 'llm' || type === 'embedding' || type === 'reranker'
    ? 'prompt'
    : type === 'tool'
      ? 'arguments'
      : 'input';
}

function ValueChanges({ pair }: { pair: AlignedPair }) {
  const rows: [string, string | null, string | null][] = [];
  const { diffs } = pair;
  if (diffs.name) rows.push(['Name', diffs.name.a, diffs.name.b]);
  if (diffs.model) rows.push(['Model', diffs.model.a, diffs.model.b]);
  if (diffs.status) rows.push(['Status', diffs.status.a, diffs.status.b]);
  if (diffs.error) rows.push(['Error', diffs.error.a, diffs.error.b]);
  if (rows.length === 0) return null;
  return (
    <dl className="value-changes">
      {rows.map(([label, a, b]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>
            <del className="diff-del">{a ?? '(none)'}</del> → <ins className="diff-ins">{b ?? '(none)'}</ins>
          </dd>
        </div>
      ))}
    </dl>
  );
}

function NumbersTable({ pair }: { pair: AlignedPair }) {
  const { diffs } = pair;
  const rows: [string, NumberDelta, (n: number) => string][] = [
    ['Prompt tokens', diffs.promptTokens, formatCount],
    ['Completion tokens', diffs.completionTokens, formatCount],
    ['Total tokens', diffs.totalTokens, formatCount],
    ['Cost', diffs.costUsd, formatCost],
    ['Latency', diffs.latencyMs, formatDuration],
  ];
  const shown = rows.filter(([, value]) => value.a !== null || value.b !== null);
  if (shown.length === 0) return null;
  return (
    <table className="facts-table pair-numbers">
      <thead>
        <tr>
          <th />
          <th>Run A</th>
          <th>Run B</th>
          <th>Change</th>
        </tr>
      </thead>
      <tbody>
        {shown.map(([label, value, format]) => {
          const delta = describeDelta(value.a, value.b, format);
          return (
            <tr key={label}>
              <th>{label}</th>
              <td>{value.a === null ? '—' : format(value.a)}</td>
              <td>{value.b === null ? '—' : format(value.b)}</td>
              <td className={`delta delta-${delta.tone}`}>{delta.text}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function PayloadBlock({ title, diff }: { title: string; diff: PayloadDiff | undefined }) {
  return (
    <section className="pair-payload" aria-label={`${title} diff`}>
      <div className="section-title">
        <span>{title}</span>
        {!diff && <span className="section-meta">unchanged</span>}
      </div>
      {diff && <DiffColumns diff={diff.diff} labels={['Run A', 'Run B']} />}
    </section>
  );
}

function OneSide({ pair }: { pair: AlignedPair }) {
  const step = (pair.a ?? pair.b)!;
  const label = pair.a ? 'Run A only' : 'Run B only';
  const text = (which: 'input' | 'output') =>
    which in step.span && step.span[which] !== undefined
      ? payloadText(step.span[which])
      : ((which === 'input' ? step.span.inputPreview : step.span.outputPreview) ?? '');
  return (
    <>
      <section className="pair-payload" aria-label="Input">
        <div className="section-title">
          <span>{PAYLOAD_TITLE[labelFor(step.span.type)]}</span>
        </div>
        <PlainText label={label} text={text('input')} />
      </section>
      <section className="pair-payload" aria-label="Output">
        <div className="section-title">
          <span>Output</span>
        </div>
        <PlainText label={label} text={text('output')} />
      </section>
    </>
  );
}
