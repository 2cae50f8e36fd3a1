// The Raw tab's text: the span as the collector answered it, less the list previews
// (inputPreview/outputPreview are the collector's truncated copies of input/output, kept for
// the list, and would only repeat them), with costs rounded past float noise
// (0.000028199999999999998 → 0.0000282). Pure.
import type { SpanWithPayloads } from '../../../../shared/types.ts';

const HIDDEN = new Set(['inputPreview', 'outputPreview']);

export function rawSpanText(span: SpanWithPayloads): string {
  return JSON.stringify(
    span,
    function (key, value: unknown) {
      // Only the span's own fields: a payload may well have a key named inputPreview.
      if (this === span && HIDDEN.has(key)) return undefined;
      if (key === 'costUsd' && typeof value === 'number') return Number(value.toPrecision(10));
      return value;
    },
    2,
  );
}
