// Attributes as a key/value table, flattened to dotted keys and filterable by key or value.
import { useMemo, useState } from 'react';
import { CopyButton } from '../../components/CopyButton.tsx';
import { FoldedText } from '../../components/payload/FoldedText.tsx';

/** Nested objects become dotted keys (OTel's own convention), arrays stay values. */
export function flattenAttributes(attributes: Record<string, unknown>, prefix = '', out: [string, unknown][] = []): [string, unknown][] {
  for (const [key, value] of Object.entries(attributes)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length > 0) {
      flattenAttributes(value as Record<string, unknown>, path, out);
    } else out.push([path, value]);
  }
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

export function AttributesTable({ attributes }: { attributes: Record<string, unknown> }) {
  const [filter, setFilter] = useState('');
  const rows = useMemo(() => flattenAttributes(attributes), [attributes]);
  const needle = filter.trim().toLowerCase();
  const shown = needle ? rows.filter(([key, value]) => key.toLowerCase().includes(needle) || show(value).toLowerCase().includes(needle)) : rows;
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
      <table className="kv-table">
        <tbody>
          {shown.map(([key, value]) => (
            <tr key={key}>
              <th scope="row" title={key}>
                {key}
              </th>
              <td className={typeof value === 'string' ? 'kv-string' : 'kv-other'}>
                <FoldedText text={show(value)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length === 0 && <div className="muted pad">No attribute matches “{filter}”.</div>}
    </div>
  );
}
