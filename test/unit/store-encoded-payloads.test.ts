// The writer takes span payloads in either form: values (SDK ingest, OTLP decoded in place) or JSON
// text serialised by the OTLP decoder thread. Both must store the same thing, and merge the same way.
import { afterEach, describe, expect, it } from 'vitest';
import type { NormalizedBatch, SpanPatch } from '../../src/server/ingest/model.ts';
import { withEncodedPayloads } from '../../src/server/ingest/payload.ts';
import { Store } from '../../src/server/store/index.ts';
import { makeTempDir, type TempDir } from '../helpers/tmp.ts';

const TRACE = 'e'.repeat(32);
const SPAN = '2'.repeat(16);

let dir: TempDir;
let store: Store;
afterEach(() => {
  store?.close();
  dir?.remove();
});

const batch = (...spans: SpanPatch[]): NormalizedBatch => ({ traces: [], spans, rejected: [] });
const chat: SpanPatch = {
  traceId: TRACE,
  spanId: SPAN,
  parentSpanId: null,
  name: 'chat',
  type: 'llm',
  startUs: 1_000,
  input: [{ role: 'user', content: 'hello' }],
  attributes: { 'gen_ai.request.model': 'gpt-4o', n: 1 },
};

function storedSpan(): Record<string, any> {
  const answer = JSON.parse(store.getTraceJson(TRACE, { payloads: true })!);
  return answer.spans[0];
}

function open(): Store {
  dir = makeTempDir();
  store = new Store(dir.file('encoded.db'));
  return store;
}

describe('payloads serialised before the writer', () => {
  it('stores a new span from an encoded patch exactly as from a plain one', () => {
    open();
    store.applyBatches([batch(withEncodedPayloads(chat))]);
    const fromEncoded = storedSpan();
    store.close();
    dir.remove();
    open();
    store.applyBatches([batch(chat)]);
    const fromPlain = storedSpan();
    expect(fromEncoded).toEqual(fromPlain);
    expect(fromEncoded).toMatchObject({
      input: chat.input,
      attributes: chat.attributes,
      inputPreview: expect.stringContaining('hello'),
    });
  });

  it('merges an encoded patch of a stored span key by key, in a later commit or the same one', () => {
    open();
    store.applyBatches([batch(chat)]);
    store.applyBatches([
      batch(
        withEncodedPayloads({
          traceId: TRACE,
          spanId: SPAN,
          endUs: 2_000,
          output: 'hi!',
          attributes: { n: 2, extra: true },
        }),
      ),
    ]);
    expect(storedSpan()).toMatchObject({
      input: chat.input,
      output: 'hi!',
      attributes: { 'gen_ai.request.model': 'gpt-4o', n: 2, extra: true },
    });

    const other = { ...chat, traceId: 'd'.repeat(32) };
    store.applyBatches([
      batch(withEncodedPayloads(other)),
      batch({ traceId: other.traceId, spanId: SPAN, endUs: 3_000, attributes: { n: 3 } }),
    ]);
    const answer = JSON.parse(store.getTraceJson(other.traceId, { payloads: true })!);
    expect(answer.spans[0]).toMatchObject({
      input: chat.input,
      attributes: { 'gen_ai.request.model': 'gpt-4o', n: 3 },
    });
  });
});
