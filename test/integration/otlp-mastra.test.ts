// Mastra (a real Agent with one tool, @ai-sdk/openai pointed at the bundled fake OpenAI server)
// exporting through its own observability layer and @mastra/otel-exporter, over OTLP/JSON (and
// once over OTLP/protobuf), to a real collector. Mastra nests invoke_agent (agent_run) → model_generation → agent_step
// (model_step) → chat (model_inference) + execute_tool (tool_call) + model_chunk spans: each must
// read with its type, the inference with model, provider `openai` (not `openai.chat`), tokens,
// an estimated cost and TTFT, the others with their `mastra.<type>.input/output` as messages.
import { createOpenAI } from '@ai-sdk/openai';
import { Agent } from '@mastra/core/agent';
import { Mastra } from '@mastra/core/mastra';
import { createTool } from '@mastra/core/tools';
import { Observability } from '@mastra/observability';
import { OtelExporter } from '@mastra/otel-exporter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startFakeOpenAI, type FakeOpenAI } from '../../examples/fake-openai/server.ts';
import { captureFixture, type Capture } from '../helpers/captureFixture.ts';
import { getJson, startTestServer, type TestServer } from '../helpers/server.ts';

// Mastra reports usage to PostHog unless told not to; test traffic stays on loopback.
process.env.MASTRA_TELEMETRY_DISABLED = '1';

const INSTRUCTIONS = 'You answer weather questions in one line.';

let server: TestServer;
let fake: FakeOpenAI;
let capture: Capture;
let exporter: OtelExporter;
let mastra: Mastra;

const getWeather = createTool({
  id: 'get_weather',
  description: 'Current weather for a city',
  inputSchema: z.object({ city: z.string() }),
  outputSchema: z.object({ tempC: z.number(), sky: z.string() }),
  execute: async () => ({ tempC: 18, sky: 'sunny' }),
});

/** A Mastra app with the weather agent, exporting over OTLP to `endpoint` with `protocol`. */
function weatherApp(endpoint: string, protocol: 'http/json' | 'http/protobuf') {
  const openai = createOpenAI({ baseURL: fake.url, apiKey: 'sk-test' });
  const agent = new Agent({
    id: 'weather-agent',
    name: 'Weather Agent',
    instructions: INSTRUCTIONS,
    model: openai.chat('gpt-4o-mini'),
    tools: { get_weather: getWeather },
  });
  const exporter = new OtelExporter({ provider: { custom: { endpoint, protocol } } });
  const app = new Mastra({
    agents: { weatherAgent: agent },
    logger: false,
    observability: new Observability({
      configs: { otel: { serviceName: 'mastra-bot', exporters: [exporter] } },
    }),
  });
  return { app, exporter };
}

beforeAll(async () => {
  server = await startTestServer();
  fake = await startFakeOpenAI({ latencyMs: 30 });
  capture = await captureFixture(server.url, 'mastra');
  ({ app: mastra, exporter } = weatherApp(`${capture.url}/v1/traces`, 'http/json'));
});

afterAll(async () => {
  await mastra?.shutdown();
  // The fixture holds the three runs (tool use, streamed, failed), each flushed by its test.
  await capture?.save();
  await capture?.close();
  await fake?.close();
  await server?.close();
});

/** The trace whose agent span got `input`, once its `expected` spans have all landed. */
async function traceFor(input: string, expected: number, flushing = exporter): Promise<any[]> {
  let spans: any[] = [];
  await expect
    .poll(
      async () => {
        await flushing.flush();
        const { body } = await getJson(`${server.url}/api/traces?limit=50`);
        for (const { traceId } of body.traces) {
          const trace = await getJson(`${server.url}/api/traces/${traceId}?include=payloads`);
          const root = trace.body.spans.find((s: any) => s.attributes['mastra.span.type'] === 'agent_run');
          if (root?.attributes['mastra.agent_run.input'] === input) spans = trace.body.spans;
        }
        return spans.length;
      },
      { timeout: 30_000 },
    )
    .toBeGreaterThanOrEqual(expected);
  return spans;
}

const ofType = (spans: any[], mastraType: string) =>
  spans
    .filter((s) => s.attributes['mastra.span.type'] === mastraType)
    .sort((x, y) => x.startTime - y.startTime || x.name.localeCompare(y.name));

describe('Mastra agent through @mastra/otel-exporter', () => {
  it('maps the agent, generation, steps, inference and tool spans of a tool-using run', async () => {
    const question = 'What is the weather in Berlin? Use get_weather.';
    const result = await mastra.getAgent('weatherAgent').generate(question, {
      tracingOptions: { tags: ['demo', 'weather'], metadata: { userId: 'user-7', sessionId: 'chat-42' } },
    });
    expect(result.text).not.toBe('');
    // agent, generation, 2 steps, 2 inferences, 1 tool call (plus model_chunk spans).
    const spans = await traceFor(question, 7);
    if (process.env.DUMP) console.log(JSON.stringify(spans, null, 1));

    const [agent] = ofType(spans, 'agent_run');
    expect(agent).toMatchObject({ type: 'agent', status: 'success' });
    const { body: summary } = await getJson(`${server.url}/api/traces/${agent.traceId}`);
    expect(summary.trace).toMatchObject({
      sessionId: 'chat-42',
      userId: 'user-7',
      tags: ['demo', 'weather'],
    });
    expect(agent.input).toEqual([
      { role: 'system', content: INSTRUCTIONS },
      { role: 'user', content: question },
    ]);
    expect(agent.output).toEqual([{ role: 'assistant', content: result.text }]);

    // The generation wraps the steps: the inferences under it carry the usage, so it is no
    // second llm call.
    const [generation] = ofType(spans, 'model_generation');
    expect(generation.type).toBe('chain');
    expect(generation.input).toEqual([
      { role: 'system', content: INSTRUCTIONS },
      { role: 'user', content: question },
    ]);
    expect(generation.output).toEqual([expect.objectContaining({ role: 'assistant', content: result.text })]);

    const [toolStep, answerStep] = ofType(spans, 'model_step');
    expect(toolStep.type).toBe('chain');
    expect(toolStep.input).toEqual([
      { role: 'system', content: INSTRUCTIONS },
      { role: 'user', content: question },
    ]);
    const [tool] = ofType(spans, 'tool_call');
    const callId = tool.attributes['spyglass.tool.call_id'];
    expect(callId).toMatch(/^call_/);
    expect(toolStep.output).toEqual([
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: callId, type: 'function', function: { name: 'get_weather', arguments: { city: question } } },
        ],
      },
    ]);
    expect(answerStep.output).toEqual([{ role: 'assistant', content: result.text }]);
    // Mastra records the earlier turns of a step's input as `[tool: get_weather]` and
    // `[tool-result: get_weather]`; the first step's tool call and the tool span stand in for them.
    expect(answerStep.input).toEqual([
      ...toolStep.input,
      toolStep.output[0],
      { role: 'tool', tool_call_id: callId, content: JSON.stringify({ tempC: 18, sky: 'sunny' }) },
    ]);

    const [first, second] = ofType(spans, 'model_inference');
    for (const llm of [first, second]) {
      expect(llm).toMatchObject({
        type: 'llm',
        provider: 'openai',
        status: 'success',
        costSource: 'estimated',
      });
      expect(llm.model).toMatch(/^gpt-4o-mini/);
      expect(llm.promptTokens).toBeGreaterThan(0);
      expect(llm.completionTokens).toBeGreaterThan(0);
      expect(llm.totalTokens).toBe(llm.promptTokens + llm.completionTokens);
      expect(llm.costUsd).toBeGreaterThan(0);
      expect(llm.attributes['spyglass.usage.reasoning_tokens']).toBe(0);
      expect(llm.attributes['spyglass.usage.cache_read_tokens']).toBe(0);
    }
    expect(second.output).toEqual([expect.objectContaining({ role: 'assistant', content: result.text })]);
    // Mastra sends no input on the inference and drops its tool calls from the output; both come
    // from its step, which arrived in the same batch.
    expect(first.input).toEqual(toolStep.input);
    expect(first.output).toEqual(toolStep.output);
    expect(first.attributes['spyglass.payload_from']).toBe('mastra.model_step');
    expect(second.input).toEqual(answerStep.input);
    // A non-streamed call's completion starts when its answer arrives, inside the span.
    expect(first.timeToFirstTokenMs).toBeGreaterThanOrEqual(0);
    expect(first.timeToFirstTokenMs).toBeLessThanOrEqual(first.durationMs);

    expect(tool).toMatchObject({ type: 'tool', status: 'success' });
    expect(tool.attributes['spyglass.tool.name']).toBe('get_weather');
    expect(tool.input).toEqual({ city: question });
    expect(tool.output).toEqual({ tempC: 18, sky: 'sunny' });

    const chunks = ofType(spans, 'model_chunk');
    for (const chunk of chunks) expect(chunk.type).toBe('custom');
    // The chunk that streamed the tool call reads as that call.
    expect(chunks.map((c) => c.output?.[0]?.tool_calls?.[0]?.id)).toContain(callId);
  });

  it('reads the streamed time to first token off the inference span', async () => {
    const question = 'What is the weather in Paris? Use get_weather.';
    const stream = await mastra.getAgent('weatherAgent').stream(question);
    let text = '';
    for await (const chunk of stream.textStream) text += chunk;
    const spans = await traceFor(question, 7);
    const [first] = ofType(spans, 'model_inference');
    expect(first.timeToFirstTokenMs).toBeGreaterThan(0);
    expect(first.timeToFirstTokenMs).toBeLessThanOrEqual(first.durationMs);
    const [agent] = ofType(spans, 'agent_run');
    expect(agent.output).toEqual([{ role: 'assistant', content: text }]);
  });

  it('marks the failed inference and the agent as errors', async () => {
    const question = 'Weather in Oslo? [[fail:400]]';
    await expect(mastra.getAgent('weatherAgent').generate(question)).rejects.toThrow();
    const spans = await traceFor(question, 4);
    const [agent] = ofType(spans, 'agent_run');
    expect(agent.status).toBe('error');
    expect(agent.error.message).toMatch(/.+/);
    const [llm] = ofType(spans, 'model_inference');
    expect(llm).toMatchObject({ type: 'llm', provider: 'openai', status: 'error' });
    expect(llm.model).toMatch(/^gpt-4o-mini/);
  });

  it('maps the same over OTLP/protobuf', async () => {
    const { app, exporter: protobuf } = weatherApp(`${server.url}/v1/traces`, 'http/protobuf');
    try {
      const question = 'What is the weather in Lisbon? Use get_weather.';
      await app.getAgent('weatherAgent').generate(question);
      const spans = await traceFor(question, 7, protobuf);
      const [first] = ofType(spans, 'model_inference');
      expect(first).toMatchObject({ type: 'llm', provider: 'openai', costSource: 'estimated' });
      expect(first.promptTokens).toBeGreaterThan(0);
      expect(first.input).toContainEqual({ role: 'user', content: question });
      const [tool] = ofType(spans, 'tool_call');
      expect(tool).toMatchObject({ type: 'tool', output: { tempC: 18, sky: 'sunny' } });
    } finally {
      await app.shutdown();
    }
  });
});
