import type { SpanType } from '../../../shared/types.ts';
import { SPAN_TYPE_GLYPH, SPAN_TYPE_LABEL } from './spanTypes.ts';

/** A small square of the type's colour with its letter, as in the outline and inspector. */
export function SpanTypeBadge({ type }: { type: SpanType }) {
  return (
    <span
      className="type-badge"
      style={{ '--badge': `var(--type-${type})` } as React.CSSProperties}
      title={SPAN_TYPE_LABEL[type]}
    >
      {SPAN_TYPE_GLYPH[type]}
    </span>
  );
}
