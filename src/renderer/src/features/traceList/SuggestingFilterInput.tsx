// A trace list filter field (model, tag) that suggests the values the collector knows, each with
// how many traces hold it, as the user types: a native <datalist>, so the browser's own keyboard
// handling and screen-reader support come with it.
import { useId, useState } from 'react';
import { useValueSuggestions, ValueSuggestions } from './valueSuggestions.tsx';

export interface SuggestingFilterInputProps {
  field: 'model' | 'tag';
  label: string;
  value: string;
  onChange: (next: string) => void;
}

export function SuggestingFilterInput({ field, label, value, onChange }: SuggestingFilterInputProps) {
  const listId = useId();
  const [focused, setFocused] = useState(false);
  const values = useValueSuggestions(field, value, focused);
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
      <ValueSuggestions id={listId} values={values} />
    </>
  );
}
