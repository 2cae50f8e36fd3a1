// Find inside the inspector's payloads: match count, Enter / Shift+Enter for next / previous.
import type { TextSearch } from './useTextSearch.ts';

export function PayloadSearchBar({ value, onChange, search }: { value: string; onChange: (next: string) => void; search: TextSearch }) {
  return (
    <div className="search-field payload-search">
      <span className="search-icon" aria-hidden>
        ⌕
      </span>
      <input
        id="payload-search"
        type="search"
        placeholder="Find in payloads"
        aria-label="Find in payloads"
        spellCheck={false}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            if (event.shiftKey) search.prev();
            else search.next();
          } else if (event.key === 'Escape') {
            onChange('');
            event.currentTarget.blur();
          }
        }}
      />
      {value && (
        <span className="search-count" aria-live="polite">
          {search.count === 0 ? 'No matches' : `${search.index + 1} / ${search.count}${search.capped ? '+' : ''}`}
        </span>
      )}
      {value && search.count > 0 && (
        <>
          <button type="button" className="icon-button" aria-label="Previous match" onClick={search.prev}>
            ▴
          </button>
          <button type="button" className="icon-button" aria-label="Next match" onClick={search.next}>
            ▾
          </button>
        </>
      )}
    </div>
  );
}
