// The trace's span search: filters nothing, highlights matches in every view; Enter / Shift+Enter
// step through them (selecting each), Esc clears.
import type { SpanNode } from '../model/traceTree.ts';
import { setSpanSearch } from '../state/traceInteraction.ts';

export interface SpanSearchBoxProps {
  traceId: string;
  value: string;
  /** Matches in outline order, so Enter walks them top to bottom. */
  orderedMatches: readonly SpanNode[];
  selectedSpanId: string | null;
  onSelect: (spanId: string) => void;
}

export function SpanSearchBox({ traceId, value, orderedMatches, selectedSpanId, onSelect }: SpanSearchBoxProps) {
  const position = orderedMatches.findIndex((node) => node.span.spanId === selectedSpanId);
  const step = (delta: number) => {
    if (orderedMatches.length === 0) return;
    const next = position < 0 ? (delta > 0 ? 0 : orderedMatches.length - 1) : (position + delta + orderedMatches.length) % orderedMatches.length;
    onSelect(orderedMatches[next]!.span.spanId);
  };
  return (
    <div className="search-field span-search">
      <span className="search-icon" aria-hidden>
        ⌕
      </span>
      <input
        id="span-search"
        type="search"
        placeholder="Find spans"
        aria-label="Find spans in this trace"
        spellCheck={false}
        value={value}
        onChange={(event) => setSpanSearch(traceId, event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            step(event.shiftKey ? -1 : 1);
          } else if (event.key === 'Escape') {
            setSpanSearch(traceId, '');
            event.currentTarget.blur();
          }
        }}
      />
      {value.trim() && (
        <span className="search-count" aria-live="polite">
          {orderedMatches.length === 0 ? 'No matches' : `${position >= 0 ? position + 1 : '–'} / ${orderedMatches.length}`}
        </span>
      )}
      {value.trim() && orderedMatches.length > 0 && (
        <>
          <button type="button" className="icon-button" aria-label="Previous match" onClick={() => step(-1)}>
            ▴
          </button>
          <button type="button" className="icon-button" aria-label="Next match" onClick={() => step(1)}>
            ▾
          </button>
        </>
      )}
    </div>
  );
}
