// An instrumentation library from npm (@arizeai/openinference-instrumentation-openai) drives the
// official `openai` client against the repo's fake OpenAI server; its spans travel through a real
// OTLP protobuf exporter to a real collector and come back as first-class LLM spans.
import { context, SpanStatusCode } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { OpenAIInstrumentation } from '@arizeai/openinference-instrumentation-openai';
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
    resource: resourceFromAttributes({
      'service.name': 'support-bot',
      'openinference.project.name': 'support',
    }),
    spanProcessors: [
      new SimpleSpanProcessor({ exporter: new OTLPTraceExporter({ url: `${server.url}/v1/traces` }) }),
    ],
  });
  // ESM imports are not hooked by require-in-the-middle, so the client class is patched directly.
  const instrumentation = new OpenAIInstrumentation({ tracerProvider: provider });
  instrumentation.manuallyInstrument({ OpenAI } as never);
});

afterAll(async () => {
  await provider?.shutdown();
  await fake?.close();
  await server?.close();
});

describe('OpenInference instrumentation of the openai client', () => {
  it('stores the chat completion as an llm span under the agent span', async () => {
    const client = new OpenAI({ baseURL: fake.url, apiKey: 'sk-test', maxRetries: 0 });
    const tracer = provider.getTracer('support-bot');
    const messages = [
      { role: 'system' as const, content: 'You answer support questions briefly.' },
      { role: 'user' as const, content: 'How do I reset my password?' },
    ];
    let traceId = '';
    const completion = await tracer.startActiveSpan('SupportAgent', async (agent) => {
      traceId = agent.spanContext().traceId;
      agent.setAttribute('openinference.span.kind', 'AGENT');
      agent.setAttribute('session.id', 'sess-9');
      const answer = await client.chat.completions.create({ model: 'gpt-4o-mini', messages });
      agent.setStatus({ code: SpanStatusCode.OK });
      agent.end();
      return answer;
    });
    await provider.forceFlush();

    const { status, body } = await getJson(`${server.url}/api/traces/${traceId}?include=payloads`);
    expect(status).toBe(200);
    expect(body.trace).toMatchObject({
      name: 'SupportAgent',
      status: 'success',
      spanCount: 2,
      sessionId: 'sess-9',
      service: 'support-bot',
    });
    const llm = body.spans.find((s: any) => s.type === 'llm');
    const agent = body.spans.find((s: any) => s.type === 'agent');
    expect(llm.parentSpanId).toBe(agent.spanId);
    expect(llm).toMatchObject({
      model: completion.model,
      provider: 'openai',
      status: 'success',
      promptTokens: completion.usage!.prompt_tokens,
      completionTokens: completion.usage!.completion_tokens,
      totalTokens: completion.usage!.total_tokens,
    });
    expect(llm.input).toEqual(messages);
    expect(llm.output).toEqual([{ role: 'assistant', content: completion.choices[0]!.message.content }]);
    // No cost was reported, so it is estimated from the price table.
    expect(llm.costUsd).toBeGreaterThan(0);
    expect(body.trace.costUsd).toBeCloseTo(llm.costUsd, 12);
  });
});
