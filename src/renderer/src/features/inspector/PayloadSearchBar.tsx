// Find inside the inspector's payloads: match count, Enter / Shift+Enter for next / previous.
import { SearchField } from '../../components/SearchField.tsx';
import type { TextSearch } from './useTextSearch.ts';

export function PayloadSearchBar({
  value,
  onChange,
  search,
}: {
  value: string;
  onChange: (next: string) => void;
  search: TextSearch;
}) {
  return (
    <SearchField
      id="payload-search"
      className="payload-search"
      label="Find in payloads"
      placeholder="Find in payloads"
      value={value}
      onChange={onChange}
      onEnter={(backwards) => (backwards ? search.prev() : search.next())}
      matches={{
        count: search.count,
        current: search.index,
        capped: search.capped,
        previous: search.prev,
        next: search.next,
      }}
    />
  );
}
