// SDK overhead in the agent's own process: the synchronous cost of one span (startSpan + endSpan
// with a small chat-sized input and output), with the collector up and with it down, against the
// latency of one local LLM call through the official client (the fake server on loopback, the
// fastest an LLM call can possibly be). And heap growth under a flood with the collector down,
// which must level off once the bounded buffer is full.
import { createServer } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import OpenAI from 'openai';
import { startFakeOpenAI } from '../examples/fake-openai/server.ts';
import { Spyglass } from '../sdk/src/index.ts';
import { startServer } from '../src/server/index.ts';
import { benchDir, median, percentile, report, sample } from './lib.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const SPANS = Number(process.env.BENCH_SDK_SPANS ?? 20_000);
const input = {
  messages: [
    { role: 'system', content: 'You are a helpful assistant.' },
    { role: 'user', content: 'What is the weather in Paris today, and should I take an umbrella?' },
  ],
};
const output = {
  role: 'assistant',
  content: 'Light rain is expected in Paris this afternoon; take an umbrella.',
};

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const port = (probe.address() as { port: number }).port;
      probe.close(() => resolve(port));
    });
  });
}

/** Per-span synchronous cost in µs; yields to the event loop every 500 spans so sends happen. */
async function spanCosts(sg: Spyglass, count: number): Promise<number[]> {
  const costs: number[] = [];
  sg.startTrace({ name: 'bench', input });
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    const spanId = sg.startSpan({
      name: 'chat',
      type: 'llm',
      model: 'gpt-4o-mini',
      provider: 'openai',
      input,
    });
    sg.endSpan(spanId, { output, prompt_tokens: 31, completion_tokens: 14, total_tokens: 45 });
    costs.push((performance.now() - start) * 1000);
    if (i % 500 === 499) await new Promise((resolve) => setImmediate(resolve));
  }
  return costs;
}

const dir = benchDir('sdk');
const fake = await startFakeOpenAI();
const server = await startServer({ port: 0, uiDir: null, dbPath: dir.file('bench.db') } as never);
try {
  const openai = new OpenAI({ baseURL: fake.url, apiKey: 'sk-bench', maxRetries: 0 });
  const llmMs = median(
    await sample(
      () => openai.chat.completions.create({ model: 'gpt-4o-mini', messages: input.messages as never }),
      200,
      20,
    ),
  );

  const up = new Spyglass({ url: (server as { url: string }).url });
  await spanCosts(up, 2000); // warm-up: JIT and the collector's first writes
  const upCosts = await spanCosts(up, SPANS);
  await up.shutdown();

  const downUrl = `http://127.0.0.1:${await freePort()}`;
  const down = new Spyglass({ url: downUrl, onWarning: () => {} });
  await spanCosts(down, 2000);
  const downCosts = await spanCosts(down, SPANS);
  await down.shutdown();

  const upMedian = median(upCosts);
  report(
    `SDK: synchronous cost per span (startSpan + endSpan, chat-sized payloads), ${SPANS.toLocaleString('en-US')} spans`,
    [
      { label: 'collector up: median', value: upMedian, unit: 'µs', goal: { max: 20 } },
      { label: 'collector up: p95', value: percentile(upCosts, 95), unit: 'µs' },
      { label: 'collector down: median', value: median(downCosts), unit: 'µs', goal: { max: 20 } },
      { label: 'collector down: p95', value: percentile(downCosts, 95), unit: 'µs' },
      {
        label: 'one local LLM call via the openai client (ceiling)',
        value: llmMs * 1000,
        unit: 'µs',
        note: 'fake server on loopback',
      },
      {
        label: 'span cost / local LLM call (collector up)',
        value: upMedian / (llmMs * 1000),
        unit: '×',
        goal: { max: 0.05 },
      },
    ],
  );

  // Flood with the collector down: the buffer fills, then the oldest events are dropped.
  const flood = new Spyglass({ url: downUrl, maxBufferEvents: 20_000, onWarning: () => {} });
  flood.startTrace('flood');
  const heapAt: number[] = [];
  const checkpoints = [20_000, 60_000, 120_000, 200_000];
  let done = 0;
  for (const target of checkpoints) {
    for (; done < target; done++)
      flood.endSpan(flood.startSpan({ name: 'f', type: 'tool', input }), { output });
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    heapAt.push(process.memoryUsage().heapUsed / 1e6);
  }
  const stats = flood.stats();
  await flood.shutdown();
  const full = heapAt[1]!;
  report('SDK: heap under a flood with the collector down (buffer bound 20,000 events)', [
    ...checkpoints.map((spans, i) => ({
      label: `heap used after ${spans.toLocaleString('en-US')} spans`,
      value: heapAt[i]!,
      unit: 'MB',
    })),
    {
      label: 'growth from 60,000 to 200,000 spans (buffer full)',
      value: heapAt[3]! - full,
      unit: 'MB',
      goal: { max: 5 },
    },
    { label: 'growth ratio heap(200k) / heap(60k)', value: heapAt[3]! / full, unit: '×', goal: { max: 1.1 } },
    {
      label: 'events buffered / dropped',
      value: stats.queued,
      unit: `buffered, ${stats.dropped.toLocaleString('en-US')} dropped`,
    },
  ]);
} finally {
  await (server as { close(): Promise<void> }).close();
  await fake.close();
  dir.remove();
}
