// One payload (a span's input or output): chat messages when it is a message shape, Markdown
// for plain LLM text, a JSON tree otherwise. Never HTML.
import { useMemo } from 'react';
import { parseMessages } from '../../model/messages.ts';
import { Markdown } from '../markdown/Markdown.tsx';
import { FoldedText } from './FoldedText.tsx';
import { JsonTree } from './JsonTree.tsx';
import { MessageList } from './MessageList.tsx';

export function PayloadView({
  value,
  prose,
}: {
  value: unknown /** Render plain strings as Markdown (LLM text). */;
  prose: boolean;
}) {
  const messages = useMemo(() => parseMessages(value), [value]);
  if (value === undefined || value === null)
    return <div className="muted payload-none">Nothing recorded</div>;
  if (messages) return <MessageList messages={messages} />;
  if (typeof value === 'string') {
    return prose ? (
      <FoldedText text={value}>{(visible) => <Markdown text={visible} />}</FoldedText>
    ) : (
      <pre className="plain-text">
        <FoldedText text={value} />
      </pre>
    );
  }
  return <JsonTree value={value} />;
}
