// The Transcript tab: the run read as a conversation. A virtual list of variable-height cards
// (only the cards on screen, plus a few, are in the DOM; heights are measured as they render),
// so it opens at any step of a 100,000-span trace at once. Payloads are fetched only for the
// cards on screen and the LLM call before each (its history is what a card hides); loads queued
// for cards scrolled away are dropped.
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { Span, SpanWithPayloads } from '../../../../shared/types.ts';
import { NO_COLLAPSE, visibleRows } from '../../model/traceTree.ts';
import { useStore } from '../../state/createStore.ts';
import { payloadKey, payloadStore, requestOnlyInBackground } from '../../state/spanPayloads.ts';
import type { TraceViewProps } from '../../components/traceViewProps.ts';
import {
  stepIndexFor,
  stepsOf,
  type TranscriptItem,
  transcriptItem,
  transcriptLinks,
} from './buildTranscript.ts';
import { TranscriptEntry } from './TranscriptEntry.tsx';
import { useCardWindow } from './useCardWindow.ts';

/** A first guess at a card's height, replaced by its measured height once it renders. */
const ESTIMATED_CARD_PX = 140;

export function TranscriptView({
  tree,
  selectedSpanId,
  onSelectSpan,
  searchMatches,
  traceId,
}: TraceViewProps & { traceId: string }) {
  const { rows, spans, links } = useMemo(() => {
    // The rows are cached per tree: the waterfall or outline usually walked them already.
    const rows = visibleRows(tree, NO_COLLAPSE);
    const spans = stepsOf(rows);
    return { rows, spans, links: transcriptLinks(spans) };
  }, [tree]);
  const payloads = useStore(payloadStore);
  const scroller = useRef<HTMLDivElement>(null);

  // Open at the selected span, and follow the selection made in other views; the followed card
  // stays in place while the cards around it load and change height, until the reader scrolls.
  const selectedIndex = useMemo(
    () => stepIndexFor(selectedSpanId, rows, spans.length),
    [selectedSpanId, rows, spans.length],
  );
  const keyOf = useCallback((index: number) => spans[index]!.spanId, [spans]);
  const list = useCardWindow({
    count: spans.length,
    keyOf,
    follow: selectedIndex,
    estimate: ESTIMATED_CARD_PX,
    overscan: 3,
    scroller,
  });
  const { first, last } = list;

  // What the cards on screen need: their payloads and the previous LLM call's.
  useEffect(() => {
    const wanted: Span[] = [];
    for (let i = first; i <= last; i++) {
      const previous = links.previousLlm[i]!;
      if (spans[i]!.type === 'llm' && previous >= 0 && (i === first || previous < first))
        wanted.push(spans[previous]!);
      wanted.push(spans[i]!);
    }
    requestOnlyInBackground(wanted);
  }, [first, last, spans, links]);

  // Items are rebuilt only when their payloads change, so memoised cards skip re-rendering.
  const itemCache = useRef(new Map<string, { deps: unknown[]; item: TranscriptItem }>());
  const payloadOf = (span: Span): SpanWithPayloads | null => {
    const entry = payloads.get(payloadKey(traceId, span.spanId));
    const payload = entry?.status === 'ready' ? entry.span : null;
    // A step still running (live, or at the playback playhead) has produced nothing yet.
    return payload && span.status === 'running' ? { ...payload, output: undefined } : payload;
  };
  const itemAt = (index: number): TranscriptItem => {
    const span = spans[index]!;
    const own = payloads.get(payloadKey(traceId, span.spanId));
    const p = links.previousLlm[index]!;
    const prevEntry = p >= 0 ? payloads.get(payloadKey(traceId, spans[p]!.spanId)) : null;
    const deps = [span, own, prevEntry, p >= 0 ? spans[p] : null];
    const cached = itemCache.current.get(span.spanId);
    if (cached?.deps.every((dep, i) => dep === deps[i])) return cached.item;
    const previous = p < 0 ? null : (payloadOf(spans[p]!) ?? undefined);
    const item = transcriptItem(
      { span, payload: payloadOf(span) },
      span.type === 'llm' ? previous : null,
      links.toolsSince[index]!,
    );
    itemCache.current.set(span.spanId, { deps, item });
    return item;
  };
  const items: { index: number; item: TranscriptItem }[] = [];
  for (let index = first; index <= last; index++) items.push({ index, item: itemAt(index) });
  if (itemCache.current.size > 500) itemCache.current.clear();
  const loadingOnScreen = items.filter(({ item }) => !item.loaded).length;

  if (spans.length === 0) {
    return (
      <div className="workspace-message muted">
        This trace has no LLM or tool spans to read as a conversation.
      </div>
    );
  }
  const status =
    loadingOnScreen > 0
      ? ` · loading ${loadingOnScreen} on screen…`
      : items.length >= spans.length
        ? ' · all loaded'
        : ' · steps load as they scroll into view';
  return (
    <div className="transcript" aria-label="Transcript">
      <div className="transcript-status muted">
        {spans.length.toLocaleString('en-US')} {spans.length === 1 ? 'step' : 'steps'}
        {status}
      </div>
      <div
        ref={scroller}
        className="transcript-scroller"
        // Focusable so arrows and Page Up/Down scroll it, and Esc in a search comes back here.
        tabIndex={0}
        onScroll={list.onScroll}
        onWheel={list.unpin}
        onPointerDown={list.unpin}
        onKeyDown={list.unpin}
      >
        <div className="transcript-spacer" style={{ height: list.total }}>
          {items.map(({ index, item }) => (
            <div
              key={item.span.spanId}
              ref={list.measure}
              data-index={index}
              data-key={item.span.spanId}
              className={index === spans.length - 1 ? 'transcript-slot is-last' : 'transcript-slot'}
              style={{ transform: `translateY(${list.startOf(index)}px)` }}
            >
              <TranscriptEntry
                item={item}
                selected={item.span.spanId === selectedSpanId}
                dimmed={searchMatches !== null && !searchMatches.has(item.span.spanId)}
                onSelect={onSelectSpan}
              />
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
