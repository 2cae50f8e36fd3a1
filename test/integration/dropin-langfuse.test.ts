// The real Langfuse JS SDK (@langfuse/tracing + @langfuse/otel's LangfuseSpanProcessor) with its
// base URL set to a real collector: its OTel ingestion path, its Basic auth header, and its
// `langfuse.*` attributes land as typed spans (model, tokens, reported cost, messages, level
// ERROR as an error, completion start time as time to first token, session, user, tags).
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { LangfuseSpanProcessor } from '@langfuse/otel';
import { propagateAttributes, setLangfuseTracerProvider, startActiveObservation } from '@langfuse/tracing';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../../examples/fake-openai/server.ts';
import { captureFixture, type Capture } from '../helpers/captureFixture.ts';
import { getJson, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let fake: FakeOpenAI;
let provider: TracerProvider;
let processor: LangfuseSpanProcessor;
let capture: Capture;

beforeAll(async () => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  server = await startTestServer();
  fake = await startFakeOpenAI();
  capture = await captureFixture(server.url, 'langfuse');
  processor = new LangfuseSpanProcessor({
    baseUrl: capture.url,
    publicKey: 'pk-lf-local',
    secretKey: 'sk-lf-local',
    exportMode: 'immediate',
  });
  provider = new TracerProvider({ spanProcessors: [processor as never] });
  setLangfuseTracerProvider(provider as never);
});

afterAll(async () => {
  setLangfuseTracerProvider(null);
  await provider?.shutdown();
  await capture?.close();
  await fake?.close();
  await server?.close();
});

describe('Langfuse SDK pointed at Spyglass', () => {
  it('lands an agent with a generation, a tool and a failed generation, all mapped', async () => {
    const client = new OpenAI({ baseURL: fake.url, apiKey: 'sk-test', maxRetries: 0 });
    const messages = [
      { role: 'system' as const, content: 'You are a weather bot.' },
      { role: 'user' as const, content: 'Weather in Paris?' },
    ];
    let traceId = '';
    let completion: OpenAI.Chat.Completions.ChatCompletion | undefined;
    await propagateAttributes(
      { sessionId: 'lf-session-1', userId: 'lf-user-7', tags: ['langfuse', 'demo'] },
      () =>
        startActiveObservation(
          'weather-agent',
          async (agent) => {
            traceId = agent.traceId;
            agent.update({ input: { question: 'Weather in Paris?' } });
            await startActiveObservation(
              'chat gpt-4o-mini',
              async (generation) => {
                const started = Date.now();
                completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages });
                generation.update({
                  input: messages,
                  output: completion.choices[0]!.message,
                  model: 'gpt-4o-mini',
                  modelParameters: { temperature: 0.2 },
                  completionStartTime: new Date(started + 40),
                  usageDetails: {
                    input: completion.usage!.prompt_tokens,
                    output: completion.usage!.completion_tokens,
                    total: completion.usage!.total_tokens,
                    cache_read_input_tokens: 3,
                    output_reasoning_tokens: 2,
                  },
                  costDetails: { input: 0.001, output: 0.002, total: 0.003 },
                });
              },
              { asType: 'generation' },
            );
            await startActiveObservation(
              'get_weather',
              async (tool) => {
                tool.update({ input: { city: 'Paris' }, output: { conditions: 'rainy', temperature_c: 14 } });
              },
              { asType: 'tool' },
            );
            await startActiveObservation(
              'retry-call',
              async (generation) => {
                generation.update({
                  model: 'gpt-4o-mini',
                  input: [{ role: 'user', content: 'again' }],
                  level: 'ERROR',
                  statusMessage: 'rate limited by upstream',
                });
              },
              { asType: 'generation' },
            );
            agent.update({ output: 'It is rainy in Paris.' });
          },
          { asType: 'agent' },
        ),
    );
    await processor.forceFlush();
    await capture.save();

    const { status, body } = await getJson(`${server.url}/api/traces/${traceId}?include=payloads`);
    expect(status).toBe(200);
    if (process.env.DUMP)
      console.log(
        JSON.stringify(
          body.spans.map((s: any) => [s.name, s.attributes]),
          null,
          1,
        ),
      );
    expect(body.trace).toMatchObject({
      name: 'weather-agent',
      spanCount: 4,
      sessionId: 'lf-session-1',
      userId: 'lf-user-7',
      // The root succeeded; the failed generation under it counts as an error.
      status: 'success',
      errorCount: 1,
    });
    expect(body.trace.tags).toEqual(expect.arrayContaining(['langfuse', 'demo']));
    const byName = (name: string) => body.spans.find((s: any) => s.name === name);

    const agent = byName('weather-agent');
    expect(agent).toMatchObject({ type: 'agent', status: 'success', output: 'It is rainy in Paris.' });
    expect(agent.input).toEqual({ question: 'Weather in Paris?' });

    const llm = byName('chat gpt-4o-mini');
    expect(llm).toMatchObject({
      type: 'llm',
      model: 'gpt-4o-mini',
      provider: 'openai',
      status: 'success',
      promptTokens: completion!.usage!.prompt_tokens,
      completionTokens: completion!.usage!.completion_tokens,
      totalTokens: completion!.usage!.total_tokens,
      costUsd: 0.003,
      costSource: 'reported',
      timeToFirstTokenMs: expect.any(Number),
    });
    expect(llm.timeToFirstTokenMs).toBeGreaterThanOrEqual(39);
    expect(llm.input).toEqual(messages);
    expect(llm.output).toEqual([{ role: 'assistant', content: completion!.choices[0]!.message.content }]);
    expect(llm.attributes['spyglass.usage.cache_read_tokens']).toBe(3);
    expect(llm.attributes['spyglass.usage.reasoning_tokens']).toBe(2);

    const tool = byName('get_weather');
    expect(tool).toMatchObject({ type: 'tool', status: 'success' });
    expect(tool.input).toEqual({ city: 'Paris' });
    expect(tool.output).toEqual({ conditions: 'rainy', temperature_c: 14 });

    const failed = byName('retry-call');
    expect(failed).toMatchObject({ type: 'llm', status: 'error', model: 'gpt-4o-mini', provider: 'openai' });
    expect(failed.error.message).toBe('rate limited by upstream');
  });
});
