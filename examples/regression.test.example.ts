// A regression test of an agent, offline and deterministic: the research agent is replayed from a
// recorded run (fixtures/research-run.json, a Spyglass trace file) with no model provider and no
// collector. If a change to the agent alters a prompt, a tool, or the order of its steps, the run
// fails with a ReplayDivergenceError that names the step and what differs.
//
//   node --test examples/regression.test.example.ts
//
// Re-record the fixture after an intended change (collector running, e.g. `npm run serve`):
//
//   node examples/regression.test.example.ts --record
//
// The file name keeps it out of the repo's own vitest run; copy it into your test folder as
// `*.test.ts` (it uses node:test, so any runner that runs plain test files will do).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ReplayDivergenceError, Spyglass, exportFixture } from '@spyglass/sdk';
import { startFakeOpenAI } from './fake-openai/server.ts';
import { run } from './research-agent.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/research-run.json', import.meta.url));
// Nothing listens here: a call the recording does not serve fails instead of reaching a provider.
const NOWHERE = 'http://127.0.0.1:9/v1';

/** Runs `fn` with SPYGLASS_REPLAY pointing at the fixture (and nothing recorded), as a CI job would set it. */
async function withReplayEnv<T>(fn: () => Promise<T>): Promise<T> {
  process.env.SPYGLASS_REPLAY = FIXTURE;
  process.env.SPYGLASS_REPLAY_RECORD = '0';
  try {
    return await fn();
  } finally {
    delete process.env.SPYGLASS_REPLAY;
    delete process.env.SPYGLASS_REPLAY_RECORD;
  }
}

if (process.argv.includes('--record')) {
  const fake = await startFakeOpenAI();
  try {
    const { traceIds } = await run({
      collectorUrl: process.env.SPYGLASS_URL,
      openaiBaseUrl: fake.url,
      stepDelayMs: 0,
    });
    await exportFixture({ traceId: traceIds[0]!, path: FIXTURE });
    console.log(`Recorded ${traceIds[0]} to ${FIXTURE}`);
  } finally {
    await fake.close();
  }
} else {
  test('the research agent still makes the recorded run', async () => {
    // The agent's own code, unchanged: the environment switches its client to replay.
    await withReplayEnv(() => run({ openaiBaseUrl: NOWHERE, stepDelayMs: 0 }));
  });

  test('a changed question is caught at the first step, with the message that differs', async () => {
    await assert.rejects(
      withReplayEnv(() =>
        run({ openaiBaseUrl: NOWHERE, stepDelayMs: 0 }, 'What happened to wind power in 2024?'),
      ),
      (error: Error) => {
        assert.equal(error.name, 'ReplayDivergenceError');
        assert.match(
          error.message,
          /step 1: llm 'openai' was called with a different input: message 1 \(user\) differs/,
        );
        return true;
      },
    );
  });

  test('step by step with the client itself: the recorded plan, then every recorded step called', async () => {
    const sg = new Spyglass({ replay: { file: FIXTURE, record: false } });
    const messages = [
      { role: 'user', content: 'Make a plan in steps: What happened to solar power in 2024?' },
    ];
    const { result: plan } = await sg.wrapOpenAI(
      () => Promise.reject<{ choices: Array<{ message: { content: string } }> }>(new Error('offline')),
      messages,
    );
    assert.ok(plan.choices[0]!.message.content.length > 0);
    await assert.rejects(sg.assertReplayComplete(), ReplayDivergenceError);
    assert.deepEqual(
      sg.replayReport()?.remaining.map((step) => step.name),
      ['web-search', 'openai', 'save-report'],
    );
  });
}
