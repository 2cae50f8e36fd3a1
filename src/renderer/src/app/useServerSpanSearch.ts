// The payload half of the span search: the skeleton carries no payload text (traceColumns.ts),
// so the collector searches whole inputs, outputs and errors of the open trace and answers the
// matching ids. Asked once the query has been still for a moment; a newer query aborts an older one.
import { useEffect, useState } from 'react';
import { fetchSpanSearch } from '../api/http.ts';

const SETTLE_MS = 150;

/** Ids of the trace's spans whose payloads match `query`; null while there is no answer (or no query). */
export function useServerSpanSearch(traceId: string, query: string): ReadonlySet<string> | null {
  const [answer, setAnswer] = useState<{ key: string; ids: ReadonlySet<string> } | null>(null);
  const text = query.trim();
  const key = `${traceId}\n${text}`;
  useEffect(() => {
    if (text === '') return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetchSpanSearch(traceId, text, controller.signal).then(
        (found) => setAnswer({ key, ids: new Set(found.spanIds) }),
        () => {
          // Offline, or an older build of the collector: the local search still answers.
        },
      );
    }, SETTLE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [traceId, text, key]);
  return answer?.key === key ? answer.ids : null;
}
