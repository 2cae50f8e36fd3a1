// A collapsible JSON tree for payloads that are not chat messages. Values render as text only;
// big arrays and objects show their first entries and page on, so a 50,000-item array is cheap.
import { memo, useMemo, useState } from 'react';
import { FoldedText } from './FoldedText.tsx';
import { containsNeedle, useSearchNeedle } from './searchNeedle.ts';

const PAGE = 100;
const OPEN_DEPTH = 2;
/** Search opens nodes down to this depth; deeper matches stay one click away. */
const SEARCH_OPEN_DEPTH = 24;

function summary(value: object): string {
  if (Array.isArray(value)) return `Array(${value.length})`;
  const count = Object.keys(value).length;
  return `{${count} ${count === 1 ? 'key' : 'keys'}}`;
}

function Primitive({ value }: { value: unknown }) {
  if (typeof value === 'string') {
    return (
      <span className="json-string">
        "<FoldedText text={value} />"
      </span>
    );
  }
  if (value === null || value === undefined) return <span className="json-null">{String(value)}</span>;
  if (typeof value === 'number') return <span className="json-number">{String(value)}</span>;
  if (typeof value === 'boolean') return <span className="json-boolean">{String(value)}</span>;
  return <span>{String(value)}</span>;
}

const JsonNode = memo(function JsonNode({
  name,
  value,
  depth,
}: {
  name: string | null;
  value: unknown;
  depth: number;
}) {
  const needle = useSearchNeedle();
  const isContainer = typeof value === 'object' && value !== null;
  const matchInside = useMemo(
    () =>
      isContainer &&
      needle !== '' &&
      depth < SEARCH_OPEN_DEPTH &&
      containsNeedle(JSON.stringify(value), needle),
    [isContainer, needle, depth, value],
  );
  const [toggled, setToggled] = useState<boolean | null>(null);
  const [shown, setShown] = useState(PAGE);
  const open = toggled ?? (depth < OPEN_DEPTH || matchInside);
  const label = name !== null && <span className="json-key">{name}: </span>;

  if (!isContainer) {
    return (
      <div className="json-row" style={{ paddingLeft: depth * 14 + 12 }}>
        {label}
        <Primitive value={value} />
      </div>
    );
  }
  const entries = Array.isArray(value)
    ? value.map((item, index) => [String(index), item] as const)
    : Object.entries(value);
  return (
    <>
      <div
        className="json-row json-container"
        style={{ paddingLeft: depth * 14 }}
        onClick={() => setToggled(!open)}
      >
        <span className="twisty">{open ? '▾' : '▸'}</span>
        {label}
        <span className="json-summary">{summary(value)}</span>
      </div>
      {open &&
        entries
          .slice(0, shown)
          .map(([key, item]) => <JsonNode key={key} name={key} value={item} depth={depth + 1} />)}
      {open && entries.length > shown && (
        <div className="json-row" style={{ paddingLeft: (depth + 1) * 14 + 12 }}>
          <button type="button" className="link-button" onClick={() => setShown(shown + PAGE * 10)}>
            Show {Math.min(PAGE * 10, entries.length - shown)} more of {entries.length - shown}
          </button>
        </div>
      )}
    </>
  );
});

/** A root object or array shows its entries directly: its own "{3 keys}" row would be noise. */
export function JsonTree({ value }: { value: unknown }) {
  const isContainer = typeof value === 'object' && value !== null;
  const entries = isContainer
    ? Array.isArray(value)
      ? value.map((item, i) => [String(i), item] as const)
      : Object.entries(value)
    : [];
  if (!isContainer || entries.length === 0 || entries.length > PAGE) {
    return (
      <div className="json-tree">
        <JsonNode name={null} value={value} depth={0} />
      </div>
    );
  }
  return (
    <div className="json-tree">
      {entries.map(([key, item]) => (
        <JsonNode key={key} name={key} value={item} depth={0} />
      ))}
    </div>
  );
}
