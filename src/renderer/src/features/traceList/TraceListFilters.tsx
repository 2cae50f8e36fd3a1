// Search and filters for the trace list. Everything is in the URL (so a reload restores it);
// text fields commit after a short pause so typing does not refetch on every key.
import { useEffect, useEffectEvent, useState } from 'react';
import { SearchField } from '../../components/SearchField.tsx';
import { updateUrl, type ListFilters } from '../../state/urlState.ts';
import { AttributeFilterChips } from './AttributeFilterChips.tsx';
import { AttributeFilterInput } from './AttributeFilterInput.tsx';
import { SuggestingFilterInput } from './SuggestingFilterInput.tsx';

const TIME_RANGES: { label: string; ms: number | null }[] = [
  { label: 'Any time', ms: null },
  { label: 'Last 15 min', ms: 15 * 60_000 },
  { label: 'Last hour', ms: 60 * 60_000 },
  { label: 'Last 24 h', ms: 24 * 60 * 60_000 },
  { label: 'Last 7 days', ms: 7 * 24 * 60 * 60_000 },
];

function useDebouncedField(value: string, commit: (next: string) => void): [string, (next: string) => void] {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  // An effect event: commit is a new closure every render, and only a new draft restarts the timer.
  const settle = useEffectEvent((next: string) => {
    if (next !== value) commit(next);
  });
  useEffect(() => {
    const timer = setTimeout(() => settle(draft), 250);
    return () => clearTimeout(timer);
  }, [draft]);
  return [draft, setDraft];
}

export function TraceListFilters({ filters }: { filters: ListFilters }) {
  const set = (patch: Partial<ListFilters>) => updateUrl({ filters: { ...filters, ...patch } });
  const [q, setQ] = useDebouncedField(filters.q, (next) => set({ q: next }));
  const [model, setModel] = useDebouncedField(filters.model, (next) => set({ model: next }));
  const [tag, setTag] = useDebouncedField(filters.tag, (next) => set({ tag: next }));

  return (
    <div className="list-filters">
      <SearchField
        id="trace-search"
        label="Search traces"
        placeholder="Search names and payloads"
        value={q}
        onChange={setQ}
        onEnter={() => set({ q })}
        onCleared={() => set({ q: '' })}
      />
      <div className="filter-row">
        <select
          aria-label="Status"
          value={filters.status}
          onChange={(event) => set({ status: event.target.value as ListFilters['status'] })}
        >
          <option value="">All statuses</option>
          <option value="running">Running</option>
          <option value="success">Succeeded</option>
          <option value="error">Failed</option>
        </select>
        <select
          aria-label="Time range"
          value={filters.since === null ? 'Any time' : 'custom'}
          onChange={(event) => {
            const range = TIME_RANGES.find((r) => r.label === event.target.value);
            if (range) set({ since: range.ms === null ? null : Date.now() - range.ms, until: null });
          }}
        >
          <option value="Any time">Any time</option>
          {filters.since !== null && (
            <option value="custom">Since {new Date(filters.since).toLocaleString()}</option>
          )}
          {TIME_RANGES.slice(1).map((range) => (
            <option key={range.label} value={range.label}>
              {range.label}
            </option>
          ))}
        </select>
        <SuggestingFilterInput field="model" label="Model" value={model} onChange={setModel} />
        <SuggestingFilterInput field="tag" label="Tag" value={tag} onChange={setTag} />
        <AttributeFilterInput
          onAdd={(expression) => {
            if (!filters.attr.includes(expression)) set({ attr: [...filters.attr, expression] });
          }}
        />
      </div>
      <AttributeFilterChips
        expressions={filters.attr}
        onRemove={(expression) => set({ attr: filters.attr.filter((e) => e !== expression) })}
      />
    </div>
  );
}
