// Server-Sent Events both ways: reading the provider's stream (`data:` lines, events separated by
// a blank line, `[DONE]` as OpenAI's end marker) and writing ours to the client.
import type { ServerResponse } from 'node:http';
import type { ReplayEvent } from '../../shared/replay.ts';

/** The `data` payloads of an event stream, in order; stops at `[DONE]`. */
export async function* readSseData(body: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  const takeEvents = function* (final: boolean): Generator<string | null> {
    const events = buffer.split(/\r?\n\r?\n/);
    buffer = final ? '' : events.pop()!;
    for (const event of events) {
      const data = event
        .split(/\r?\n/)
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n');
      if (data === '') continue;
      yield data === '[DONE]' ? null : data;
    }
  };
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    for (const data of takeEvents(false)) {
      if (data === null) return;
      yield data;
    }
  }
  buffer += decoder.decode();
  for (const data of takeEvents(true)) {
    if (data === null) return;
    yield data;
  }
}

export function startSse(res: ServerResponse): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    // Tells a proxy in front (if any) not to buffer the stream.
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders();
}

export function writeSse(res: ServerResponse, event: ReplayEvent): void {
  if (!res.writableEnded && !res.destroyed) res.write(`data: ${JSON.stringify(event)}\n\n`);
}
