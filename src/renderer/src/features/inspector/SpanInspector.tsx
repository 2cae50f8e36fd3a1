// The right-hand panel: everything about the selected span. The skeleton (from the trace
// answer) shows at once; payloads, attributes and events are fetched for this span only.
import { useRef, useState } from 'react';
import type { Span, TraceDetail } from '../../../../shared/types.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { SpanTypeBadge } from '../../components/SpanTypeBadge.tsx';
import { SearchNeedleContext } from '../../components/payload/searchNeedle.ts';
import { useNow } from '../../state/useNow.ts';
import { retryPayload, usePayload } from '../../state/spanPayloads.ts';
import { AttributesTable } from './AttributesTable.tsx';
import { countFlatAttributes } from './flattenAttributes.ts';
import { buildCurl } from './curl.ts';
import { ErrorBlock } from './ErrorBlock.tsx';
import { EventsList } from './EventsList.tsx';
import { PayloadSearchBar } from './PayloadSearchBar.tsx';
import { PayloadSection } from './PayloadSection.tsx';
import { RawView } from './RawView.tsx';
import { SpanFacts } from './SpanFacts.tsx';
import { TraceOverview } from './TraceOverview.tsx';
import { useTextSearch } from './useTextSearch.ts';
import { SpanActions } from '../../components/SpanActions.tsx';
import { ReplayList } from '../../components/ReplayList.tsx';

/** The collector keeps the price table's estimate beside a reported cost when they differ. */
function costEstimateOf(attributes: Record<string, unknown>): number | null {
  const value = attributes['spyglass.cost_estimate_usd'];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

type InspectorTab = 'details' | 'attributes' | 'events' | 'raw';
const MODEL_TYPES = new Set(['llm', 'embedding', 'reranker']);

/** Time-travel playback: the span as of the playhead (null before it starts), and that time. */
export interface InspectorAsOf {
  span: Span | null;
  time: number;
}

export function SpanInspector({
  trace,
  span,
  onSelectSpan,
  asOf,
}: {
  trace: TraceDetail;
  span: Span | null;
  onSelectSpan: (spanId: string) => void;
  asOf?: InspectorAsOf;
}) {
  const [tab, setTab] = useState<InspectorTab>('details');
  const [needle, setNeedle] = useState('');
  const body = useRef<HTMLDivElement>(null);
  const search = useTextSearch(body, tab === 'details' || tab === 'raw' ? needle : '');
  const entry = usePayload(span);
  const now = useNow(span?.status === 'running');

  if (!span) {
    return (
      <div className="inspector" id="inspector" tabIndex={-1}>
        <div className="inspector-head">
          <span className="inspector-title" title={trace.name}>
            {trace.name || '(unnamed trace)'}
          </span>
          <span className="muted">Trace</span>
        </div>
        <TraceOverview trace={trace} />
      </div>
    );
  }
  // During playback the facts, error and output are as of the playhead: a span still running
  // there shows what it was given and not yet what it produced (its payload is fetched whole once).
  const shown = asOf === undefined ? span : (asOf.span ?? span);
  const notStarted = asOf !== undefined && asOf.span === null;
  const hideOutput = asOf !== undefined && (notStarted || shown.status === 'running');
  const fetched = entry?.span ?? null;
  const full = fetched && hideOutput ? { ...fetched, output: undefined } : fetched;
  const loading = entry?.status === 'loading';
  const attributes = full?.attributes ?? {};
  const tabs: [InspectorTab, string][] = [
    ['details', 'Details'],
    ['attributes', `Attributes${full ? ` (${countFlatAttributes(attributes)})` : ''}`],
    ['events', `Events${full ? ` (${full.events.length + (full.links?.length ?? 0)})` : ''}`],
    ['raw', 'Raw'],
  ];

  return (
    <div className="inspector" id="inspector" tabIndex={-1} data-span-id={span.spanId}>
      <div className="inspector-head">
        <SpanTypeBadge type={span.type} />
        <span className="inspector-title" title={span.name}>
          {span.name || '(unnamed)'}
        </span>
        <SpanActions span={span} />
        <CopyButton label="ID" title={`Copy span ID ${span.spanId}`} text={span.spanId} />
      </div>
      <div className="inspector-toolbar">
        <div className="tabs tabs-small" role="tablist" aria-label="Span details">
          {tabs.map(([key, label]) => (
            <button
              key={key}
              type="button"
              role="tab"
              aria-selected={tab === key}
              className={`tab${tab === key ? ' active' : ''}`}
              onClick={() => setTab(key)}
            >
              {label}
            </button>
          ))}
        </div>
      </div>
      {(tab === 'details' || tab === 'raw') && (
        <div className="inspector-search-row">
          <PayloadSearchBar value={needle} onChange={setNeedle} search={search} />
          {full && (
            <CopyButton
              label="Copy JSON"
              title="Copy the whole span as JSON"
              text={() => JSON.stringify(full, null, 2)}
            />
          )}
          {full && span.type === 'llm' && (
            <CopyButton
              label="Copy as curl"
              title="Copy a curl command that repeats this request"
              text={() => buildCurl(full)}
            />
          )}
        </div>
      )}
      {entry?.status === 'error' && (
        <div className="notice notice-error" role="alert">
          Could not load this span’s payloads: {entry.error}{' '}
          <button type="button" className="link-button" onClick={() => retryPayload(span)}>
            Retry
          </button>
        </div>
      )}
      <SearchNeedleContext value={needle}>
        <div className="inspector-body" ref={body}>
          {tab === 'details' && (
            <>
              <SpanFacts
                span={shown}
                traceStart={trace.startTime}
                now={asOf?.time ?? now}
                estimate={costEstimateOf(attributes)}
              />
              {!hideOutput && shown.error && <ErrorBlock error={shown.error} />}
              {notStarted ? (
                <div className="playback-pending">Not started yet at the playhead.</div>
              ) : (
                <PayloadSection
                  title="Input"
                  value={full?.input}
                  bytes={span.inputBytes}
                  loading={loading || !entry}
                  prose={MODEL_TYPES.has(span.type)}
                />
              )}
              {hideOutput ? (
                !notStarted && (
                  <section className="payload-section" aria-label="Output" data-pending="true">
                    <div className="section-title">
                      <span>Output</span>
                    </div>
                    <div className="playback-pending">
                      Running at the playhead: the output appears when the span ends.
                    </div>
                  </section>
                )
              ) : (
                <PayloadSection
                  title="Output"
                  value={full?.output}
                  bytes={span.outputBytes}
                  loading={loading || !entry}
                  prose={MODEL_TYPES.has(span.type)}
                />
              )}
              {span.type === 'llm' && <ReplayList traceId={span.traceId} spanId={span.spanId} />}
            </>
          )}
          {tab === 'attributes' &&
            (full ? <AttributesTable attributes={attributes} /> : <div className="muted pad">Loading…</div>)}
          {tab === 'events' &&
            (full ? (
              <EventsList
                events={full.events}
                links={full.links ?? []}
                spanStart={span.startTime}
                traceId={span.traceId}
                onSelectSpan={onSelectSpan}
              />
            ) : (
              <div className="muted pad">Loading…</div>
            ))}
          {tab === 'raw' && (full ? <RawView span={full} /> : <div className="muted pad">Loading…</div>)}
        </div>
      </SearchNeedleContext>
    </div>
  );
}
