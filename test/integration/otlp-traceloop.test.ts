// A second instrumentation library (@traceloop/instrumentation-openai, which now emits the
// current GenAI keys) drives the official `openai` client against the fake OpenAI server; a tool
// call answer must come back as an llm span whose output carries the tool call.
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { OpenAIInstrumentation } from '@traceloop/instrumentation-openai';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../../examples/fake-openai/server.ts';
import { getJson, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let fake: FakeOpenAI;
let provider: TracerProvider;

beforeAll(async () => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  server = await startTestServer();
  fake = await startFakeOpenAI();
  provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'weather-bot' }),
    spanProcessors: [
      new SimpleSpanProcessor({ exporter: new OTLPTraceExporter({ url: `${server.url}/v1/traces` }) }),
    ],
  });
  const instrumentation = new OpenAIInstrumentation({ traceContent: true });
  instrumentation.setTracerProvider(provider);
  // ESM imports are not hooked by require-in-the-middle, so the client class is patched directly.
  instrumentation.manuallyInstrument(OpenAI);
});

afterAll(async () => {
  await provider?.shutdown();
  await fake?.close();
  await server?.close();
});

describe('Traceloop instrumentation of the openai client', () => {
  it('stores a tool-calling completion as an llm span with the tool call as output', async () => {
    const client = new OpenAI({ baseURL: fake.url, apiKey: 'sk-test', maxRetries: 0 });
    const tracer = provider.getTracer('weather-bot');
    let traceId = '';
    const completion = await tracer.startActiveSpan('weather_turn', async (turn) => {
      traceId = turn.spanContext().traceId;
      const answer = await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
        tools: [
          {
            type: 'function',
            function: {
              name: 'get_weather',
              parameters: { type: 'object', properties: { city: { type: 'string' } } },
            },
          },
        ],
      });
      turn.end();
      return answer;
    });
    await provider.forceFlush();

    const call = completion.choices[0]!.message.tool_calls![0]! as {
      id: string;
      function: { name: string; arguments: string };
    };
    const { status, body } = await getJson(`${server.url}/api/traces/${traceId}?include=payloads`);
    expect(status).toBe(200);
    expect(body.trace).toMatchObject({
      name: 'weather_turn',
      status: 'success',
      service: 'weather-bot',
      spanCount: 2,
    });
    const llm = body.spans.find((s: any) => s.type === 'llm');
    expect(llm).toMatchObject({
      name: 'chat gpt-4o-mini',
      kind: 'client',
      model: completion.model,
      provider: 'openai',
      promptTokens: completion.usage!.prompt_tokens,
      completionTokens: completion.usage!.completion_tokens,
      totalTokens: completion.usage!.total_tokens,
    });
    expect(llm.input).toEqual([{ role: 'user', content: 'What is the weather in Paris?' }]);
    expect(llm.output).toEqual([
      {
        role: 'assistant',
        content: null,
        finish_reason: 'tool_call',
        tool_calls: [
          {
            id: call.id,
            type: 'function',
            function: { name: 'get_weather', arguments: JSON.parse(call.function.arguments) },
          },
        ],
      },
    ]);
    expect(llm.costUsd).toBeGreaterThan(0);
  });
});
