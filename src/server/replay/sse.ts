// Server-Sent Events both ways: reading the provider's stream (parsed by src/shared/sse.ts,
// `[DONE]` as OpenAI's end marker) and writing ours to the client.
import type { ServerResponse } from 'node:http';
import type { ReplayEvent } from '../../shared/replay.ts';
import { SseParser } from '../../shared/sse.ts';

/** The `data` payloads of an event stream, in order; stops at `[DONE]`. */
export async function* readSseData(body: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  const parser = new SseParser();
  for await (const chunk of body) {
    for (const data of parser.push(decoder.decode(chunk, { stream: true }))) {
      if (data === '[DONE]') return;
      yield data;
    }
  }
  for (const data of [...parser.push(decoder.decode()), ...parser.end()]) {
    if (data === '[DONE]') return;
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
