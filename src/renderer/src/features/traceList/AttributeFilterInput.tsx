// The trace list's attribute filter: type `key`, `key=value` or `key>number` and press Enter to add
// it as a chip. The expression is checked with the collector's own parser (shared/attrFilter.ts),
// so a mistake is named here instead of coming back as a failed list. Keys the collector has seen
// are suggested as the user types the key.
import { useId, useState } from 'react';
import { AttrFilterError, formatAttrFilter, parseAttrFilter } from '../../../../shared/attrFilter.ts';
import { useValueSuggestions, ValueSuggestions } from './valueSuggestions.tsx';

export interface AttributeFilterInputProps {
  /** Adds one expression, normalised; the caller ignores one already present. */
  onAdd: (expression: string) => void;
}

/** The key part of a draft, for suggestions: everything before the first operator character. */
function keyOf(draft: string): string | null {
  const at = draft.search(/[=!<>]/);
  return at === -1 ? draft.trim() : null;
}

export function AttributeFilterInput({ onAdd }: AttributeFilterInputProps) {
  const listId = useId();
  const errorId = useId();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [focused, setFocused] = useState(false);
  // Once an operator is typed the key is chosen: its suggestions would only be noise.
  const keys = useValueSuggestions('attr', keyOf(draft), focused);

  const commit = () => {
    if (draft.trim() === '') return;
    try {
      onAdd(formatAttrFilter(parseAttrFilter(draft)));
      setDraft('');
      setError(null);
    } catch (problem) {
      if (!(problem instanceof AttrFilterError)) throw problem;
      setError(`Attribute filter ${problem.message}`);
    }
  };

  return (
    <div className="attr-filter-input">
      <input
        aria-label="Attribute filter"
        placeholder="Attribute"
        title="A span attribute: key (has it), key=value, key!=value, key>number; Enter adds it"
        value={draft}
        spellCheck={false}
        list={listId}
        aria-invalid={error !== null}
        aria-describedby={error ? errorId : undefined}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        onChange={(event) => {
          setDraft(event.target.value);
          setError(null);
        }}
        onKeyDown={(event) => {
          if (event.key !== 'Enter') return;
          event.preventDefault();
          commit();
        }}
      />
      <ValueSuggestions id={listId} values={keys} />
      {error && (
        <p id={errorId} className="attr-filter-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
