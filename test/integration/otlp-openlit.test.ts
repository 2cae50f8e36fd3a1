// OpenLIT (the `openlit` npm SDK, its own tracer provider and OTLP exporter) instrumenting the
// official openai client against the bundled fake OpenAI server, exporting to a real collector.
// OpenLIT follows the newest GenAI conventions: its reported `gen_ai.usage.cost` must win over the
// price-table estimate (labelled "reported", the estimate kept beside it), `gen_ai.system_instructions`
// must not duplicate a system message the messages already carry, and streaming TTFT is read from
// `gen_ai.server.time_to_first_token` (seconds).
import Openlit from 'openlit';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../../examples/fake-openai/server.ts';
import { captureFixture, type Capture } from '../helpers/captureFixture.ts';
import { getJson, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let fake: FakeOpenAI;
let capture: Capture;

// OpenLIT prices per 1,000 tokens; deliberately unlike the bundled price table so the reported
// cost and the estimate differ.
const PRICING = { chat: { 'gpt-4o-mini': { promptPrice: 0.5, completionPrice: 1.5 } }, embeddings: {} };

beforeAll(async () => {
  server = await startTestServer();
  fake = await startFakeOpenAI({ latencyMs: 30 });
  capture = await captureFixture(server.url, 'openlit');
  Openlit.init({
    applicationName: 'openlit-bot',
    otlpEndpoint: capture.url,
    disableBatch: true,
    disableMetrics: true,
    disableEvents: true,
    pricingJson: PRICING as never,
    instrumentations: { openai: OpenAI } as never,
  });
});

afterAll(async () => {
  await capture?.close();
  await fake?.close();
  await server?.close();
});

async function spansOf(name: string): Promise<any[]> {
  let found: any[] = [];
  await expect
    .poll(
      async () => {
        const { body } = await getJson(`${server.url}/api/traces?limit=50`);
        const ids = body.traces.map((t: any) => t.traceId);
        found = [];
        for (const id of ids) {
          const trace = await getJson(`${server.url}/api/traces/${id}?include=payloads`);
          found.push(...trace.body.spans.filter((s: any) => s.name.includes(name)));
        }
        return found.length;
      },
      { timeout: 20_000 },
    )
    .toBeGreaterThan(0);
  return found;
}

describe('OpenLIT instrumentation of the openai client', () => {
  it('keeps the reported cost, one system message, and the streamed time to first token', async () => {
    const client = new OpenAI({ baseURL: fake.url, apiKey: 'sk-test', maxRetries: 0 });
    const messages = [
      { role: 'system' as const, content: 'You answer in one line.' },
      { role: 'user' as const, content: 'What is OTLP?' },
    ];
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';

    const [llm] = await spansOf('gpt-4o-mini');
    if (process.env.DUMP) console.log(JSON.stringify(llm, null, 1));
    expect(llm).toMatchObject({ type: 'llm', provider: 'openai', status: 'success', costSource: 'reported' });
    expect(llm.model).toMatch(/^gpt-4o-mini/);
    expect(llm.promptTokens).toBeGreaterThan(0);
    expect(llm.completionTokens).toBeGreaterThan(0);
    const reported = llm.attributes['gen_ai.usage.cost'];
    expect(reported).toBeGreaterThan(0);
    expect(llm.costUsd).toBeCloseTo(reported, 12);
    // The price table's estimate differs and is kept beside the reported cost.
    expect(llm.attributes['spyglass.cost_estimate_usd']).toBeGreaterThan(0);
    expect(llm.attributes['spyglass.cost_estimate_usd']).not.toBeCloseTo(reported, 9);
    expect(llm.input.filter((m: any) => m.role === 'system')).toHaveLength(1);
    expect(llm.input).toEqual(messages);
    expect(llm.output).toEqual([expect.objectContaining({ role: 'assistant', content: text })]);
    expect(llm.timeToFirstTokenMs).toBeGreaterThan(0);
    await capture.save();
  });
});
