// The span exactly as the collector answered it, pretty-printed JSON text.
import { useMemo } from 'react';
import type { SpanWithPayloads } from '../../../../shared/types.ts';
import { FoldedText } from '../../components/payload/FoldedText.tsx';

export function RawView({ span }: { span: SpanWithPayloads }) {
  const text = useMemo(() => JSON.stringify(span, null, 2), [span]);
  return (
    <pre className="raw-json">
      <FoldedText text={text} />
    </pre>
  );
}
