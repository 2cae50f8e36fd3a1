// LangGraph (a real StateGraph with a ChatOpenAI node and a ToolNode) traced by the real
// OpenInference LangChain instrumentation, exported over OTLP to a real collector, against the
// bundled fake OpenAI server. LangChain's serialised messages must read as chat messages in
// chain, node, model and tool spans; ls_provider/ls_model_name name a failed call's provider and
// model; a resource with only `openinference.project.name` still names the trace's service.
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { LangChainInstrumentation } from '@arizeai/openinference-instrumentation-langchain';
import * as CallbackManagerModule from '@langchain/core/callbacks/manager';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { MessagesAnnotation, StateGraph } from '@langchain/langgraph';
import { ToolNode, toolsCondition } from '@langchain/langgraph/prebuilt';
import { ChatOpenAI } from '@langchain/openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startFakeOpenAI, type FakeOpenAI } from '../../examples/fake-openai/server.ts';
import { captureFixture, type Capture } from '../helpers/captureFixture.ts';
import { getJson, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let fake: FakeOpenAI;
let provider: TracerProvider;
let capture: Capture;

beforeAll(async () => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  server = await startTestServer();
  fake = await startFakeOpenAI();
  capture = await captureFixture(server.url, 'langgraph-openinference');
  provider = new TracerProvider({
    resource: resourceFromAttributes({ 'openinference.project.name': 'weather-graph' }),
    spanProcessors: [
      new SimpleSpanProcessor({ exporter: new OTLPTraceExporter({ url: `${capture.url}/v1/traces` }) }),
    ],
  });
  const instrumentation = new LangChainInstrumentation({ tracerProvider: provider as never });
  instrumentation.manuallyInstrument(CallbackManagerModule);
});

afterAll(async () => {
  await provider?.shutdown();
  await capture?.close();
  await fake?.close();
  await server?.close();
});

const getWeather = tool(async ({ city }: { city: string }) => `Rainy and 14°C in ${city}`, {
  name: 'get_weather',
  description: 'Current weather for a city',
  schema: z.object({ city: z.string() }),
});

async function traceIds(): Promise<string[]> {
  const { body } = await getJson(`${server.url}/api/traces?limit=50`);
  return body.traces.map((t: any) => t.traceId);
}

async function traceOf(traceId: string): Promise<any> {
  const { body } = await getJson(`${server.url}/api/traces/${traceId}?include=payloads`);
  return body;
}

describe('LangGraph through OpenInference', () => {
  it('shows messages, not constructor blobs, in graph, node, model and tool spans', async () => {
    const model = new ChatOpenAI({
      model: 'gpt-4o-mini',
      apiKey: 'sk-test',
      configuration: { baseURL: fake.url },
      maxRetries: 0,
    }).bindTools([getWeather]);
    const graph = new StateGraph(MessagesAnnotation)
      .addNode('agent', async (state) => ({ messages: [await model.invoke(state.messages)] }))
      .addNode('tools', new ToolNode([getWeather]))
      .addEdge('__start__', 'agent')
      .addConditionalEdges('agent', toolsCondition)
      .addEdge('tools', 'agent')
      .compile();
    const before = new Set(await traceIds());
    const result = await graph.invoke({
      messages: [new SystemMessage('You report the weather.'), new HumanMessage('Use get_weather for Paris')],
    });
    await provider.forceFlush();
    const traceId = (await traceIds()).find((id) => !before.has(id))!;
    const { trace, spans } = await traceOf(traceId);
    if (process.env.DUMP)
      console.log(
        JSON.stringify(
          spans.map((s: any) => [s.name, s.type, s.input, s.output, s.attributes]),
          null,
          1,
        ),
      );

    expect(trace.service).toBe('weather-graph');
    const blobs = spans.filter((s: any) => JSON.stringify([s.input, s.output]).includes('"lc":1'));
    expect(blobs.map((s: any) => s.name)).toEqual([]);

    const llms = spans.filter((s: any) => s.type === 'llm');
    expect(llms).toHaveLength(2);
    for (const llm of llms) {
      expect(llm).toMatchObject({ provider: 'openai', status: 'success' });
      expect(llm.model).toMatch(/^gpt-4o-mini/);
      expect(llm.promptTokens).toBeGreaterThan(0);
      expect(llm.completionTokens).toBeGreaterThan(0);
    }
    const first = llms.sort((x: any, y: any) => x.startTime - y.startTime)[0];
    expect(first.input).toEqual([
      { role: 'system', content: 'You report the weather.' },
      { role: 'user', content: 'Use get_weather for Paris' },
    ]);
    expect(first.output[0].tool_calls[0].function).toMatchObject({
      name: 'get_weather',
      arguments: { city: expect.any(String) },
    });
    // The graph node's output keeps the tool call id that the tool result answers.
    const agentNode = spans.find((s: any) => s.name === 'agent' && s.type === 'chain');
    expect(agentNode.output).toHaveLength(1);
    const call = agentNode.output[0].tool_calls[0];
    expect(call.id).toEqual(expect.any(String));
    const city = call.function.arguments.city;

    const toolSpan = spans.find((s: any) => s.type === 'tool' && s.name === 'get_weather');
    expect(JSON.stringify(toolSpan.input)).toContain(city);
    expect(toolSpan.output).toMatchObject({
      role: 'tool',
      content: `Rainy and 14°C in ${city}`,
      tool_call_id: call.id,
    });

    // The graph's root chain: its state reads as the conversation.
    const root = spans.find((s: any) => s.parentSpanId === null);
    expect(root.input).toEqual([
      { role: 'system', content: 'You report the weather.' },
      { role: 'user', content: 'Use get_weather for Paris' },
    ]);
    const last = result.messages[result.messages.length - 1]!;
    expect(root.output[root.output.length - 1]).toMatchObject({ role: 'assistant', content: last.content });
    await capture.save();
    const toolResult = root.output.find((m: any) => m.role === 'tool');
    expect(toolResult).toMatchObject({ content: `Rainy and 14°C in ${city}`, tool_call_id: call.id });
  });

  it('names provider and model of a failed model call from LangChain metadata', async () => {
    // A model no price table knows, so only ls_provider can name its provider.
    const model = new ChatOpenAI({
      model: 'acme-finetune-7',
      apiKey: 'sk-test',
      configuration: { baseURL: fake.url },
      maxRetries: 0,
    });
    const before = new Set(await traceIds());
    await expect(model.invoke([new HumanMessage('Hello [[fail:429]]')])).rejects.toThrow();
    await provider.forceFlush();
    const traceId = (await traceIds()).find((id) => !before.has(id))!;
    const { spans } = await traceOf(traceId);
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({
      type: 'llm',
      status: 'error',
      provider: 'openai',
      model: 'acme-finetune-7',
    });
    expect(spans[0].input).toEqual([{ role: 'user', content: 'Hello [[fail:429]]' }]);
  });
});
