// The search box used across the app (trace list, span search, payload search): an icon and a
// search input; Enter / Shift+Enter go to the caller (commit, next / previous match), Esc clears
// the field and leaves it. With `matches`, the match count and ▴/▾ buttons follow the input.
export interface SearchMatches {
  count: number;
  /** 0-based index of the current match, or -1 when none is current. */
  current: number;
  /** More matches exist than were counted. */
  capped?: boolean;
  previous(): void;
  next(): void;
}

export interface SearchFieldProps {
  id: string;
  label: string;
  placeholder: string;
  value: string;
  onChange(next: string): void;
  /** Enter (backwards: with Shift). */
  onEnter?(backwards: boolean): void;
  /** After Esc has cleared the field, e.g. to apply the empty query at once. */
  onCleared?(): void;
  matches?: SearchMatches;
  className?: string;
}

export function SearchField({
  id,
  label,
  placeholder,
  value,
  onChange,
  onEnter,
  onCleared,
  matches,
  className,
}: SearchFieldProps) {
  const searching = value.trim() !== '';
  return (
    <div className={className ? `search-field ${className}` : 'search-field'}>
      <span className="search-icon" aria-hidden>
        ⌕
      </span>
      <input
        id={id}
        type="search"
        placeholder={placeholder}
        aria-label={label}
        spellCheck={false}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            onEnter?.(event.shiftKey);
          } else if (event.key === 'Escape') {
            onChange('');
            onCleared?.();
            event.currentTarget.blur();
          }
        }}
      />
      {matches && searching && (
        <span className="search-count" aria-live="polite">
          {matches.count === 0
            ? 'No matches'
            : `${matches.current >= 0 ? matches.current + 1 : '–'} / ${matches.count}${matches.capped ? '+' : ''}`}
        </span>
      )}
      {matches && searching && matches.count > 0 && (
        <>
          <button
            type="button"
            className="icon-button"
            aria-label="Previous match"
            onClick={matches.previous}
          >
            ▴
          </button>
          <button type="button" className="icon-button" aria-label="Next match" onClick={matches.next}>
            ▾
          </button>
        </>
      )}
    </div>
  );
}
