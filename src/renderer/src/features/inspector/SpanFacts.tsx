// The span's numbers and flags as a compact label/value grid, DevTools' "Timing" style.
import type { Span } from '../../../../shared/types.ts';
import { SPAN_TYPE_LABEL } from '../../components/spanTypes.ts';
import { StatusLabel } from '../../components/StatusIcon.tsx';
import { formatCost, formatDuration } from '../../lib/format.ts';
import { formatFullTime } from '../../lib/formatClockTime.ts';
import { TokenBar } from './TokenBar.tsx';

/** The collector says whether a cost was reported by the SDK or estimated from its price table. */
function costSource(span: Span): string | null {
  const source = (span as Span & { costSource?: unknown }).costSource;
  return typeof source === 'string' ? source : null;
}

export function SpanFacts({
  span,
  traceStart,
  now,
  estimate = null,
}: {
  span: Span;
  traceStart: number | null;
  now: number;
  /** The price table's estimate kept beside a reported cost that differs from it. */
  estimate?: number | null;
}) {
  const running = span.status === 'running';
  const latencyMs = running && span.startTime !== null ? now - span.startTime : span.durationMs;
  const offsetMs = span.startTime !== null && traceStart !== null ? span.startTime - traceStart : null;
  const source = costSource(span);
  const rows: [string, React.ReactNode][] = [
    ['Type', SPAN_TYPE_LABEL[span.type]],
    ['Status', <StatusLabel key="s" status={span.status} />],
    [
      'Latency',
      <span key="l">
        {formatDuration(latencyMs)}
        {running && <span className="muted"> so far</span>}
      </span>,
    ],
  ];
  if (span.timeToFirstTokenMs !== null) rows.push(['First token', formatDuration(span.timeToFirstTokenMs)]);
  if (span.model || span.provider)
    rows.push(['Model', [span.model, span.provider && `(${span.provider})`].filter(Boolean).join(' ')]);
  if (span.promptTokens !== null || span.completionTokens !== null || span.totalTokens !== null) {
    rows.push(['Tokens', <TokenBar key="t" prompt={span.promptTokens} completion={span.completionTokens} />]);
  }
  if (span.costUsd !== null) {
    rows.push([
      'Cost',
      <span key="c">
        {formatCost(span.costUsd)}
        {source === 'estimated' && <span className="muted"> estimated from price table</span>}
        {source === 'reported' && <span className="muted"> reported</span>}
        {source === 'reported' && estimate !== null && (
          <span className="muted"> · price table estimate {formatCost(estimate)}</span>
        )}
      </span>,
    ]);
  }
  if (span.stepOrder !== null) rows.push(['Step', String(span.stepOrder)]);
  if (span.destructive)
    rows.push([
      'Destructive',
      <span key="d" className="destructive-flag">
        ⚠ Changes the outside world
      </span>,
    ]);
  rows.push([
    'Started',
    <span key="st">
      {formatFullTime(span.startTime)}
      {offsetMs !== null && <span className="muted"> (+{formatDuration(offsetMs)})</span>}
    </span>,
  ]);
  if (span.kind) rows.push(['Span kind', span.kind]);
  return (
    <dl className="facts">
      {rows.map(([label, value]) => (
        <div className="fact" key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
