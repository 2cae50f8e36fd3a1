// The demo's example agents, run against a real collector and the fake OpenAI server: each
// produces the trace shape it is there to show.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeOpenAI } from '../../examples/fake-openai/server.ts';
import type { FakeOpenAI } from '../../examples/fake-openai/server.ts';
import { startTestServer } from '../../test/helpers/server.ts';
import type { TestServer } from '../../test/helpers/server.ts';
// @ts-expect-error plain .mjs helper without declarations
import { ensureSdkBuilt } from '../scripts/ensureBuilt.mjs';
import { waitForTrace } from './helpers.ts';
import type { StoredTrace } from './helpers.ts';

let server: TestServer;
let fake: FakeOpenAI;
beforeAll(async () => {
  ensureSdkBuilt();
  server = await startTestServer();
  fake = await startFakeOpenAI();
});
afterAll(async () => {
  await fake.close();
  await server.close();
});

async function runExample(path: string): Promise<StoredTrace> {
  const module = (await import(path)) as { run(o: object): Promise<{ traceIds: string[] }> };
  const { traceIds } = await module.run({
    collectorUrl: server.url,
    openaiBaseUrl: fake.url,
    stepDelayMs: 0,
  });
  return waitForTrace(
    server.url,
    traceIds[0]!,
    (t) => t.trace.status !== 'running' && t.spans.every((s) => s.status !== 'running'),
  );
}

it('support agent: explicit spans and a streamed answer', async () => {
  const trace = await runExample('../../examples/support-agent.ts');
  expect(trace.spans.map((s) => s.name)).toEqual(['classify-intent', 'lookup-kb', 'compose-answer']);
  const answer = trace.spans[2]!;
  expect(answer.timeToFirstTokenMs).toBeGreaterThan(0);
  expect(answer.promptTokens).toBeGreaterThan(0);
  expect(trace.trace.output.response).toBe(answer.output.content);
});

it('research agent: a four-level chain with step order and a destructive save', async () => {
  const trace = await runExample('../../examples/research-agent.ts');
  const ordered = [...trace.spans].sort((a, b) => a.stepOrder! - b.stepOrder!);
  expect(ordered.map((s) => [s.type, s.stepOrder])).toEqual([
    ['llm', 1],
    ['tool', 2],
    ['llm', 3],
    ['tool', 4],
  ]);
  ordered.slice(1).forEach((span, i) => {
    expect(span.parentSpanId).toBe(ordered[i]!.spanId);
  });
  expect(ordered[3]).toMatchObject({ name: 'save-report', destructive: true });
});

it('multi-agent: three specialists in parallel, each with parallel tool calls', async () => {
  const trace = await runExample('../../examples/multi-agent.ts');
  const root = trace.spans.find((s) => s.parentSpanId === null)!;
  const specialists = trace.spans.filter((s) => s.parentSpanId === root.spanId && s.type === 'agent');
  expect(specialists).toHaveLength(3);
  for (const agent of specialists) {
    const tools = trace.spans.filter((s) => s.parentSpanId === agent.spanId && s.type === 'tool');
    expect(tools.map((t) => t.name).sort()).toEqual(['fetch_tickets', 'query_metrics', 'search_docs']);
  }
});

it('flaky agent: a failed attempt, a successful retry, a failed destructive tool', async () => {
  const trace = await runExample('../../examples/flaky-agent.ts');
  expect(trace.spans.map((s) => [s.name, s.status])).toEqual([
    ['summarise (attempt 1)', 'error'],
    ['summarise (attempt 2)', 'success'],
    ['post-to-slack', 'error'],
  ]);
  expect(trace.spans[0]!.attributes['http.status_code']).toBe(429);
  expect(trace.trace.status).toBe('error');
});

it('long run: every step lands in one growing trace', async () => {
  const trace = await runExample('../../examples/long-run.ts');
  expect(trace.spans.filter((s) => s.name.startsWith('research: '))).toHaveLength(6);
  expect(trace.spans).toHaveLength(1 + 1 + 6 * 3);
});

it('instrumented agent: an Anthropic client traced in one line, an observed tool, two turns in one session', async () => {
  const trace = await runExample('../../examples/instrumented-agent.ts');
  const ordered = [...trace.spans].sort((a, b) => a.stepOrder! - b.stepOrder!);
  expect(ordered.map((s) => [s.name, s.type])).toEqual([
    ['travelTurn', 'chain'],
    ['claude-sonnet-4-5', 'llm'],
    ['getWeather', 'tool'],
    ['claude-sonnet-4-5', 'llm'],
  ]);
  expect(ordered[2]!.input).toEqual({ city: expect.any(String) });
  expect(ordered[3]!.attributes).toMatchObject({ 'llm.stream': true });
  expect(trace.trace.sessionId).toMatch(/^trip-/);
  expect(trace.trace.userId).toBe('traveller-7');
  expect(trace.trace.output).toBe(ordered[3]!.output.content[0].text);
});
