// The open trace at a glance: name, status, when, how long, how much.
import type { TraceDetail } from '../../../shared/types.ts';
import { CopyButton } from '../components/CopyButton.tsx';
import { StatusLabel } from '../components/StatusIcon.tsx';
import { formatCost, formatCount, formatDuration, formatTokens } from '../lib/format.ts';
import { formatClockTime, formatFullTime } from '../lib/formatClockTime.ts';
import { preferencesStore, setPreference } from '../state/preferences.ts';
import { useStore } from '../state/createStore.ts';
import { TraceActions } from '../features/files/TraceActions.tsx';
import { OverflowTags } from '../components/OverflowTags.tsx';
import { updateUrl, urlStore } from '../state/urlState.ts';
import { useRef } from 'react';
import { type HeaderLayout, useHeaderLayout } from './useHeaderLayout.ts';

export function TraceHeader({
  trace,
  spanCount,
  now,
}: {
  trace: TraceDetail;
  spanCount: number;
  now: number;
}) {
  const durationMs =
    trace.status === 'running' && trace.startTime !== null ? now - trace.startTime : trace.durationMs;
  const listVisible = useStore(preferencesStore, (p) => p.traceListVisible);
  const header = useRef<HTMLElement>(null);
  const layout = useHeaderLayout(header);
  return (
    <header ref={header} className={layout.stacked ? 'trace-header trace-header-stacked' : 'trace-header'}>
      <button
        type="button"
        className="icon-button list-toggle"
        aria-pressed={listVisible}
        title={listVisible ? 'Hide the trace list ([)' : 'Show the trace list ([)'}
        onClick={() => setPreference('traceListVisible', !listVisible)}
      >
        {listVisible ? '⇤' : '⇥'}
      </button>
      <div className="trace-title" title={trace.name}>
        {trace.name || '(unnamed trace)'}
      </div>
      <StatusLabel status={trace.status} />
      <SdkDrops spans={trace.droppedSpans ?? 0} events={trace.droppedEvents ?? 0} />
      {/* In order of importance. Tags give their room up first (down to "+N"); facts that still do
          not fit give the start time's milliseconds up, then move to a line of their own, then
          give their labels up (useHeaderLayout); only in a window too narrow for that do they wrap. */}
      <dl className={factsClass(layout)}>
        <div>
          <dt>Duration</dt>
          <dd>{formatDuration(durationMs)}</dd>
        </div>
        <div>
          <dt>Cost</dt>
          <dd>{formatCost(trace.costUsd)}</dd>
        </div>
        <div>
          <dt>Spans</dt>
          <dd>
            {formatCount(spanCount)}
            <span className="fact-unit">{spanCount === 1 ? ' span' : ' spans'}</span>
            {trace.errorCount > 0 && <span className="fact-error"> · {trace.errorCount} failed</span>}
          </dd>
        </div>
        <div>
          <dt>Tokens</dt>
          <dd
            title={`${formatCount(trace.promptTokens)} prompt + ${formatCount(trace.completionTokens)} completion`}
          >
            {formatTokens(trace.totalTokens)}
            <span className="fact-unit"> tokens</span>
          </dd>
        </div>
        <div>
          <dt>Started</dt>
          {/* Both forms are laid out (one unseen), so the header measures either without showing it. */}
          <dd title={`Started ${formatFullTime(trace.startTime)}`}>
            <span className="fact-time-long" aria-hidden={layout.shortTime}>
              {formatFullTime(trace.startTime)}
            </span>
            <span className="fact-time-short" aria-hidden={!layout.shortTime}>
              {formatClockTime(trace.startTime)}
            </span>
          </dd>
        </div>
      </dl>
      {/* Whole tags while they fit, then "+N" for the rest (all named on hover, a menu on click). */}
      <OverflowTags
        className="trace-header-tags"
        tags={trace.tags}
        onPick={(tag) => updateUrl({ filters: { ...urlStore.get().filters, tag } })}
        menuHeading="Filter the trace list by tag"
      />
      <TraceActions trace={trace} />
      <CopyButton text={trace.traceId} label="ID" title={`Copy trace ID ${trace.traceId}`} />
    </header>
  );
}

function factsClass({ shortTime, terse }: HeaderLayout): string {
  return ['trace-facts', shortTime ? 'facts-short-time' : '', terse ? 'facts-terse' : ''].join(' ').trim();
}

/** Never a silently incomplete run: what the SDK had to drop when its send buffer overflowed. */
function SdkDrops({ spans, events }: { spans: number; events: number }) {
  if (spans === 0 && events === 0) return null;
  const text =
    spans > 0
      ? `${formatCount(spans)} ${spans === 1 ? 'span' : 'spans'} dropped by the SDK`
      : `${formatCount(events)} ${events === 1 ? 'event' : 'events'} trimmed by the SDK`;
  return (
    <span
      className="sdk-drops"
      role="status"
      title={`The agent produced faster than the collector took it, and the SDK's send buffer overflowed: ${formatCount(spans)} spans lost, ${formatCount(events)} other events dropped or sent without their payloads. Payloads go first, so the trace keeps its shape.`}
    >
      ⚠ {text}
    </span>
  );
}
