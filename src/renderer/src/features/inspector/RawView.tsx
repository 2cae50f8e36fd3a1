// The span as the collector answered it, pretty-printed JSON text (rawSpanText.ts: without the
// list previews, costs rounded past float noise).
import { useMemo } from 'react';
import type { SpanWithPayloads } from '../../../../shared/types.ts';
import { FoldedText } from '../../components/payload/FoldedText.tsx';
import { rawSpanText } from './rawSpanText.ts';

export function RawView({ span }: { span: SpanWithPayloads }) {
  const text = useMemo(() => rawSpanText(span), [span]);
  return (
    <pre className="raw-json">
      <FoldedText text={text} />
    </pre>
  );
}
