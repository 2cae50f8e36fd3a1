// Span events (time relative to the span's start) and links to other spans.
import type { SpanEventRecord, SpanLink } from '../../../../shared/types.ts';
import { JsonTree } from '../../components/payload/JsonTree.tsx';
import { formatDuration } from '../../lib/format.ts';

export function EventsList({
  events,
  links,
  spanStart,
  traceId,
  onSelectSpan,
}: {
  events: readonly SpanEventRecord[];
  links: readonly SpanLink[];
  spanStart: number | null;
  traceId: string;
  onSelectSpan: (spanId: string) => void;
}) {
  if (events.length === 0 && links.length === 0) return <div className="muted pad">No events or links.</div>;
  return (
    <div className="events">
      {events.length > 0 && <div className="section-title">Events ({events.length})</div>}
      {events.map((event, index) => (
        <div className="event" key={index}>
          <div className="event-head">
            <span className="event-time">
              {spanStart !== null ? `+${formatDuration(event.time - spanStart)}` : ''}
            </span>
            <span className={`event-name${event.name === 'exception' ? ' is-error-text' : ''}`}>
              {event.name}
            </span>
          </div>
          {Object.keys(event.attributes).length > 0 && <JsonTree value={event.attributes} />}
        </div>
      ))}
      {links.length > 0 && <div className="section-title">Links ({links.length})</div>}
      {links.map((link, index) => (
        <div className="event" key={`link-${index}`}>
          {link.traceId === traceId ? (
            <button type="button" className="link-button mono" onClick={() => onSelectSpan(link.spanId)}>
              span {link.spanId}
            </button>
          ) : (
            <span className="mono">
              trace {link.traceId} · span {link.spanId}
            </span>
          )}
          {Object.keys(link.attributes).length > 0 && <JsonTree value={link.attributes} />}
        </div>
      ))}
    </div>
  );
}
