// Reads the columnar trace answer (docs/protocol.md) as it arrives: its head is the first line
// and each part a line of its own, so each part is parsed and handed on while the collector is
// still building the next, and the answer is never held whole as text (at 1,000,000 spans it is
// ~100 MB). The whole body is also one JSON document, for readers that want it at once.
import type { TraceColumnsHead, TraceColumnsPart } from '../../../shared/traceColumns.ts';
import { ApiError } from './request.ts';

export type ColumnsAnswerItem = { head: TraceColumnsHead } | { part: TraceColumnsPart };

function parseLine<T>(text: string, what: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new ApiError(0, `The trace answer's ${what} is not JSON (${(error as Error).message}).`);
  }
}

/** The body's lines, without their newlines, decoded as UTF-8 across chunk boundaries. */
export async function* bodyLines(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  // A line's pieces so far: joined once when its newline comes, not re-concatenated per chunk.
  let pending: string[] = [];
  for (;;) {
    const { done, value: bytes } = await reader.read();
    if (done) break;
    const value = decoder.decode(bytes, { stream: true });
    let start = 0;
    for (let newline = value.indexOf('\n'); newline !== -1; newline = value.indexOf('\n', start)) {
      pending.push(value.slice(start, newline));
      yield pending.join('');
      pending = [];
      start = newline + 1;
    }
    if (start < value.length) pending.push(value.slice(start));
  }
  pending.push(decoder.decode());
  const last = pending.join('');
  if (last) yield last;
}

/**
 * The answer's head, then its parts in order. Throws when the body stops before its end (the
 * collector went away mid-answer) or a line is not what the protocol says.
 */
export async function* readColumnsAnswer(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<ColumnsAnswerItem> {
  let head: TraceColumnsHead | null = null;
  let ended = false;
  let parts = 0;
  for await (const line of bodyLines(body)) {
    if (ended) throw new ApiError(0, 'The trace answer has text after its end.');
    if (head === null) {
      // `{"trace":…,"spanCount":…,"timeBaseUs":…,"parts":[`: closed here to parse it alone.
      const { parts: _none, ...rest } = parseLine<TraceColumnsHead & { parts: [] }>(
        `${line}]}`,
        'first line',
      );
      head = rest;
      yield { head };
    } else if (line === ']}') {
      ended = true;
    } else {
      parts++;
      yield {
        part: parseLine<TraceColumnsPart>(line.endsWith(',') ? line.slice(0, -1) : line, `part ${parts}`),
      };
    }
  }
  if (!ended) throw new ApiError(0, 'The trace answer ended early: the collector stopped while sending it.');
}
