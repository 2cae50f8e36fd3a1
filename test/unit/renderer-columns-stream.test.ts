// Reading the columnar trace answer as it arrives (src/renderer/src/api/columnsStream.ts): lines
// split at any chunk boundary, even inside a character; the head, then each part; a body that
// stops before its end is an error, not a shorter trace.
import { describe, expect, it } from 'vitest';
import { bodyLines, readColumnsAnswer } from '../../src/renderer/src/api/columnsStream.ts';

/** A body that arrives in the given byte chunks. */
function bodyOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

/** `text` cut every `size` bytes. */
function chunked(text: string, size: number): Uint8Array[] {
  const bytes = new TextEncoder().encode(text);
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.slice(i, i + size));
  return chunks;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const HEAD = '{"trace":{"traceId":"t"},"spanCount":3,"timeBaseUs":5,"parts":[';
const PART_0 = '{"from":0,"columns":{"name":{"dict":["héllo 💬"],"index":[0,0]}}}';
const PART_2 = '{"from":2,"columns":{"name":{"dict":["x\\ny"],"index":[0]}}}';
const ANSWER = `${HEAD}\n${PART_0},\n${PART_2}\n]}`;

describe('bodyLines', () => {
  it('splits lines at every chunk size, multi-byte characters cut in two included', async () => {
    for (const size of [1, 2, 3, 7, 64, 100_000]) {
      expect(await collect(bodyLines(bodyOf(chunked(ANSWER, size)))), `chunks of ${size}`).toEqual([
        HEAD,
        `${PART_0},`,
        PART_2,
        ']}',
      ]);
    }
  });
});

describe('readColumnsAnswer', () => {
  it('gives the head, then each part as the protocol lays them out; the whole body is one JSON document too', async () => {
    const items = await collect(readColumnsAnswer(bodyOf(chunked(ANSWER, 5))));
    expect(items).toEqual([
      { head: { trace: { traceId: 't' }, spanCount: 3, timeBaseUs: 5 } },
      { part: JSON.parse(PART_0) },
      { part: { from: 2, columns: { name: { dict: ['x\ny'], index: [0] } } } },
    ]);
    expect(JSON.parse(ANSWER).parts).toHaveLength(2);
  });

  it('reads an empty trace: a head and the end', async () => {
    const items = await collect(readColumnsAnswer(bodyOf(chunked(`${HEAD}\n]}`, 8))));
    expect(items).toEqual([{ head: { trace: { traceId: 't' }, spanCount: 3, timeBaseUs: 5 } }]);
  });

  it('refuses a body that stops before its end, or goes on after it', async () => {
    const cut = `${HEAD}\n${PART_0},\n`;
    await expect(collect(readColumnsAnswer(bodyOf(chunked(cut, 9))))).rejects.toThrow(
      'The trace answer ended early',
    );
    await expect(collect(readColumnsAnswer(bodyOf(chunked(`${ANSWER}\n{}`, 9))))).rejects.toThrow(
      'text after its end',
    );
    const garbled = `${HEAD}\n${PART_0},\n{"from":2,"colu\n]}`;
    await expect(collect(readColumnsAnswer(bodyOf(chunked(garbled, 9))))).rejects.toThrow(
      "The trace answer's part 2 is not JSON",
    );
  });
});
