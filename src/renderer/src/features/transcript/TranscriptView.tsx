// The Transcript tab: the run read as a conversation. Steps render progressively (a window
// that grows as the reader scrolls to its end) and their payloads load in order, in the
// background; the header says how many are still to load.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from '../../state/createStore.ts';
import { payloadKey, payloadStore, requestPayload } from '../../state/spanPayloads.ts';
import { visibleRows } from '../../model/traceTree.ts';
import type { TraceViewProps } from '../../components/traceViewProps.ts';
import { buildTranscript, TRANSCRIPT_TYPES, type TranscriptStep } from './buildTranscript.ts';
import { TranscriptEntry } from './TranscriptEntry.tsx';

const WINDOW = 25;
const NO_COLLAPSE: ReadonlySet<string> = new Set();

export function TranscriptView({
  tree,
  selectedSpanId,
  onSelectSpan,
  searchMatches,
  traceId,
}: TraceViewProps & { traceId: string }) {
  const spans = useMemo(
    () =>
      visibleRows(tree, NO_COLLAPSE)
        .filter((node) => TRANSCRIPT_TYPES.has(node.span.type))
        .map((node) => node.span),
    [tree],
  );
  const [limit, setLimit] = useState(WINDOW);
  const payloads = useStore(payloadStore);
  const sentinel = useRef<HTMLDivElement>(null);

  // Selecting a later step elsewhere extends the window to reach it.
  const selectedIndex = spans.findIndex((span) => span.spanId === selectedSpanId);
  useEffect(() => {
    if (selectedIndex >= limit) setLimit(selectedIndex + WINDOW);
  }, [selectedIndex, limit]);

  const shown = useMemo(() => spans.slice(0, limit), [spans, limit]);
  useEffect(() => {
    for (const span of shown) requestPayload(span, 'background');
  }, [shown]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the sentinel is re-observed when the list grows, so a sentinel still in view loads the next window.
  useEffect(() => {
    const element = sentinel.current;
    if (!element) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) setLimit((n) => n + WINDOW);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [spans.length, limit]);

  const steps = useMemo(
    () =>
      shown.map((span): TranscriptStep => {
        const entry = payloads.get(payloadKey(traceId, span.spanId));
        const payload = entry?.status === 'ready' ? entry.span : null;
        // A step still running (live, or at the playback playhead) has produced nothing yet.
        return {
          span,
          payload: payload && span.status === 'running' ? { ...payload, output: undefined } : payload,
        };
      }),
    [shown, payloads, traceId],
  );
  const items = useMemo(() => buildTranscript(steps), [steps]);
  const notLoaded = spans.length - steps.filter((step) => step.payload !== null).length;

  if (spans.length === 0) {
    return (
      <div className="workspace-message muted">
        This trace has no LLM or tool spans to read as a conversation.
      </div>
    );
  }
  return (
    <div className="transcript" aria-label="Transcript">
      <div className="transcript-status muted">
        {spans.length} steps
        {notLoaded > 0
          ? ` · ${notLoaded} not loaded yet${limit < spans.length ? ' (scroll to load more)' : ''}`
          : ' · all loaded'}
      </div>
      {items.map((item) => (
        <TranscriptEntry
          key={item.span.spanId}
          item={item}
          selected={item.span.spanId === selectedSpanId}
          dimmed={searchMatches !== null && !searchMatches.has(item.span.spanId)}
          onSelect={onSelectSpan}
        />
      ))}
      {limit < spans.length && (
        <div ref={sentinel} className="transcript-more muted">
          Loading {Math.min(WINDOW, spans.length - limit)} more steps…
        </div>
      )}
    </div>
  );
}
