// Issue #11 (part A): nothing lands in the wrong trace, nothing secret leaves in an error, no live
// span is forgotten, and costs arrive without float noise. Each case runs against a real collector.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { getJson, startTestServer } from '../../test/helpers/server.ts';
import type { TestServer } from '../../test/helpers/server.ts';
import { Spyglass } from '../src/index.ts';
import { waitForTrace } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

it('a timer span outside any context is its own trace, never the open request trace', async () => {
  const sg = new Spyglass({ url: server.url, flushIntervalMs: 10 });
  // Set up at start-up, outside any trace, as a heartbeat is.
  let beats = 0;
  const beat = new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      sg.endSpan(sg.startSpan({ name: 'heartbeat', type: 'custom' }), { output: 'alive' });
      if (++beats === 2) {
        clearInterval(timer);
        resolve();
      }
    }, 20);
  });
  // A request handler in the explicit style: startTrace() makes its trace current in its own flow.
  const handle = async () => {
    const traceId = sg.startTrace('request');
    const step = sg.startSpan({ name: 'handler-step', type: 'tool' });
    await beat; // the heartbeats fire while this request's trace is open
    sg.endSpan(step);
    sg.endTrace(traceId, { status: 'success' });
    return traceId;
  };
  const requestTrace = await handle();
  await sg.shutdown();

  const request = await waitForTrace(server.url, requestTrace, (t) => t.trace.status === 'success');
  expect(request.spans.map((s) => s.name)).toEqual(['handler-step']);
  // Each heartbeat made a trace of its own, named after it.
  const list = await getJson<{ traces: Array<{ traceId: string; name: string; spanCount: number }> }>(
    `${server.url}/api/traces?name=heartbeat`,
  );
  expect(list.body.traces).toHaveLength(2);
  expect(list.body.traces.every((t) => t.spanCount === 1 && t.traceId !== requestTrace)).toBe(true);
});

it('masks keys in error messages, stacks, names and tags, and runs a user mask function', async () => {
  const sg = new Spyglass({
    url: server.url,
    mask: { fn: (text) => text.replaceAll('customer-4711', '[customer]') },
  });
  const key = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123';
  const traceId = sg.startTrace({ name: `run for customer-4711`, tags: [`key:${key}`] });
  await expect(
    sg.wrapToolCall('charge', async () => {
      throw new Error(`401 Incorrect API key provided: ${key} for customer-4711`);
    }),
  ).rejects.toThrow(key); // the agent still gets its own error untouched
  sg.endTrace(traceId, { error: new Error(`fatal with ${key}`) });
  await sg.shutdown();

  const stored = await waitForTrace(server.url, traceId, (t) => t.trace.status === 'error');
  const sent = JSON.stringify(stored);
  expect(sent).not.toContain('sk-proj-abcdefghij');
  expect(sent).not.toContain('customer-4711');
  const charge = stored.spans[0]!;
  expect(charge.error!.message).toBe('401 Incorrect API key provided: [masked] for [customer]');
  expect(charge.error!.stack).toContain('[masked]');
  expect(stored.trace.name).toBe('run for [customer]');
  expect(stored.trace.tags).toEqual(['key:[masked]']);
});

it('a mask function that throws masks the whole string instead of leaking it', async () => {
  const sg = new Spyglass({
    url: server.url,
    mask: () => {
      throw new Error('bad rule');
    },
  });
  const traceId = sg.startTrace({ name: 'strict', input: { note: 'private' } });
  sg.endTrace(traceId, { output: 'also private' });
  await sg.shutdown();
  const stored = await waitForTrace(server.url, traceId, (t) => t.trace.endTime !== null);
  expect(stored.trace.input).toEqual({ note: '[masked]' });
  expect(stored.trace.output).toBe('[masked]');
});

it('a root with 25,000 children still ends (no registry forgets a live span)', async () => {
  const sg = new Spyglass({ url: server.url, maxBufferEvents: 100_000 });
  // No startTrace: the root makes its own trace, and only the registry knows where it belongs.
  const root = await new Promise<string>((resolve) =>
    setImmediate(() => resolve(sg.startSpan({ name: 'wide-root', type: 'agent' }))),
  );
  for (let i = 0; i < 25_000; i++) {
    sg.endSpan(sg.startSpan({ name: 'child', type: 'tool', parentSpanId: root }));
    if (i % 2000 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  sg.endSpan(root, { output: 'done' });
  await sg.shutdown();
  const list = await getJson<{ traces: Array<{ traceId: string; status: string; spanCount: number }> }>(
    `${server.url}/api/traces?name=wide-root`,
  );
  expect(list.body.traces).toHaveLength(1);
  const traceId = list.body.traces[0]!.traceId;
  const summary = async () => {
    const answer = await getJson(`${server.url}/api/traces?name=wide-root`);
    const trace = answer.body.traces[0];
    return `${trace.status} ${trace.spanCount}`;
  };
  await expect.poll(summary, { timeout: 60_000, interval: 200 }).toBe('success 25001');
  const rootSpan = await getJson(`${server.url}/api/traces/${traceId}/spans/${root}`);
  expect(rootSpan.body.status).toBe('success');
}, 120_000);

it('stores costs without float noise, reported by the SDK or estimated by the collector', async () => {
  const sg = new Spyglass({ url: server.url });
  const traceId = sg.startTrace('costs');
  const reported = sg.startSpan({ name: 'reported', type: 'llm', model: 'gpt-4o-mini' });
  sg.endSpan(reported, { cost_usd: 5.6099999999999995e-5, prompt_tokens: 1, completion_tokens: 1 });
  const summed = sg.startSpan({ name: 'summed', type: 'llm', model: 'gpt-4o-mini' });
  sg.endSpan(summed, { cost_usd: 0.1 + 0.2, prompt_tokens: 1, completion_tokens: 1 });
  sg.endTrace(traceId);
  await sg.shutdown();
  const stored = await waitForTrace(server.url, traceId, (t) => t.spans.every((s) => s.status !== 'running'));
  const costs = Object.fromEntries(stored.spans.map((s) => [s.name, s.costUsd]));
  expect(costs).toEqual({ reported: 0.0000561, summed: 0.3 });
  expect(stored.trace.costUsd).toBe(0.3000561);
});
