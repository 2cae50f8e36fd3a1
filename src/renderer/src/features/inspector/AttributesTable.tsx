// Attributes as a key/value table, flattened to dotted keys and filterable by key or value.
import { useMemo, useState } from 'react';
import { CopyButton } from '../../components/CopyButton.tsx';
import { FoldedText } from '../../components/payload/FoldedText.tsx';
import { flattenAttributes } from './flattenAttributes.ts';

const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

export function AttributesTable({ attributes }: { attributes: Record<string, unknown> }) {
  const [filter, setFilter] = useState('');
  const rows = useMemo(() => flattenAttributes(attributes), [attributes]);
  const needle = filter.trim().toLowerCase();
  const shown = needle
    ? rows.filter(
        ([key, value]) => key.toLowerCase().includes(needle) || show(value).toLowerCase().includes(needle),
      )
    : rows;
  if (rows.length === 0) return <div className="muted pad">No attributes.</div>;
  return (
    <div className="attributes">
      <div className="attributes-toolbar">
        <input
          type="search"
          className="small-input"
          placeholder={`Filter ${rows.length} attributes`}
          aria-label="Filter attributes"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
        <CopyButton label="Copy JSON" text={() => JSON.stringify(attributes, null, 2)} />
      </div>
      {/* A grid of ARIA table roles rather than <table>: CSS grid sizes the key column to the
          longest key (inspector.css), which table layout cannot do within a cap. */}
      <div className="kv-table" role="table" aria-label="Attributes">
        {shown.map(([key, value]) => (
          <div key={key} className="kv-row" role="row">
            <div className="kv-key" role="rowheader" title={key}>
              {key}
            </div>
            <div role="cell" className={`kv-value ${typeof value === 'string' ? 'kv-string' : 'kv-other'}`}>
              <FoldedText text={show(value)} />
            </div>
          </div>
        ))}
      </div>
      {shown.length === 0 && <div className="muted pad">No attribute matches “{filter}”.</div>}
    </div>
  );
}
