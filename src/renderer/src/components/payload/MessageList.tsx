// Chat messages as a conversation: role, text (Markdown, rendered safely), reasoning, tool calls
// with their arguments and tool results. Shared by the inspector and the transcript.
import { memo } from 'react';
import type { ChatMessage, MessagePart } from '../../model/messages.ts';
import { Markdown } from '../markdown/Markdown.tsx';
import { FoldedText } from './FoldedText.tsx';
import { JsonTree } from './JsonTree.tsx';

function Value({ value }: { value: unknown }) {
  if (typeof value === 'string') {
    return (
      <pre className="plain-text">
        <FoldedText text={value} />
      </pre>
    );
  }
  return <JsonTree value={value} />;
}

function Part({ part }: { part: MessagePart }) {
  switch (part.kind) {
    case 'text':
      return <FoldedText text={part.text}>{(visible) => <Markdown text={visible} />}</FoldedText>;
    case 'reasoning':
      return (
        <div className="message-reasoning">
          <div className="part-label">Reasoning</div>
          <FoldedText text={part.text}>{(visible) => <Markdown text={visible} />}</FoldedText>
        </div>
      );
    case 'image':
      return (
        <div className="message-image muted">[image{part.url ? `: ${part.url.slice(0, 120)}` : ''}]</div>
      );
    case 'tool-call':
      return (
        <div className="tool-call">
          <div className="part-label">
            <span className="tool-call-glyph" aria-hidden>
              ⚒
            </span>
            <span className="tool-call-name">{part.call.name}</span>
            {part.call.id && <span className="call-id">{part.call.id}</span>}
          </div>
          <Value value={part.call.arguments} />
        </div>
      );
    case 'tool-result':
      return (
        <div className="tool-result">
          <div className="part-label">
            <span className="tool-call-glyph" aria-hidden>
              ↳
            </span>
            Result{part.callId && <span className="call-id">{part.callId}</span>}
          </div>
          <Value value={part.content} />
        </div>
      );
    case 'other':
      return <JsonTree value={part.value} />;
  }
}

export const MessageView = memo(function MessageView({ message }: { message: ChatMessage }) {
  return (
    <div className={`message message-${message.role}`} data-role={message.role}>
      <div className="message-role">
        {message.role}
        {message.name && <span className="message-name">{message.name}</span>}
        {message.finishReason && message.finishReason !== 'stop' && (
          <span className="message-finish" title="Finish reason">
            {message.finishReason}
          </span>
        )}
      </div>
      <div className="message-body">
        {message.parts.length === 0 ? (
          <span className="muted">(empty)</span>
        ) : (
          message.parts.map((part, i) => <Part key={i} part={part} />)
        )}
      </div>
    </div>
  );
});

export function MessageList({ messages }: { messages: readonly ChatMessage[] }) {
  return (
    <div className="message-list">
      {messages.map((message, index) => (
        <MessageView key={index} message={message} />
      ))}
    </div>
  );
}
