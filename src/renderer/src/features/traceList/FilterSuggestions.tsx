// Known values of a list filter (model, tag) with how many traces have each, as the input's
// dropdown (a <datalist>): typing "claude" offers "claude-3-5-sonnet-20241022 · 1,204 traces".
// Fetched from the collector as the draft changes, once the field has been focused.
import { useEffect, useState } from 'react';
import type { TraceValueField } from '../../../../shared/types.ts';
import { fetchTraceValues } from '../../api/http.ts';
import { formatCount } from '../../lib/format.ts';

export function useFilterSuggestions(field: TraceValueField, draft: string, active: boolean) {
  const [values, setValues] = useState<{ value: string; count: number }[]>([]);
  useEffect(() => {
    if (!active) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetchTraceValues(field, draft, controller.signal).then(
        (answer) => setValues(answer.values),
        () => undefined, // Suggestions are a convenience: the filter works without them.
      );
    }, 120);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [field, draft, active]);
  return values;
}

export function FilterSuggestions({
  id,
  values,
}: {
  id: string;
  values: readonly { value: string; count: number }[];
}) {
  return (
    <datalist id={id} data-testid={id}>
      {values.map(({ value, count }) => (
        <option
          key={value}
          value={value}
          label={`${formatCount(count)} ${count === 1 ? 'trace' : 'traces'}`}
        />
      ))}
    </datalist>
  );
}
