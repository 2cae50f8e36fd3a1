// The SDK never gets in the agent's way: a collector that is down at first loses nothing once it
// comes up, a flood while it is down costs a bounded buffer and a drop count, bad arguments
// never throw, and `enabled: false` still hands out ids.
import { createServer } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { startTestServer } from '../../test/helpers/server.ts';
import type { TestServer } from '../../test/helpers/server.ts';
import { Spyglass } from '../src/index.ts';
import { readTrace, waitForTrace } from './helpers.ts';

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

it('buffers while the collector is down and delivers once it starts on the same port', async () => {
  const port = await freePort();
  const warnings: string[] = [];
  const sg = new Spyglass({ url: `http://127.0.0.1:${port}`, onWarning: (m) => warnings.push(m) });
  const traceId = sg.startTrace({ name: 'early-bird' });
  for (let i = 0; i < 20; i++) sg.endSpan(sg.startSpan({ name: `step-${i}`, type: 'tool' }), { output: i });
  await sg.flush();
  expect(sg.stats().failedRequests).toBeGreaterThan(0);
  expect(sg.stats().queued).toBe(41); // a trace start, then a start and an end per span
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toContain(`127.0.0.1:${port}`);

  server = await startTestServer({ port });
  sg.endTrace(traceId, { status: 'success' });
  await sg.flush();
  const stored = await waitForTrace(
    server.url,
    traceId,
    (t) => t.spans.length === 20 && t.trace.status === 'success',
  );
  expect(stored.spans.map((s) => s.output).sort((a, b) => a - b)).toEqual(
    Array.from({ length: 20 }, (_, i) => i),
  );
  expect(sg.stats()).toMatchObject({ queued: 0, dropped: 0 });
  expect(warnings).toHaveLength(1);
  await sg.shutdown();
});

it('holds its bound under a flood with the collector down, dropping the oldest', async () => {
  const port = await freePort();
  const warnings: string[] = [];
  const sg = new Spyglass({
    url: `http://127.0.0.1:${port}`,
    maxBufferEvents: 1000,
    maxBufferBytes: 2_000_000,
    onWarning: (m) => warnings.push(m),
  });
  sg.startTrace('flood');
  const payload = { text: 'y'.repeat(2000) };
  for (let i = 0; i < 20_000; i++) sg.endSpan(sg.startSpan({ name: 'f', type: 'tool', input: payload }), {});
  const stats = sg.stats();
  expect(stats.queued).toBeLessThanOrEqual(1000);
  expect(stats.queuedBytes).toBeLessThanOrEqual(2_000_000);
  expect(stats.dropped).toBe(40_001 - stats.queued);
  expect(warnings.some((w) => w.includes('then the oldest events'))).toBe(true);
  await sg.shutdown();
});

it('never throws into the agent, whatever it passes', async () => {
  server = await startTestServer();
  const sg = new Spyglass({ url: server.url });
  const circular: Record<string, unknown> = { name: 'loop' };
  circular.self = circular;
  const hostile = new Proxy(
    {},
    {
      get() {
        throw new Error('trap');
      },
      ownKeys() {
        throw new Error('trap');
      },
    },
  );
  const weird = [
    undefined,
    null,
    42,
    'str',
    Symbol('s'),
    () => 1,
    10n,
    NaN,
    circular,
    hostile,
    new Error('e'),
    Buffer.from('abc'),
  ];
  for (const bad of weird) {
    expect(() => sg.startTrace(bad as never)).not.toThrow();
    expect(() => sg.startSpan(bad as never)).not.toThrow();
    expect(() => sg.endSpan(bad as never, bad as never)).not.toThrow();
    expect(() => sg.endTrace(bad as never, bad as never)).not.toThrow();
    expect(() => sg.event(bad as never, bad as never)).not.toThrow();
    expect(typeof sg.startSpan(bad as never)).toBe('string');
  }
  // Started after the loop above, which starts (and ends) traces of its own.
  const traceId = sg.startTrace({
    name: 'chaos',
    input: {
      circular,
      big: 2n ** 70n,
      fn: () => 1,
      sym: Symbol('x'),
      buf: Buffer.alloc(5_000_000),
      huge: 'z'.repeat(3_000_000),
      error: new Error('with stack'),
    },
  });
  const span = sg.startSpan({
    name: 'payloads',
    type: 'tool',
    input: hostile,
    parentSpanId: 'not-an-id',
    stepOrder: -3 as never,
  });
  sg.endSpan(span, {
    output: { circular, apiKey: 'sk-live-abcdefghijklmnopqrstuvwx', huge: 'q'.repeat(300_000) },
    prompt_tokens: 'ten' as never,
    cost_usd: -1,
  });
  const { result } = await sg.wrapToolCall(42 as never, 'not a function' as never);
  expect(result).toBe('not a function');
  sg.endTrace(traceId, { status: 'success' });
  await sg.shutdown();

  const stored = await waitForTrace(
    server.url,
    traceId,
    (t) =>
      t.trace.status === 'success' && t.spans.some((s) => s.name === 'payloads' && s.status === 'success'),
  );
  expect(stored.trace.input).toMatchObject({
    circular: { name: 'loop', self: '[Circular]' },
    big: '1180591620717411303424',
    fn: '[Function fn]',
    sym: 'Symbol(x)',
    buf: '[Buffer 5.0 MB]',
    error: { message: 'with stack' },
  });
  expect(stored.trace.input.huge).toMatch(/…\[truncated 2\.9 MB\]$/);
  const payloads = stored.spans.find((s) => s.name === 'payloads')!;
  expect(payloads.input).toBe('[Unserializable: trap]');
  expect(payloads.output.apiKey).toBe('[masked]');
  expect(payloads.output.huge).toMatch(/…\[truncated 200\.0 kB\]$/);
  expect(payloads.promptTokens).toBeNull();
  expect(payloads.costUsd === null || payloads.costUsd >= 0).toBe(true);
  expect(sg.stats().rejected).toBe(0);
});

it('is a cheap no-op when disabled, still returning ids and results', async () => {
  server = await startTestServer();
  const sg = new Spyglass({ url: server.url, enabled: false });
  const traceId = sg.startTrace('off');
  expect(traceId).toMatch(/^[0-9a-f]{32}$/);
  expect(sg.startSpan({ name: 'x' })).toMatch(/^[0-9a-f]{16}$/);
  const { result, spanId } = await sg.wrapOpenAI(async () => ({ choices: [] }), []);
  expect(result).toEqual({ choices: [] });
  expect(spanId).toMatch(/^[0-9a-f]{16}$/);
  expect(sg.traced('t', () => 7)).toBe(7);
  await sg.flush();
  expect(sg.stats()).toMatchObject({ enabled: false, sent: 0, queued: 0 });
  expect(await readTrace(server.url, traceId)).toBeNull();
});

it('reads SPYGLASS_URL when no url is given', async () => {
  server = await startTestServer();
  process.env.SPYGLASS_URL = server.url;
  try {
    const sg = new Spyglass();
    expect(sg.config.url).toBe(server.url);
    const traceId = sg.startTrace('from-env');
    await sg.shutdown();
    await waitForTrace(server.url, traceId);
  } finally {
    delete process.env.SPYGLASS_URL;
  }
});
