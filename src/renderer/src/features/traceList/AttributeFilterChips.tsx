// The attribute filters in force, one removable chip each (the list matches traces meeting all).
export interface AttributeFilterChipsProps {
  expressions: readonly string[];
  onRemove: (expression: string) => void;
}

export function AttributeFilterChips({ expressions, onRemove }: AttributeFilterChipsProps) {
  if (expressions.length === 0) return null;
  return (
    <ul className="attr-chips" aria-label="Attribute filters">
      {expressions.map((expression) => (
        <li key={expression} className="attr-chip">
          {/* Expressions are user text: shown as text, bidi-isolated so a key cannot reorder the chip. */}
          <bdi className="attr-chip-text" title={expression}>
            {expression}
          </bdi>
          <button
            type="button"
            className="attr-chip-remove"
            aria-label={`Remove attribute filter ${expression}`}
            onClick={() => onRemove(expression)}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
