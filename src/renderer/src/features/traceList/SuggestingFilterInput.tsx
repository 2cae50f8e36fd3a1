// A trace list filter field (model, tag) that suggests the values the collector knows, each with
// how many traces hold it, as the user types: a native <datalist>, so the browser's own keyboard
// handling and screen-reader support come with it.
import { useEffect, useId, useState } from 'react';
import { fetchFilterValues } from '../../api/http.ts';
import { formatCount } from '../../lib/format.ts';

export interface SuggestingFilterInputProps {
  field: 'model' | 'tag';
  label: string;
  value: string;
  onChange: (next: string) => void;
}

export function SuggestingFilterInput({ field, label, value, onChange }: SuggestingFilterInputProps) {
  const listId = useId();
  const [focused, setFocused] = useState(false);
  const [values, setValues] = useState<{ value: string; traces: number }[]>([]);
  useEffect(() => {
    if (!focused) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetchFilterValues(field, value, controller.signal).then(
        (answer) => setValues(answer.values),
        () => setValues([]),
      );
    }, 120);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [field, value, focused]);
  return (
    <>
      <input
        aria-label={label}
        placeholder={label}
        value={value}
        spellCheck={false}
        list={listId}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        onChange={(event) => onChange(event.target.value)}
      />
      <datalist id={listId}>
        {values.map((v) => (
          <option
            key={v.value}
            value={v.value}
            label={`${formatCount(v.traces)} ${v.traces === 1 ? 'trace' : 'traces'}`}
          />
        ))}
      </datalist>
    </>
  );
}
