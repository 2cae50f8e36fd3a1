// Replay mode against a real collector: the research example recorded once against the fake
// OpenAI server, then rerun with SPYGLASS_REPLAY while the fake server is closed (every LLM and
// tool call served from the recording, the same report out); a changed agent gets the divergence
// error naming the step; a saved fixture file replays with no server at all.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeOpenAI } from '../../examples/fake-openai/server.ts';
import type { FakeOpenAI } from '../../examples/fake-openai/server.ts';
import { alignRuns } from '../../src/shared/compare/index.ts';
import type { StepInput } from '../../src/shared/compare/index.ts';
import { startTestServer } from '../../test/helpers/server.ts';
import type { TestServer } from '../../test/helpers/server.ts';
import { makeTempDir } from '../../test/helpers/tmp.ts';
import type { TempDir } from '../../test/helpers/tmp.ts';
// @ts-expect-error plain .mjs helper without declarations
import { ensureSdkBuilt } from '../scripts/ensureBuilt.mjs';
import { ReplayDivergenceError, Spyglass } from '../src/index.ts';
import { waitForTrace } from './helpers.ts';
import type { StoredTrace } from './helpers.ts';

type ChatCompletion = { object: string; choices: Array<{ message: unknown }> };
type Example = { run(options: object, query?: string): Promise<{ traceIds: string[] }> };

let server: TestServer;
let fake: FakeOpenAI;
let dir: TempDir;
let research: Example;
let original: StoredTrace;
const QUERY = 'What happened to solar power in 2024?';

/** The stored spans carry every field of the API's Span; the test helper's type names only a few. */
const stepsOf = (t: StoredTrace) => t.spans as unknown as StepInput[];
const finished = (t: StoredTrace) =>
  t.trace.status !== 'running' && t.spans.length > 0 && t.spans.every((s) => s.status !== 'running');

/** Runs the research example with the given environment (SPYGLASS_REPLAY...) set only for the run. */
async function runResearch(
  env: Record<string, string>,
  options: { openaiBaseUrl: string; collectorUrl?: string },
  query = QUERY,
): Promise<string> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    const { traceIds } = await research.run({ collectorUrl: server.url, stepDelayMs: 0, ...options }, query);
    return traceIds[0]!;
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

beforeAll(async () => {
  ensureSdkBuilt();
  server = await startTestServer();
  fake = await startFakeOpenAI();
  dir = makeTempDir();
  research = (await import('../../examples/research-agent.ts')) as Example;
  const traceId = await runResearch({}, { openaiBaseUrl: fake.url });
  original = await waitForTrace(server.url, traceId, finished);
  // Every call from here on is served from the recording: the provider is gone.
  await fake.close();
});
afterAll(async () => {
  await server.close();
  dir.remove();
});

it('records what replay needs: LLM spans named after the model, with the call marks and response shell', () => {
  const llm = original.spans.filter((s) => s.type === 'llm');
  expect(llm).toHaveLength(2);
  for (const span of llm) {
    expect(span.name).toBe(span.model);
    expect(span.name).toMatch(/^gpt-4o-/);
    expect(span.attributes).toMatchObject({ 'spyglass.call': 'openai', 'spyglass.call.name': 'openai' });
    expect(span.attributes['spyglass.response']).toMatchObject({
      object: 'chat.completion',
      choices: [{ index: 0, finish_reason: 'stop' }],
    });
  }
  expect(original.spans.find((s) => s.name === 'web-search')!.attributes['spyglass.call']).toBe('tool');
});

it('replays the run offline: same outputs, no provider, a new trace linked to the recording', async () => {
  const requestsBefore = fake.requests.length;
  const replayId = await runResearch(
    { SPYGLASS_REPLAY: original.trace.traceId },
    { openaiBaseUrl: fake.url },
  );
  expect(replayId).not.toBe(original.trace.traceId);
  const replay = await waitForTrace(server.url, replayId, finished);
  expect(fake.requests.length).toBe(requestsBefore);
  expect(replay.trace.output).toEqual(original.trace.output);
  expect(replay.trace.metadata.replayOfRun).toEqual({ traceId: original.trace.traceId, source: 'collector' });
  expect(replay.trace.tags).toContain('replay');
  const steps = (t: StoredTrace) =>
    [...t.spans].sort((a, b) => a.stepOrder! - b.stepOrder!).map((s) => [s.type, s.name, s.output]);
  expect(steps(replay)).toEqual(steps(original));
  expect(
    replay.spans
      .filter((s) => s.attributes['spyglass.replay.served'] === 'recording')
      .map((s) => s.attributes['spyglass.replay.step'])
      .sort(),
  ).toEqual([1, 2, 3, 4]);
  // Step for step, the compare view sees no difference.
  expect(alignRuns(stepsOf(original), stepsOf(replay)).firstDivergence).toBeNull();
});

it('a changed prompt fails at the first LLM step, naming the message that differs', async () => {
  const error = await runResearch(
    { SPYGLASS_REPLAY: original.trace.traceId },
    { openaiBaseUrl: fake.url },
    'What happened to wind power in 2024?',
  ).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(Error);
  const divergence = error as ReplayDivergenceError;
  expect(divergence.name).toBe('ReplayDivergenceError');
  expect(divergence.step).toBe(1);
  expect(divergence.message).toContain(
    `step 1: llm 'openai' was called with a different input: message 1 (user) differs`,
  );
  expect(divergence.message).toContain('solar');
  expect(divergence.message).toContain('wind');
});

it('a changed tool fails at its step: expected web-search, got fetch-page', async () => {
  const sg = new Spyglass({ url: server.url, replay: { traceId: original.trace.traceId, match: 'name' } });
  sg.startTrace('research-agent');
  // The first step matches by name alone (match: 'name'), whatever the prompt says now.
  const { result: plan } = await sg.wrapOpenAI(
    () => Promise.reject<ChatCompletion>(new Error('must not be called')),
    [{ role: 'user', content: 'anything' }],
  );
  expect(plan.choices[0]!.message).toEqual(original.spans.find((s) => s.stepOrder === 1)!.output);
  let called = false;
  const error = await sg.wrapToolCall('fetch-page', async () => (called = true)).catch((e: unknown) => e);
  expect(called).toBe(false);
  expect(error).toBeInstanceOf(ReplayDivergenceError);
  expect((error as ReplayDivergenceError).message).toBe(
    `Replay diverged from recording ${original.trace.traceId} at step 2: expected tool 'web-search', got tool 'fetch-page'`,
  );
  expect((error as ReplayDivergenceError).expected).toEqual({ type: 'tool', name: 'web-search' });
  await expect(sg.assertReplayComplete()).rejects.toThrow(
    /3 recorded step\(s\) never called: tool 'web-search', llm 'openai', tool 'save-report'/,
  );
  await sg.shutdown();
});

it('saves a fixture file and replays from it with neither the provider nor the collector', async () => {
  const path = dir.file('fixtures/research-run.json');
  await new Spyglass({ url: server.url }).saveFixture(original.trace.traceId, path);
  const ids = await runResearch(
    { SPYGLASS_REPLAY: path, SPYGLASS_REPLAY_RECORD: '0' },
    // A port nothing listens on: the run must not need the collector either.
    { openaiBaseUrl: fake.url, collectorUrl: 'http://127.0.0.1:9' },
  );
  expect(ids).toMatch(/^[0-9a-f]{32}$/);
  // Same run again through the API a test would use, checking the outcome and completeness.
  const sg = new Spyglass({ replay: { file: path, record: false } });
  const { result: plan } = await sg.wrapOpenAI(
    () => Promise.reject<ChatCompletion>(new Error('offline')),
    [{ role: 'user', content: `Make a plan in steps: ${QUERY}` }],
  );
  expect(plan).toMatchObject({ object: 'chat.completion', choices: [{ message: { role: 'assistant' } }] });
  expect(sg.replayReport()).toMatchObject({
    mode: 'replay',
    recordingTraceId: original.trace.traceId,
    served: 1,
    total: 4,
  });
});
