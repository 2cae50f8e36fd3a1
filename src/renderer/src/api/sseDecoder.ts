// Server-Sent Events from POST /api/replay/llm, read with fetch (EventSource cannot POST), parsed
// by the shared SSE parser (src/shared/sse.ts); each event's data is one ReplayEvent as JSON.
import type { ReplayEvent } from '../../../shared/replay.ts';
import { SseParser } from '../../../shared/sse.ts';

export class SseDecoder {
  private readonly parser = new SseParser();

  /** Feed decoded text; returns the events completed by it. */
  push(text: string): ReplayEvent[] {
    return ourEvents(this.parser.push(text));
  }

  /** The stream ended: an event without its final blank line still counts. */
  end(): ReplayEvent[] {
    return ourEvents(this.parser.end());
  }
}

function ourEvents(data: string[]): ReplayEvent[] {
  return data.map(parseEvent).filter((event) => event !== null);
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
