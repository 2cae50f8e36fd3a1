// The one SSE parser (src/shared/sse.ts), used by the server's replay (readSseData) and the
// playground (SseDecoder): line ends per the spec (CRLF, LF, lone CR, also split across chunks).
import { describe, expect, it } from 'vitest';
import { SseParser } from '../../src/shared/sse.ts';
import { readSseData } from '../../src/server/replay/sse.ts';
import { SseDecoder } from '../../src/renderer/src/api/sseDecoder.ts';

function parseInChunks(chunks: string[]): string[] {
  const parser = new SseParser();
  return [...chunks.flatMap((chunk) => parser.push(chunk)), ...parser.end()];
}

async function* bytes(chunks: string[]): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield new TextEncoder().encode(chunk);
}

async function collect(stream: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const data of stream) out.push(data);
  return out;
}

describe('SseParser', () => {
  it.each([
    ['LF', 'data: a\n\ndata: b\n\n'],
    ['CRLF', 'data: a\r\n\r\ndata: b\r\n\r\n'],
    ['lone CR', 'data: a\r\rdata: b\r\r'],
    ['mixed', 'data: a\r\n\rdata: b\n\r\n'],
  ])('separates events on %s line ends', (_name, text) => {
    expect(parseInChunks([text])).toEqual(['a', 'b']);
  });

  it('joins data lines with LF and skips comments and other fields', () => {
    expect(parseInChunks([': keep-alive\nevent: x\ndata: one\ndata:two\nid: 3\n\n'])).toEqual(['one\ntwo']);
  });

  it('keeps a CRLF split across chunks as one line end', () => {
    expect(parseInChunks(['data: a\r', '\ndata: b\r\n\r\n'])).toEqual(['a\nb']);
  });

  it('gives the same events however the text is cut', () => {
    const text = '\uFEFFdata: {"n":1}\r\n\r\ndata: x\rdata: y\r\r: c\ndata: z\n\n';
    const whole = parseInChunks([text]);
    expect(whole).toEqual(['{"n":1}', 'x\ny', 'z']);
    for (let cut = 1; cut < text.length; cut++) {
      expect(parseInChunks([text.slice(0, cut), text.slice(cut)]), `cut at ${cut}`).toEqual(whole);
    }
  });

  it('delivers a last event whose blank line never came, without its trailing CR', () => {
    expect(parseInChunks(['data: a\n\ndata: last\r'])).toEqual(['a', 'last']);
  });
});

describe('its two users', () => {
  it('the server reads lone-CR provider streams and stops at [DONE]', async () => {
    const data = await collect(readSseData(bytes(['data: {"a":1}\r\r', 'data: [DONE]\r\rdata: late\r\r'])));
    expect(data).toEqual(['{"a":1}']);
  });

  it('the playground decodes lone-CR replay streams', () => {
    const decoder = new SseDecoder();
    const events = [
      ...decoder.push('data: {"type":"delta","text":"hi"}\r'),
      ...decoder.push('\rdata: {"type":"done"}\r'),
      ...decoder.end(),
    ];
    expect(events.map((event) => event.type)).toEqual(['delta', 'done']);
  });
});
