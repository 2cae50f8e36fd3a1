// Server-Sent Events from POST /api/replay/llm, read with fetch (EventSource cannot POST).
// Chunks split anywhere, even inside a multi-byte character (the caller's TextDecoder with
// stream: true handles that) or a line; an event ends at a blank line, its data lines joined.
import type { ReplayEvent } from '../../../../shared/replay.ts';

export class SseDecoder {
  private buffer = '';
  private data: string[] = [];

  /** Feed decoded text; returns the events completed by it. */
  push(text: string): ReplayEvent[] {
    this.buffer += text;
    const events: ReplayEvent[] = [];
    const nextBreak = () => this.buffer.search(/\r\n|\r|\n/);
    for (let newline = nextBreak(); newline !== -1; newline = nextBreak()) {
      const line = this.buffer.slice(0, newline);
      // A lone \r at the very end may be the first half of \r\n: wait for the next chunk.
      if (this.buffer[newline] === '\r' && newline === this.buffer.length - 1) break;
      this.buffer = this.buffer.slice(newline + (this.buffer.startsWith('\r\n', newline) ? 2 : 1));
      this.line(line, events);
    }
    return events;
  }

  /** The stream ended: an event without its final blank line still counts. */
  end(): ReplayEvent[] {
    const events: ReplayEvent[] = [];
    if (this.buffer !== '') this.line(this.buffer, events);
    this.buffer = '';
    this.line('', events);
    return events;
  }

  private line(line: string, events: ReplayEvent[]): void {
    if (line === '') {
      if (this.data.length > 0) {
        const event = parseEvent(this.data.join('\n'));
        if (event) events.push(event);
      }
      this.data = [];
      return;
    }
    if (line.startsWith(':')) return; // A comment (keep-alive).
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
  }
}

function parseEvent(data: string): ReplayEvent | null {
  try {
    const value: unknown = JSON.parse(data);
    if (typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string')
      return value as ReplayEvent;
  } catch {
    // Not JSON: not one of ours.
  }
  return null;
}
