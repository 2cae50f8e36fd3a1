// The default trace answer (GET /api/traces/:id, with or without payloads) is streamed in pieces:
// a 1M-span trace does not fit one string, so the collector must never build the whole answer.
// A smaller model of it here: 12,345 spans, written in pieces of 5,000.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NormalizedBatch } from '../../src/server/ingest/model.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const TRACE = 'ab'.repeat(16);
const SPANS = 12_345;
const hex = (n: number) => n.toString(16).padStart(16, '0');

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  const batch: NormalizedBatch = {
    traces: [{ traceId: TRACE, name: 'big run' }],
    spans: Array.from({ length: SPANS }, (_, i) => ({
      traceId: TRACE,
      spanId: hex(i + 1),
      parentSpanId: i === 0 ? null : hex(1),
      name: `step ${i}`,
      // Out of id order on purpose: the answer is ordered by start time.
      startUs: 1_700_000_000_000_000 + ((i * 7919) % SPANS),
      endUs: 1_700_000_000_100_000,
      input: { messages: [{ role: 'user', content: `question ${i}` }] },
      output: `answer ${i}`,
    })),
    rejected: [],
  };
  server.store.applyBatches([batch]);
}, 60_000);
afterAll(() => server?.close());

/** The raw answer: status, headers, and the body as the chunks that arrived. */
function get(path: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    request(`${server.url}${path}`, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('the default trace answer', () => {
  it.each([
    ['skeletons', '', false],
    ['payloads', '?include=payloads', true],
  ] as const)(
    'streams %s in pieces, with the same content as the one-string answer',
    async (_, query, payloads) => {
      const answer = await get(`/api/traces/${TRACE}${query}`);
      expect(answer.status).toBe(200);
      // Written as it is built: chunked, with no length known up front.
      expect(answer.headers['transfer-encoding']).toBe('chunked');
      expect(answer.headers['content-length']).toBeUndefined();
      const streamed = JSON.parse(answer.body);
      const whole = JSON.parse(server.store.getTraceJson(TRACE, { payloads })!);
      expect(streamed.spans).toHaveLength(SPANS);
      expect(streamed).toEqual(whole);
      const starts = streamed.spans.map((s: { startTime: number }) => s.startTime);
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
      if (payloads) {
        const fourth = streamed.spans.find((s: { spanId: string }) => s.spanId === hex(4));
        expect(fourth.output).toBe('answer 3');
      }
    },
  );

  it('answers an empty trace and an unknown one as before', async () => {
    server.store.applyBatches([
      { traces: [{ traceId: 'cd'.repeat(16), name: 'empty' }], spans: [], rejected: [] },
    ]);
    const empty = await get(`/api/traces/${'cd'.repeat(16)}`);
    expect(JSON.parse(empty.body).spans).toEqual([]);
    const unknown = await get(`/api/traces/${'ef'.repeat(16)}`);
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).error).toMatch(/No trace with id/);
  });
});
