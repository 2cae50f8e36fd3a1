// The span search of a trace view, the local half: which spans match a query, as a set of ids
// (null: no query). Matches name, type, model, provider, id, error and any previews the spans
// carry (live spans do; skeletons do not), case-insensitive, as substrings. The collector
// searches whole payloads for the rest (app/useServerSpanSearch.ts).
import type { Span } from '../../../shared/types.ts';

function haystack(span: Span): string {
  return [
    span.name,
    span.type,
    span.model,
    span.provider,
    span.spanId,
    span.error?.message,
    span.inputPreview,
    span.outputPreview,
  ]
    .filter(Boolean)
    .join('\n')
    .toLowerCase();
}

export function matchSpans(spans: Iterable<Span>, query: string): Set<string> | null {
  const needle = query.trim().toLowerCase();
  if (!needle) return null;
  const matches = new Set<string>();
  for (const span of spans) if (haystack(span).includes(needle)) matches.add(span.spanId);
  return matches;
}
