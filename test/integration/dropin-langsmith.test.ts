// The real LangSmith JS SDK (`traceable`, `wrapOpenAI`) with its endpoint set to a real collector:
// GET /info, POST /runs/multipart (its default), the run tree as parent/child spans, inputs and
// outputs as messages, usage as tokens, streamed new_token events as time to first token, errors.
// The SDK must log no warning: everything it calls at start-up is answered.
import { Client } from 'langsmith';
import { getCurrentRunTree, traceable } from 'langsmith/traceable';
import { wrapOpenAI } from 'langsmith/wrappers';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../../examples/fake-openai/server.ts';
import { captureFixture, type Capture } from '../helpers/captureFixture.ts';
import { getJson, postJson, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let fake: FakeOpenAI;
let capture: Capture;

beforeAll(async () => {
  server = await startTestServer();
  fake = await startFakeOpenAI({ latencyMs: 20 });
  capture = await captureFixture(server.url, 'langsmith-runs');
});

afterAll(async () => {
  await capture?.close();
  await fake?.close();
  await server?.close();
});

const hex = (uuid: string) => uuid.replaceAll('-', '');

async function traceOf(rootRunId: string): Promise<any> {
  const { status, body } = await getJson(`${server.url}/api/traces/${hex(rootRunId)}?include=payloads`);
  expect(status).toBe(200);
  return body;
}

describe('LangSmith SDK pointed at Spyglass', () => {
  it('lands traceable + wrapOpenAI runs as a span tree, with no SDK warning', async () => {
    const warn = vi.spyOn(console, 'warn');
    const error = vi.spyOn(console, 'error');
    const client = new Client({ apiUrl: capture.url, apiKey: 'ls-local-key' });
    const openai = wrapOpenAI(new OpenAI({ baseURL: fake.url, apiKey: 'sk-test', maxRetries: 0 }), {
      client,
      project_name: 'langsmith-demo',
      tracingEnabled: true,
    });
    const messages = [
      { role: 'system' as const, content: 'You are terse.' },
      { role: 'user' as const, content: 'What is OTLP?' },
    ];
    let rootRunId = '';
    const lookup = traceable(async (query: string) => ({ hits: [`doc about ${query}`] }), {
      name: 'search_docs',
      run_type: 'tool',
      client,
      project_name: 'langsmith-demo',
      tracingEnabled: true,
    });
    const failing = traceable(
      async () => {
        throw new TypeError('tool exploded');
      },
      { name: 'broken_tool', run_type: 'tool', client, project_name: 'langsmith-demo', tracingEnabled: true },
    );
    const agent = traceable(
      async (question: string) => {
        rootRunId = getCurrentRunTree().id;
        await lookup(question);
        const answer = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages });
        const stream = await openai.chat.completions.create({
          model: 'gpt-4o-mini',
          messages,
          stream: true,
          stream_options: { include_usage: true },
        });
        for await (const _chunk of stream) {
          // drain
        }
        await failing().catch(() => undefined);
        return answer.choices[0]!.message.content;
      },
      {
        name: 'qa_agent',
        client,
        project_name: 'langsmith-demo',
        tracingEnabled: true,
        metadata: { session_id: 'ls-session-3' },
      },
    );
    const final = await agent('What is OTLP?');
    await client.awaitPendingTraceBatches();
    await capture.save();

    const { trace, spans } = await traceOf(rootRunId);
    if (process.env.DUMP) console.log(JSON.stringify(spans, null, 1));
    expect(trace).toMatchObject({ name: 'qa_agent', service: 'langsmith-demo', sessionId: 'ls-session-3' });
    expect(spans).toHaveLength(5);
    const root = spans.find((s: any) => s.name === 'qa_agent');
    expect(root).toMatchObject({ parentSpanId: null, type: 'chain', status: 'success', output: final });
    expect(root.input).toBe('What is OTLP?');
    for (const span of spans) if (span !== root) expect(span.parentSpanId).toBe(root.spanId);

    const tool = spans.find((s: any) => s.name === 'search_docs');
    expect(tool).toMatchObject({ type: 'tool', status: 'success', input: 'What is OTLP?' });
    expect(tool.output).toEqual({ hits: ['doc about What is OTLP?'] });

    const llms = spans
      .filter((s: any) => s.type === 'llm')
      .sort((x: any, y: any) => x.startTime - y.startTime);
    expect(llms).toHaveLength(2);
    for (const llm of llms) {
      expect(llm).toMatchObject({ provider: 'openai', status: 'success', costSource: 'estimated' });
      expect(llm.model).toMatch(/^gpt-4o-mini/);
      expect(llm.promptTokens).toBeGreaterThan(0);
      expect(llm.completionTokens).toBeGreaterThan(0);
      expect(llm.totalTokens).toBe(llm.promptTokens + llm.completionTokens);
      expect(llm.input).toEqual(messages);
      expect(llm.output).toEqual([
        expect.objectContaining({ role: 'assistant', content: expect.any(String) }),
      ]);
    }
    expect(llms[0].output[0].content).toBe(final);
    // The streamed call's new_token events give its time to first token.
    expect(llms[1].timeToFirstTokenMs).toBeGreaterThan(0);

    const broken = spans.find((s: any) => s.name === 'broken_tool');
    expect(broken).toMatchObject({ type: 'tool', status: 'error' });
    expect(broken.error.message).toContain('tool exploded');

    const sdkComplaints = [...warn.mock.calls, ...error.mock.calls].filter((args) =>
      /langsmith/i.test(args.map(String).join(' ')),
    );
    expect(sdkComplaints).toEqual([]);
    warn.mockRestore();
    error.mockRestore();
  });

  it('answers GET /info and accepts the JSON batch fallback, post then patch', async () => {
    const info = await getJson(`${server.url}/info`);
    expect(info.status).toBe(200);
    expect(info.body.batch_ingest_config.use_multipart_endpoint).toBe(true);

    const rootId = '019a0000-0000-7000-8000-00000000aa01';
    const childId = '019a0000-0000-7000-8000-00000000aa02';
    const post = [
      {
        id: rootId,
        trace_id: rootId,
        dotted_order: `20260101T000000000000Z${rootId}`,
        name: 'pipeline',
        run_type: 'chain',
        start_time: '2026-01-01T00:00:00.000000Z',
        inputs: { input: 'hello' },
        session_name: 'batch-project',
      },
      {
        id: childId,
        trace_id: rootId,
        parent_run_id: rootId,
        dotted_order: `20260101T000000000000Z${rootId}.20260101T000000100000Z${childId}`,
        name: 'ChatOpenAI',
        run_type: 'llm',
        start_time: '2026-01-01T00:00:00.100000Z',
        end_time: 1767225600400,
        inputs: { messages: [{ role: 'user', content: 'hello' }] },
        outputs: {
          choices: [{ message: { role: 'assistant', content: 'hi there' }, finish_reason: 'stop' }],
          usage_metadata: {
            input_tokens: 9,
            output_tokens: 3,
            total_tokens: 12,
            input_token_details: { cache_read: 4 },
            output_token_details: { reasoning: 1 },
          },
        },
        extra: { metadata: { ls_provider: 'anthropic', ls_model_name: 'claude-sonnet-4-5' } },
        events: [{ name: 'new_token', time: '2026-01-01T00:00:00.250000Z' }],
      },
    ];
    const patch = [
      {
        id: rootId,
        trace_id: rootId,
        dotted_order: `20260101T000000000000Z${rootId}`,
        end_time: '2026-01-01T00:00:00.500000Z',
        error: 'ValueError: upstream refused\nTraceback (most recent call last): …',
      },
    ];
    const answer = await postJson(
      `${server.url}/runs/batch`,
      { post, patch },
      { headers: { 'x-api-key': 'k' } },
    );
    expect(answer.status).toBe(202);

    const { trace, spans } = await traceOf(rootId);
    expect(trace).toMatchObject({ service: 'batch-project', status: 'error' });
    const root = spans.find((s: any) => s.name === 'pipeline');
    expect(root).toMatchObject({ status: 'error', input: 'hello', durationMs: 500 });
    expect(root.error).toMatchObject({ type: 'ValueError', message: 'upstream refused' });
    const llm = spans.find((s: any) => s.name === 'ChatOpenAI');
    expect(llm).toMatchObject({
      parentSpanId: root.spanId,
      type: 'llm',
      provider: 'anthropic',
      model: 'claude-sonnet-4-5',
      promptTokens: 9,
      completionTokens: 3,
      totalTokens: 12,
      timeToFirstTokenMs: 150,
      durationMs: 300,
      input: [{ role: 'user', content: 'hello' }],
      output: [{ role: 'assistant', content: 'hi there', finish_reason: 'stop' }],
    });
    expect(llm.attributes['spyglass.usage.reasoning_tokens']).toBe(1);
  });

  it("keeps the collector's Origin rule on the drop-in paths", async () => {
    const evil = { headers: { Origin: 'http://evil.example' } };
    expect((await postJson(`${server.url}/runs/batch`, { post: [], patch: [] }, evil)).status).toBe(403);
    expect((await getJson(`${server.url}/info`, evil)).status).toBe(403);
    const otlp = await postJson(`${server.url}/api/public/otel/v1/traces`, {}, evil);
    expect(otlp.status).toBe(403);
  });
});
