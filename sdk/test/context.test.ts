// Parents link through async context: across awaits, timers and Promise.all branches, and two
// agents running at once never see each other's spans.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer } from '../../test/helpers/server.ts';
import type { TestServer } from '../../test/helpers/server.ts';
import { Spyglass } from '../src/index.ts';
import type { StoredSpan } from './helpers.ts';
import { waitForTrace } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('links nested traced() calls correctly under Promise.all, timers and parallel tool calls', async () => {
  const sg = new Spyglass({ url: server.url });
  const ids: Record<string, string> = {};
  const traceIds = await Promise.all(
    ['A', 'B'].map((agent) =>
      sg.traced(
        `agent-${agent}`,
        async (root) => {
          ids[`agent-${agent}`] = root.spanId;
          await pause(agent === 'A' ? 3 : 1);
          await Promise.all(
            [1, 2, 3].map((n) =>
              sg.traced(
                `step-${agent}${n}`,
                async (step) => {
                  ids[`step-${agent}${n}`] = step.spanId;
                  await new Promise<void>((resolve) => setTimeout(() => resolve(), 4 - n));
                  const { spanId } = await sg.wrapToolCall(`tool-${agent}${n}`, async () => {
                    await pause(1);
                    // A span started inside the tool, with no ids passed, belongs to the tool.
                    const inner = sg.startSpan({ name: `inner-${agent}${n}`, type: 'retrieval' });
                    sg.endSpan(inner, { output: n });
                    return n;
                  });
                  ids[`tool-${agent}${n}`] = spanId;
                },
                { type: 'agent' },
              ),
            ),
          );
          return root.traceId;
        },
        { type: 'agent' },
      ),
    ),
  );
  await sg.shutdown();

  expect(new Set(traceIds).size).toBe(2);
  for (const [agent, traceId] of [
    ['A', traceIds[0]!],
    ['B', traceIds[1]!],
  ] as const) {
    const stored = await waitForTrace(
      server.url,
      traceId,
      (t) => t.spans.length === 10 && t.trace.status === 'success',
    );
    const byName = new Map<string, StoredSpan>(stored.spans.map((s) => [s.name, s]));
    expect(stored.trace.name).toBe(`agent-${agent}`);
    expect(byName.get(`agent-${agent}`)!.parentSpanId).toBeNull();
    for (const n of [1, 2, 3]) {
      expect(byName.get(`step-${agent}${n}`)!.parentSpanId).toBe(ids[`agent-${agent}`]);
      expect(byName.get(`tool-${agent}${n}`)!.parentSpanId).toBe(ids[`step-${agent}${n}`]);
      expect(byName.get(`inner-${agent}${n}`)!.parentSpanId).toBe(ids[`tool-${agent}${n}`]);
    }
  }
});

it('keeps concurrent style-one agents apart: startTrace binds the trace to its own async flow', async () => {
  const sg = new Spyglass({ url: server.url });
  async function agent(name: string, delayMs: number) {
    const traceId = sg.startTrace({ name });
    await pause(delayMs);
    const span = sg.startSpan({ name: `${name}-llm`, type: 'llm' });
    await pause(1);
    sg.endSpan(span, { output: name });
    sg.endTrace(traceId, { status: 'success' });
    return traceId;
  }
  const [first, second] = await Promise.all([agent('first', 5), agent('second', 1)]);
  await sg.shutdown();
  const a = await waitForTrace(server.url, first!, (t) => t.spans.length === 1);
  const b = await waitForTrace(server.url, second!, (t) => t.spans.length === 1);
  expect(a.spans[0]!.name).toBe('first-llm');
  expect(b.spans[0]!.name).toBe('second-llm');
});

it('returns values and errors of traced() unchanged, sync and async, and gives a lone span a trace of its own', async () => {
  const sg = new Spyglass({ url: server.url });
  expect(sg.traced('sync', () => 42)).toBe(42);
  const failure = new Error('boom');
  await expect(
    sg.traced('async-fail', async () => {
      throw failure;
    }),
  ).rejects.toBe(failure);
  expect(() =>
    sg.withSpan({ name: 'sync-fail', type: 'tool' }, () => {
      throw failure;
    }),
  ).toThrow(failure);
  const orphan = sg.startSpan({ name: 'lonely', type: 'tool' });
  sg.endSpan(orphan, { output: 'ok' });
  const traceId = sg.traced(
    'with-handle',
    (span) => {
      span.update({ promptTokens: 3, completionTokens: 2, model: 'gpt-4o-mini' });
      span.setOutput({ custom: true });
      span.event('checkpoint', { n: 1 });
      return span.traceId;
    },
    { type: 'llm' },
  );
  await sg.shutdown();
  const stored = await waitForTrace(server.url, traceId, (t) => t.spans[0]?.status === 'success');
  expect(stored.spans[0]).toMatchObject({
    type: 'llm',
    promptTokens: 3,
    totalTokens: 5,
    output: { custom: true },
    events: [{ name: 'checkpoint' }],
  });
  expect(stored.trace).toMatchObject({ name: 'with-handle', status: 'success' });
});

it('does not reuse an ended trace, even from another client in the same async flow', async () => {
  const first = new Spyglass({ url: server.url });
  const ended = first.startTrace('first-run');
  first.endTrace(ended, { status: 'success' });
  await first.shutdown();
  const second = new Spyglass({ url: server.url });
  const next = second.traced('second-run', (span) => span.traceId);
  const lone = second.startSpan({ name: 'lone' });
  second.endSpan(lone);
  await second.shutdown();
  expect(next).not.toBe(ended);
  const stored = await waitForTrace(server.url, ended, (t) => t.trace.status === 'success');
  expect(stored.spans).toHaveLength(0);
});
