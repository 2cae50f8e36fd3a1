// Issue #11 (part A): when the send buffer overflows, a trace keeps its shape (name, root, starts
// and ends) while payloads go first, and what was dropped is counted per trace, sent, stored on
// the trace and shown on it ("N spans dropped by the SDK").
import { createServer } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { getJson, startTestServer } from '../../test/helpers/server.ts';
import type { TestServer } from '../../test/helpers/server.ts';
import { Spyglass } from '../src/index.ts';
import { waitForTrace } from './helpers.ts';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const port = (probe.address() as { port: number }).port;
      probe.close(() => resolve(port));
    });
  });
}

it('strips payloads before dropping events, and the trace says what it lost', async () => {
  const port = await freePort();
  // The collector is away while the agent runs: 500 spans with 2 kB inputs need ~1.1 MB, the
  // buffer holds 400 kB, so payloads must go (and nothing else).
  const sg = new Spyglass({ url: `http://127.0.0.1:${port}`, maxBufferBytes: 400_000, onWarning: () => {} });
  const traceId = sg.startTrace({ name: 'payload-heavy', input: { task: 'x'.repeat(2000) }, tags: ['t'] });
  const root = sg.startSpan({ name: 'root', type: 'agent' });
  const input = { text: 'p'.repeat(2000) };
  for (let i = 0; i < 500; i++) {
    const span = sg.startSpan({ name: `step-${i}`, type: 'tool', parentSpanId: root, input });
    sg.event('log line', { detail: 'd'.repeat(500) }, { traceId, spanId: span });
    sg.endSpan(span, { output: { i } });
  }
  sg.endSpan(root, { output: 'done' });
  sg.endTrace(traceId, { output: 'finished' });
  expect(sg.stats().queuedBytes).toBeLessThanOrEqual(400_000);

  server = await startTestServer({ port });
  await sg.shutdown();
  const stored = await waitForTrace(
    server.url,
    traceId,
    (t) => t.spans.length === 501 && t.spans.every((s) => s.status === 'success') && t.trace.endTime !== null,
  );
  // The shape is whole: name, tags, root, every span with its end.
  expect(stored.trace.name).toBe('payload-heavy');
  expect(stored.trace.tags).toEqual(['t']);
  expect(stored.spans.filter((s) => s.parentSpanId === null).map((s) => s.name)).toEqual(['root']);
  // The oldest payloads went, the newest are whole.
  const byName = new Map(stored.spans.map((s) => [s.name, s]));
  expect(byName.get('step-0')!.input).toBeNull();
  expect(byName.get('step-499')!.input).toEqual(input);
  // ...and the trace says so.
  expect(stored.trace.droppedSpans).toBe(0);
  expect(stored.trace.droppedEvents).toBeGreaterThan(100);
});

it('under a count overflow, keeps the trace start and reports the spans it lost', async () => {
  const port = await freePort();
  const sg = new Spyglass({ url: `http://127.0.0.1:${port}`, maxBufferEvents: 1000, onWarning: () => {} });
  const traceId = sg.startTrace({ name: 'too-many', tags: ['flood'] });
  for (let i = 0; i < 1500; i++) sg.endSpan(sg.startSpan({ name: `s${i}`, type: 'tool' }));
  sg.endTrace(traceId);
  const lostStarts = sg.stats().dropped;
  expect(lostStarts).toBeGreaterThan(0);

  server = await startTestServer({ port });
  await sg.shutdown();
  await waitForTrace(server.url, traceId, (t) => t.trace.endTime !== null && (t.trace.droppedSpans ?? 0) > 0);
  const list = await getJson(`${server.url}/api/traces?name=too-many`);
  const summary = list.body.traces[0];
  expect(summary.name).toBe('too-many'); // not "trace 1a2b3c4d"
  expect(summary.tags).toEqual(['flood']);
  // 1,500 spans made 3,002 events; 1,000 fit: the oldest 2,002 went (the trace start was kept).
  expect(summary.droppedSpans + summary.droppedEvents).toBe(2002);
  expect(summary.droppedSpans).toBe(1001);
});
