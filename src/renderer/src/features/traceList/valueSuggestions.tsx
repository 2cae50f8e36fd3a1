// Suggestions for a trace list filter field: the values (or attribute keys) the collector knows
// that contain what is typed, each with how many traces hold it, shown as a native <datalist> so
// the browser's own keyboard handling and screen-reader support come with it.
import { useEffect, useState } from 'react';
import { fetchFilterValues } from '../../api/http.ts';
import { formatCount } from '../../lib/format.ts';

export interface ValueSuggestion {
  value: string;
  traces: number;
}

/** Pause in typing before asking the collector. */
const ASK_AFTER_MS = 120;

/** Known values containing `text`, asked while the field has focus; none while `text` is null. */
export function useValueSuggestions(
  field: 'model' | 'tag' | 'attr',
  text: string | null,
  focused: boolean,
): ValueSuggestion[] {
  const [values, setValues] = useState<ValueSuggestion[]>([]);
  useEffect(() => {
    if (!focused || text === null) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetchFilterValues(field, text, controller.signal).then(
        (answer) => setValues(answer.values),
        () => setValues([]),
      );
    }, ASK_AFTER_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [field, text, focused]);
  return values;
}

export function ValueSuggestions({ id, values }: { id: string; values: readonly ValueSuggestion[] }) {
  return (
    <datalist id={id}>
      {values.map((v) => (
        <option
          key={v.value}
          value={v.value}
          label={`${formatCount(v.traces)} ${v.traces === 1 ? 'trace' : 'traces'}`}
        />
      ))}
    </datalist>
  );
}
