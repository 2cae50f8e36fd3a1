// "Fork from here" end to end: the research example recorded once against the fake OpenAI
// server; a fork stored through POST /api/forks with an edited tool output; the agent rerun with
// SPYGLASS_FORK. Steps before the fork are served from the recording (the fake server sees no
// request for them), the fork's step returns the edit, later steps run live, and the new trace,
// linked by forkOf, diverges from the original exactly at the forked step in the compare view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI } from '../../examples/fake-openai/server.ts';
import type { FakeOpenAI } from '../../examples/fake-openai/server.ts';
// @ts-expect-error plain .mjs helper without declarations
import { ensureSdkBuilt } from '../../sdk/scripts/ensureBuilt.mjs';
import { waitForTrace } from '../../sdk/test/helpers.ts';
import type { StoredTrace } from '../../sdk/test/helpers.ts';
import type { ForkCreated, ForkDetail } from '../../src/shared/forks.ts';
import { alignRuns } from '../../src/shared/compare/index.ts';
import type { StepInput } from '../../src/shared/compare/index.ts';
import {
  getJson,
  ingestRequest,
  postIngest,
  postJson,
  spanIdOf,
  startTestServer,
  traceIdOf,
  wire,
} from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';

type Example = { run(options: object): Promise<{ traceIds: string[] }> };

let server: TestServer;
let fake: FakeOpenAI;
let research: Example;
let original: StoredTrace;

/** The stored spans carry every field of the API's Span; the test helper's type names only a few. */
const stepsOf = (t: StoredTrace) => t.spans as unknown as StepInput[];
const finished = (t: StoredTrace) =>
  t.trace.status !== 'running' && t.spans.length > 0 && t.spans.every((s) => s.status !== 'running');
const byStep = (t: StoredTrace, step: number) => t.spans.find((s) => s.stepOrder === step)!;

async function runWithFork(forkId: string): Promise<StoredTrace> {
  process.env.SPYGLASS_FORK = forkId;
  try {
    const { traceIds } = await research.run({
      collectorUrl: server.url,
      openaiBaseUrl: fake.url,
      stepDelayMs: 0,
    });
    return await waitForTrace(server.url, traceIds[0]!, finished);
  } finally {
    delete process.env.SPYGLASS_FORK;
  }
}

beforeAll(async () => {
  ensureSdkBuilt();
  server = await startTestServer();
  fake = await startFakeOpenAI();
  research = (await import('../../examples/research-agent.ts')) as Example;
  const { traceIds } = await research.run({
    collectorUrl: server.url,
    openaiBaseUrl: fake.url,
    stepDelayMs: 0,
  });
  original = await waitForTrace(server.url, traceIds[0]!, finished);
});
afterAll(async () => {
  await fake.close();
  await server.close();
});

describe('POST /api/forks', () => {
  it('refuses what cannot be forked, naming the field', async () => {
    const traceId = original.trace.traceId;
    const search = byStep(original, 2).spanId;
    const missing = await postJson(`${server.url}/api/forks`, { traceId, spanId: search });
    expect(missing).toMatchObject({ status: 400, body: { field: 'output' } });
    const badId = await postJson(`${server.url}/api/forks`, { traceId: 'nope', spanId: search, output: 1 });
    expect(badId).toMatchObject({ status: 400, body: { field: 'traceId' } });
    const unknown = await postJson(`${server.url}/api/forks`, {
      traceId: traceIdOf(77),
      spanId: search,
      output: 1,
    });
    expect(unknown).toMatchObject({ status: 404, body: { field: 'traceId' } });
    const noSpan = await postJson(`${server.url}/api/forks`, { traceId, spanId: spanIdOf(77), output: 1 });
    expect(noSpan).toMatchObject({ status: 404, body: { field: 'spanId' } });
    expect((await getJson(`${server.url}/api/forks/${'a'.repeat(16)}`)).status).toBe(404);

    // A chain step has no output a rerun could be given.
    const t = traceIdOf(78);
    await postIngest(
      server.url,
      ingestRequest([
        wire.traceStart(t, 1_700_000_000_000),
        wire.spanStart(t, spanIdOf(1), null, 1_700_000_000_001, { type: 'chain', name: 'plan-and-act' }),
      ]),
    );
    const chain = await postJson(`${server.url}/api/forks`, { traceId: t, spanId: spanIdOf(1), output: 'x' });
    expect(chain.status).toBe(400);
    expect(chain.body.error).toContain('plan-and-act');
  });
});

describe('a fork at the tool step with an edited output', () => {
  const edited = {
    query: 'edited',
    results: [{ title: 'Edited report', snippet: 'Solar generation fell 50% (edited).' }],
  };
  let created: ForkCreated;
  let fork: StoredTrace;
  let liveRequests: FakeOpenAI['requests'];

  beforeAll(async () => {
    const search = byStep(original, 2);
    expect(search.name).toBe('web-search');
    const answer = await postJson<ForkCreated>(`${server.url}/api/forks`, {
      traceId: original.trace.traceId,
      spanId: search.spanId,
      output: edited,
    });
    expect(answer.status).toBe(201);
    created = answer.body;
    const before = fake.requests.length;
    fork = await runWithFork(created.forkId);
    liveRequests = fake.requests.slice(before);
  });

  it('answers the id and the command to rerun the agent with', () => {
    expect(created).toMatchObject({
      traceId: original.trace.traceId,
      spanId: byStep(original, 2).spanId,
      env: { SPYGLASS_FORK: created.forkId },
    });
    expect(created.command).toContain(`SPYGLASS_FORK=${created.forkId}`);
  });

  it('serves the steps before the fork, returns the edit at it, and calls the provider after it', () => {
    // Only step 3 reached the provider: step 1 came from the recording.
    expect(liveRequests).toHaveLength(1);
    const body = liveRequests[0]!.body as { messages: Array<{ content: string }> };
    expect(body.messages.at(-1)!.content).toContain('Solar generation fell 50% (edited).');
    expect(byStep(fork, 1).attributes['spyglass.replay.served']).toBe('recording');
    expect(byStep(fork, 1).output).toEqual(byStep(original, 1).output);
    expect(byStep(fork, 2).attributes['spyglass.replay.served']).toBe('edited');
    expect(byStep(fork, 2).output).toEqual(edited);
    for (const step of [3, 4])
      expect(byStep(fork, step).attributes['spyglass.replay.served']).toBeUndefined();
  });

  it('stores the run as a new trace linked to its origin, listed by the fork', async () => {
    expect(fork.trace.traceId).not.toBe(original.trace.traceId);
    expect(fork.trace.metadata.forkOf).toEqual({
      traceId: original.trace.traceId,
      spanId: byStep(original, 2).spanId,
      forkId: created.forkId,
    });
    expect(fork.trace.tags).toContain('fork');
    const detail = await getJson<ForkDetail>(`${server.url}/api/forks/${created.forkId}`);
    expect(detail.body).toMatchObject({
      forkId: created.forkId,
      traceId: original.trace.traceId,
      output: edited,
      forkTraceIds: [fork.trace.traceId],
    });
  });

  it('diverges from the original at the forked step in the compare alignment', () => {
    const comparison = alignRuns(stepsOf(original), stepsOf(fork));
    expect(comparison.firstDivergence).not.toBeNull();
    const first = comparison.pairs[comparison.firstDivergence!]!;
    expect(first.a?.span.spanId).toBe(byStep(original, 2).spanId);
    expect(first.b?.span.spanId).toBe(byStep(fork, 2).spanId);
    expect(first.diffs.output?.b).toContain('fell 50%');
    expect(comparison.pairs[0]!.kind).toBe('same');
  });
});

it('a fork at an LLM step takes an edited answer as text, and needs no provider call at all', async () => {
  const answerStep = byStep(original, 3);
  const created = (
    await postJson<ForkCreated>(`${server.url}/api/forks`, {
      traceId: original.trace.traceId,
      spanId: answerStep.spanId,
      output: 'An edited summary.',
    })
  ).body;
  const before = fake.requests.length;
  const fork = await runWithFork(created.forkId);
  expect(fake.requests.length).toBe(before);
  expect(fork.trace.output).toEqual({ report: 'An edited summary.' });
  expect(byStep(fork, 3).output).toEqual({ role: 'assistant', content: 'An edited summary.' });
  expect(byStep(fork, 4).input).toEqual({ path: 'reports/solar-2024.md' });
});
