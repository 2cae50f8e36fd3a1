// What replay hands back, shape by shape: each call recorded once through the real openai client
// against the fake server, then replayed from the collector with the provider's request log
// unchanged. Streams come back as chunk sequences that assemble to the recorded answer, recorded
// errors are rethrown, traced() steps come back sync or async as they were, and parallel
// sub-agents replay whatever order their calls arrive in.
import OpenAI from 'openai';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeOpenAI } from '../../examples/fake-openai/server.ts';
import type { FakeOpenAI } from '../../examples/fake-openai/server.ts';
import { startTestServer } from '../../test/helpers/server.ts';
import type { TestServer } from '../../test/helpers/server.ts';
// @ts-expect-error plain .mjs helper without declarations
import { ensureSdkBuilt } from '../scripts/ensureBuilt.mjs';
import { Spyglass } from '../src/index.ts';
import { waitForTrace } from './helpers.ts';
import type { StoredTrace } from './helpers.ts';

let server: TestServer;
let fake: FakeOpenAI;
let openai: OpenAI;
beforeAll(async () => {
  ensureSdkBuilt();
  server = await startTestServer();
  fake = await startFakeOpenAI();
  openai = new OpenAI({ baseURL: fake.url, apiKey: 'sk-test', maxRetries: 0 });
});
afterAll(async () => {
  await fake.close();
  await server.close();
});

const finished = (t: StoredTrace) =>
  t.trace.status !== 'running' && t.spans.length > 0 && t.spans.every((s) => s.status !== 'running');

/** Runs `agent` once recording, then once replaying that recording; the provider must see no request in the replay. */
async function recordThenReplay<T>(
  agent: (sg: Spyglass) => Promise<T>,
): Promise<{ recorded: T; replayed: T; replayTrace: StoredTrace }> {
  const recorder = new Spyglass({ url: server.url });
  const traceId = recorder.startTrace('shapes');
  const recorded = await agent(recorder);
  recorder.endTrace(traceId);
  await recorder.shutdown();
  await waitForTrace(server.url, traceId, finished);

  const requests = fake.requests.length;
  const replayer = new Spyglass({ url: server.url, replay: { traceId } });
  expect((await replayer.replayLoaded())?.error).toBeNull();
  const replayId = replayer.startTrace('shapes');
  const replayed = await agent(replayer);
  replayer.endTrace(replayId);
  await replayer.assertReplayComplete();
  await replayer.shutdown();
  expect(fake.requests.length).toBe(requests);
  return { recorded, replayed, replayTrace: await waitForTrace(server.url, replayId, finished) };
}

async function collect(stream: AsyncIterable<any>): Promise<any[]> {
  const out: any[] = [];
  for await (const chunk of stream) out.push(chunk);
  return out;
}

const text = (chunks: any[]) => chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('');

it('a streamed chat answer comes back as chunks with the same text, model and usage', async () => {
  const { recorded, replayed } = await recordThenReplay(async (sg) => {
    const messages = [{ role: 'user' as const, content: 'Explain replay in one line' }];
    const { result } = await sg.wrapOpenAI(
      () =>
        openai.chat.completions.create({
          model: 'gpt-4o-mini',
          messages,
          stream: true,
          stream_options: { include_usage: true },
        }),
      messages,
    );
    return collect(result);
  });
  expect(text(replayed)).toBe(text(recorded));
  expect(text(replayed).length).toBeGreaterThan(10);
  expect(
    replayed.every(
      (c) => c.object === 'chat.completion.chunk' && c.model === recorded[0].model && c.id === recorded[0].id,
    ),
  ).toBe(true);
  expect(replayed.at(-1).usage).toEqual(recorded.at(-1).usage);
  expect(replayed.at(-2).choices[0].finish_reason).toBe('stop');
});

it('streamed tool calls come back with the same names and arguments', async () => {
  const tools = [
    {
      type: 'function' as const,
      function: { name: 'lookup', parameters: { type: 'object', properties: { query: { type: 'string' } } } },
    },
  ];
  const calls = (chunks: any[]) =>
    chunks
      .flatMap((c) => c.choices[0]?.delta?.tool_calls ?? [])
      .map((t: any) => [t.id ?? null, t.function?.name ?? '', t.function?.arguments ?? '']);
  const { recorded, replayed } = await recordThenReplay(async (sg) => {
    const messages = [{ role: 'user' as const, content: 'Use lookup for the weather' }];
    const { result } = await sg.wrapOpenAI(
      () => openai.chat.completions.create({ model: 'gpt-4o-mini', messages, tools, stream: true }),
      messages,
    );
    return collect(result);
  });
  const assembled = (list: any[][]) => [
    list[0]![0],
    list.map((c) => c[1]).join(''),
    list.map((c) => c[2]).join(''),
  ];
  expect(assembled(calls(replayed))).toEqual(assembled(calls(recorded)));
  expect(assembled(calls(replayed))[1]).toBe('lookup');
});

it('the .stream() helper comes back with its final message', async () => {
  const { recorded, replayed } = await recordThenReplay(async (sg) => {
    const messages = [{ role: 'user' as const, content: 'Say something short' }];
    const { result } = await sg.wrapOpenAI(
      () => openai.chat.completions.stream({ model: 'gpt-4o-mini', messages }),
      messages,
    );
    return (await result.finalContent()) as string | null;
  });
  expect(replayed).toBe(recorded);
  expect(recorded).toBeTruthy();
});

it('a responses API answer and an embeddings answer come back whole', async () => {
  const { recorded, replayed } = await recordThenReplay(async (sg) => {
    const { result: response } = await sg.wrapOpenAI(
      () => openai.responses.create({ model: 'gpt-4o-mini', input: 'Name a colour' }),
      'Name a colour',
    );
    const { result: vectors } = await sg.wrapOpenAI(
      () => openai.embeddings.create({ model: 'text-embedding-3-small', input: ['replay'] }),
      ['replay'],
      undefined,
      undefined,
      { name: 'embed' },
    );
    return { text: response.output_text, id: response.id, vector: vectors.data[0]!.embedding.slice(0, 8) };
  });
  expect(replayed).toEqual(recorded);
  expect(recorded.text.length).toBeGreaterThan(0);
});

it('a recorded failure is thrown again with the same name, message and status', async () => {
  const { recorded, replayed, replayTrace } = await recordThenReplay(async (sg) => {
    const messages = [{ role: 'user' as const, content: 'Summarise [[fail:429]]' }];
    try {
      await sg.wrapOpenAI(() => openai.chat.completions.create({ model: 'gpt-4o-mini', messages }), messages);
      return null;
    } catch (error) {
      const e = error as Error & { status?: number };
      return { name: e.name, message: e.message, status: e.status };
    }
  });
  expect(recorded).toMatchObject({ status: 429 });
  expect(replayed).toEqual({ ...recorded, name: 'RateLimitError' });
  expect(replayTrace.spans[0]).toMatchObject({ status: 'error', error: { message: recorded!.message } });
});

it('traced() llm and tool steps are served without running, sync or async as recorded', async () => {
  let runs = 0;
  const { recorded, replayed } = await recordThenReplay(async (sg) => {
    const sync = sg.traced(
      'local-rank',
      () => {
        runs++;
        return { top: 'b' };
      },
      { type: 'tool' },
    );
    const isPromise = sync instanceof Promise;
    const later = await sg.traced(
      'remote-fetch',
      async (span) => {
        runs++;
        span.setOutput({ shown: 'in the span' });
        return { kept: 'for the caller' };
      },
      { type: 'tool', input: { url: 'https://example.com' } },
    );
    const chain = await sg.traced(
      'still-runs',
      async () => {
        runs++;
        return 'chain';
      },
      { type: 'chain' },
    );
    return { sync, isPromise, later, chain };
  });
  expect(replayed).toEqual(recorded);
  expect(recorded).toEqual({
    sync: { top: 'b' },
    isPromise: false,
    later: { kept: 'for the caller' },
    chain: 'chain',
  });
  // Recording ran all three functions; replay ran only the chain step's.
  expect(runs).toBe(4);
});

it('parallel sub-agents replay in whatever order their calls arrive', async () => {
  const multi = (await import('../../examples/multi-agent.ts')) as {
    run(o: object): Promise<{ traceIds: string[] }>;
  };
  const { traceIds } = await multi.run({ collectorUrl: server.url, openaiBaseUrl: fake.url, stepDelayMs: 0 });
  const original = await waitForTrace(server.url, traceIds[0]!, finished);
  const requests = fake.requests.length;
  process.env.SPYGLASS_REPLAY = traceIds[0]!;
  let replayId: string;
  try {
    replayId = (await multi.run({ collectorUrl: server.url, openaiBaseUrl: fake.url, stepDelayMs: 0 }))
      .traceIds[0]!;
  } finally {
    delete process.env.SPYGLASS_REPLAY;
  }
  const replay = await waitForTrace(server.url, replayId, finished);
  expect(fake.requests.length).toBe(requests);
  const root = (t: StoredTrace) => t.spans.find((s) => s.parentSpanId === null)!;
  expect(root(replay).output).toEqual(root(original).output);
  const outline = (t: StoredTrace) =>
    t.spans.map((s) => `${s.type} ${s.name} ${JSON.stringify(s.output)}`).sort();
  expect(outline(replay)).toEqual(outline(original));
});
