// One step of the transcript: an LLM call (its new messages, then its answer) or a tool call
// (arguments, then result). Clicking selects the span everywhere; the virtual list scrolls a
// selected card into view.
import { memo } from 'react';
import { MessageList } from '../../components/payload/MessageList.tsx';
import { PayloadView } from '../../components/payload/PayloadView.tsx';
import { SpanTypeBadge } from '../../components/SpanTypeBadge.tsx';
import { formatCost, formatDuration, formatTokens } from '../../lib/format.ts';
import type { TranscriptItem } from './buildTranscript.ts';

export const TranscriptEntry = memo(function TranscriptEntry({
  item,
  selected,
  dimmed,
  onSelect,
}: {
  item: TranscriptItem;
  selected: boolean;
  dimmed: boolean;
  onSelect: (spanId: string) => void;
}) {
  const { span } = item;
  const classes = ['transcript-entry', `transcript-kind-${item.kind}`];
  if (selected) classes.push('selected');
  if (dimmed) classes.push('is-dimmed');
  if (span.status === 'error') classes.push('is-error');
  return (
    <div className={classes.join(' ')} data-span-id={span.spanId} onClick={() => onSelect(span.spanId)}>
      <div className="transcript-head">
        <SpanTypeBadge type={span.type} />
        <span className="transcript-name">{span.name}</span>
        {span.model && !span.name.includes(span.model) && (
          <span className="muted transcript-model">{span.model}</span>
        )}
        <span className="spacer" />
        {span.totalTokens ? <span className="muted">{formatTokens(span.totalTokens)} tok</span> : null}
        {span.costUsd ? <span className="muted">{formatCost(span.costUsd)}</span> : null}
        <span className="muted">
          {span.status === 'running' ? 'running…' : formatDuration(span.durationMs)}
        </span>
      </div>
      {!item.loaded ? (
        <div className="muted transcript-pending">Loading…</div>
      ) : item.kind === 'llm' ? (
        <>
          {item.hiddenHistory > 0 && (
            <div className="transcript-history muted">
              {item.hiddenHistory} earlier messages (already shown above)
            </div>
          )}
          <MessageList messages={item.input} />
          {item.output.length > 0 ? (
            <MessageList messages={item.output} />
          ) : (
            <div className="muted transcript-pending">
              {span.status === 'running' ? 'Waiting for the answer…' : 'No output recorded'}
            </div>
          )}
        </>
      ) : (
        <div className="transcript-tool">
          <div className="part-label">Arguments</div>
          <PayloadView value={item.input} prose={false} />
          <div className="part-label">{span.status === 'error' ? 'Failed' : 'Result'}</div>
          {span.error ? (
            <pre className="error-stack">{span.error.message}</pre>
          ) : (
            <PayloadView value={item.output} prose={false} />
          )}
        </div>
      )}
    </div>
  );
});
