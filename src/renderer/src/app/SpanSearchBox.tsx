// The trace's span search: filters nothing, highlights matches in every view; Enter / Shift+Enter
// step through them (selecting each), Esc clears.
import { SearchField } from '../components/SearchField.tsx';
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

export function SpanSearchBox({
  traceId,
  value,
  orderedMatches,
  selectedSpanId,
  onSelect,
}: SpanSearchBoxProps) {
  const position = orderedMatches.findIndex((node) => node.span.spanId === selectedSpanId);
  const step = (delta: number) => {
    if (orderedMatches.length === 0) return;
    const next =
      position < 0
        ? delta > 0
          ? 0
          : orderedMatches.length - 1
        : (position + delta + orderedMatches.length) % orderedMatches.length;
    onSelect(orderedMatches[next]!.span.spanId);
  };
  return (
    <SearchField
      id="span-search"
      className="span-search"
      label="Find spans in this trace"
      placeholder="Find spans"
      value={value}
      onChange={(next) => setSpanSearch(traceId, next)}
      onEnter={(backwards) => step(backwards ? -1 : 1)}
      matches={{
        count: orderedMatches.length,
        current: position,
        previous: () => step(-1),
        next: () => step(1),
      }}
    />
  );
}
