// Real OpenTelemetry exporters (OTLP/HTTP JSON, and protobuf with gzip) sending a nested agent
// run with GenAI attributes and a failing tool to a real collector; spans end one by one, so the
// trace is assembled from many requests (SimpleSpanProcessor exports each span as it ends).
import { context, SpanKind, SpanStatusCode, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter as OTLPHttpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OTLPProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { SimpleSpanProcessor, TracerProvider, type SpanExporter } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportRun } from '../helpers/otel.ts';
import { getJson, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;

beforeAll(async () => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

const messages = (list: unknown[]) => JSON.stringify(list);

/** An agent that calls the model, runs a tool that fails, and calls the model again. */
async function weatherAgent(tracer: Tracer): Promise<string> {
  return tracer.startActiveSpan(
    'invoke_agent WeatherAssistant',
    { kind: SpanKind.INTERNAL },
    async (agent) => {
      agent.setAttributes({
        'gen_ai.operation.name': 'invoke_agent',
        'gen_ai.agent.name': 'WeatherAssistant',
        'gen_ai.provider.name': 'openai',
        'gen_ai.conversation.id': 'conv-42',
        'gen_ai.input.messages': messages([
          { role: 'user', parts: [{ type: 'text', content: 'Weather in Paris?' }] },
        ]),
      });
      await tracer.startActiveSpan('chat gpt-4o', { kind: SpanKind.CLIENT }, async (chat) => {
        chat.setAttributes({
          'gen_ai.operation.name': 'chat',
          'gen_ai.provider.name': 'openai',
          'gen_ai.request.model': 'gpt-4o',
          'gen_ai.response.model': 'gpt-4o-2024-08-06',
          'gen_ai.usage.input_tokens': 82,
          'gen_ai.usage.output_tokens': 17,
          'gen_ai.response.finish_reasons': ['tool_call'],
          'gen_ai.input.messages': messages([
            { role: 'user', parts: [{ type: 'text', content: 'Weather in Paris?' }] },
          ]),
          'gen_ai.output.messages': messages([
            {
              role: 'assistant',
              parts: [
                { type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: { location: 'Paris' } },
              ],
              finish_reason: 'tool_call',
            },
          ]),
        });
        chat.end();
      });
      await tracer.startActiveSpan('execute_tool get_weather', { kind: SpanKind.INTERNAL }, async (tool) => {
        tool.setAttributes({
          'gen_ai.operation.name': 'execute_tool',
          'gen_ai.tool.name': 'get_weather',
          'gen_ai.tool.call.id': 'call_1',
          'gen_ai.tool.call.arguments': '{"location":"Paris"}',
        });
        const failure = new TypeError('weather service unreachable');
        tool.recordException(failure);
        tool.setStatus({ code: SpanStatusCode.ERROR, message: failure.message });
        tool.setAttribute('error.type', 'TypeError');
        tool.end();
      });
      await tracer.startActiveSpan('chat gpt-4o', { kind: SpanKind.CLIENT }, async (chat) => {
        chat.setAttributes({
          'gen_ai.operation.name': 'chat',
          'gen_ai.provider.name': 'openai',
          'gen_ai.request.model': 'gpt-4o',
          'gen_ai.response.model': 'gpt-4o-2024-08-06',
          'gen_ai.usage.input_tokens': 105,
          'gen_ai.usage.output_tokens': 14,
          'gen_ai.output.messages': messages([
            {
              role: 'assistant',
              parts: [{ type: 'text', content: 'I could not reach the weather service.' }],
              finish_reason: 'stop',
            },
          ]),
        });
        chat.end();
      });
      agent.setStatus({ code: SpanStatusCode.OK });
      const traceId = agent.spanContext().traceId;
      agent.end();
      return traceId;
    },
  );
}

function runWith(exporter: SpanExporter, service: string): Promise<string> {
  return exportRun(exporter, service, { name: 'weather-agent', version: '1.0.0' }, weatherAgent);
}

async function checkStoredRun(traceId: string, service: string): Promise<void> {
  const { status, body } = await getJson(`${server.url}/api/traces/${traceId}?include=payloads`);
  expect(status).toBe(200);
  const { trace, spans } = body;
  expect(trace).toMatchObject({
    traceId,
    name: 'invoke_agent WeatherAssistant',
    status: 'success',
    service,
    spanCount: 4,
    errorCount: 1,
    sessionId: 'conv-42',
    // Only the two model calls count: 82+105 prompt, 17+14 completion.
    promptTokens: 187,
    completionTokens: 31,
    totalTokens: 218,
  });
  // Estimated from the bundled price table at $2.50 / $10 per million tokens.
  expect(trace.costUsd).toBeCloseTo(187 * 2.5e-6 + 31 * 1e-5, 10);

  const root = spans.find((s: any) => s.parentSpanId === null);
  expect(root).toMatchObject({
    name: 'invoke_agent WeatherAssistant',
    type: 'agent',
    kind: 'internal',
    status: 'success',
  });
  const children = spans.filter((s: any) => s.parentSpanId === root.spanId);
  expect(children.map((s: any) => s.type).sort()).toEqual(['llm', 'llm', 'tool']);

  const firstChat = children.find((s: any) => s.type === 'llm' && s.promptTokens === 82);
  expect(firstChat).toMatchObject({
    model: 'gpt-4o-2024-08-06',
    provider: 'openai',
    kind: 'client',
    completionTokens: 17,
    totalTokens: 99,
  });
  expect(firstChat.costUsd).toBeCloseTo(0.000375, 10);
  expect(firstChat.input).toEqual([{ role: 'user', content: 'Weather in Paris?' }]);
  expect(firstChat.output[0].tool_calls[0]).toEqual({
    id: 'call_1',
    type: 'function',
    function: { name: 'get_weather', arguments: { location: 'Paris' } },
  });
  expect(firstChat.attributes['otel.resource']['service.name']).toBe(service);
  expect(firstChat.attributes['otel.scope']).toEqual({ name: 'weather-agent', version: '1.0.0' });

  const tool = children.find((s: any) => s.type === 'tool');
  expect(tool).toMatchObject({ status: 'error', input: { location: 'Paris' } });
  expect(tool.error.message).toBe('weather service unreachable');
  expect(tool.error.type).toBe('TypeError');
  expect(tool.error.stack).toContain('TypeError: weather service unreachable');
  expect(tool.events.map((e: any) => e.name)).toContain('exception');
  expect(tool.attributes['spyglass.tool.name']).toBe('get_weather');
}

describe('OTLP exporters from npm against a real collector', () => {
  it('http/json: a nested agent run with a failing tool', async () => {
    const traceId = await runWith(
      new OTLPHttpJsonExporter({ url: `${server.url}/v1/traces` }),
      'weather-json',
    );
    await checkStoredRun(traceId, 'weather-json');
  });

  it('http/protobuf with gzip: the same run', async () => {
    const traceId = await runWith(
      new OTLPProtoExporter({ url: `${server.url}/v1/traces`, compression: 'gzip' as never }),
      'weather-proto',
    );
    await checkStoredRun(traceId, 'weather-proto');
  });

  it('keeps a trace running until its root span arrives, then takes the root outcome', async () => {
    const provider = new TracerProvider({
      spanProcessors: [
        new SimpleSpanProcessor({ exporter: new OTLPProtoExporter({ url: `${server.url}/v1/traces` }) }),
      ],
    });
    const tracer = provider.getTracer('steps');
    let traceId = '';
    await tracer.startActiveSpan('run', async (root) => {
      traceId = root.spanContext().traceId;
      tracer.startSpan('step').end();
      await provider.forceFlush();
      const early = await getJson(`${server.url}/api/traces/${traceId}`);
      expect(early.body.trace).toMatchObject({ status: 'running', spanCount: 1 });
      root.setStatus({ code: SpanStatusCode.ERROR, message: 'gave up' });
      root.end();
    });
    await provider.forceFlush();
    await provider.shutdown();
    const done = await getJson(`${server.url}/api/traces/${traceId}`);
    expect(done.body.trace).toMatchObject({ name: 'run', status: 'error', spanCount: 2 });
  });

  it('names a trace after its service while the root span has not arrived', async () => {
    const traceId = 'ab'.repeat(16);
    const body = {
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'orphan-service' } }] },
          scopeSpans: [
            {
              spans: [
                {
                  traceId,
                  spanId: 'cd'.repeat(8),
                  parentSpanId: 'ef'.repeat(8),
                  name: 'child of a remote parent',
                  startTimeUnixNano: '1767225600000000000',
                  endTimeUnixNano: '1767225600100000000',
                },
              ],
            },
          ],
        },
      ],
    };
    const response = await fetch(`${server.url}/v1/traces`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    const { body: stored } = await getJson(`${server.url}/api/traces/${traceId}`);
    expect(stored.trace).toMatchObject({
      name: 'orphan-service',
      service: 'orphan-service',
      status: 'running',
      spanCount: 1,
    });
    expect(stored.spans[0]).toMatchObject({ parentSpanId: 'ef'.repeat(8), name: 'child of a remote parent' });
  });
});
