// The playground against a real collector and the repo's fake OpenAI-compatible server: a re-run
// streams its answer as SSE, is stored as a new trace linked to its source, and the API key never
// reaches the database, the stream, or the stored error.
import { createServer, request as httpRequest, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../../examples/fake-openai/server.ts';
import type { ChatRequest, ReplayEvent, ReplayListResponse } from '../../src/shared/replay.ts';
import { replayRequestFromSpan } from '../../src/shared/replayPrefill.ts';
import type { SpanWithPayloads } from '../../src/shared/types.ts';
import { agentTraceEvents } from '../helpers/sampleTraces.ts';
import {
  getJson,
  ingestRequest,
  postIngest,
  startTestServer,
  traceIdOf,
  type TestServer,
} from '../helpers/server.ts';

const KEY = 'sk-test-Zq81kP0x7mN2vB5cD9fG3hJ6';
const SOURCE = traceIdOf(0x5e);
const LLM_SPAN = 'a000000000000002';

/** A pass-through in front of the fake that records the Authorization header of each call. */
interface KeyCheckingProxy {
  url: string;
  seen: Array<string | undefined>;
  server: Server;
}

async function startProxy(target: FakeOpenAI): Promise<KeyCheckingProxy> {
  const seen: Array<string | undefined> = [];
  const upstream = new URL(target.url);
  const server = createServer((req, res) => {
    seen.push(req.headers.authorization);
    const auth = req.headers.authorization;
    if (auth && auth !== `Bearer ${KEY}`) {
      // Like OpenAI's own 401, which quotes the (masked) key it was given.
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: {
            message: `Incorrect API key provided: ${auth.slice(7)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
            type: 'invalid_request_error',
          },
        }),
      );
      req.resume();
      return;
    }
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: `/v1${req.url}`,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}`, seen, server };
}

let fake: FakeOpenAI;
let proxy: KeyCheckingProxy;
let server: TestServer;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  proxy = await startProxy(fake);
  // Headless mode: the key and the endpoint come from the environment.
  process.env.SPYGLASS_OPENAI_API_KEY = KEY;
  process.env.SPYGLASS_OPENAI_BASE_URL = proxy.url;
  server = await startTestServer();
  const answer = await postIngest(server.url, ingestRequest(agentTraceEvents(SOURCE)));
  expect(answer.status).toBe(200);
});

afterAll(async () => {
  delete process.env.SPYGLASS_OPENAI_API_KEY;
  delete process.env.SPYGLASS_OPENAI_BASE_URL;
  await server.close();
  await new Promise((resolve) => proxy.server.close(resolve));
  await fake.close();
});

async function replay(
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; events: ReplayEvent[]; raw: string }> {
  const response = await fetch(`${server.url}/api/replay/llm`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const raw = await response.text();
  if (!response.headers.get('content-type')?.startsWith('text/event-stream'))
    return { status: response.status, events: [], raw };
  const events = raw
    .split('\n\n')
    .filter((block) => block.startsWith('data: '))
    .map((block) => JSON.parse(block.slice(6)) as ReplayEvent);
  return { status: response.status, events, raw };
}

async function sourceRequest(): Promise<ChatRequest> {
  const { body } = await getJson<SpanWithPayloads>(`${server.url}/api/traces/${SOURCE}/spans/${LLM_SPAN}`);
  const request = replayRequestFromSpan(body);
  expect(request).not.toBeNull();
  return request!;
}

describe('POST /api/replay/llm', () => {
  it('prefills the editor from the recorded span', async () => {
    const request = await sourceRequest();
    expect(request.model).toBe('gpt-4o-mini');
    expect(request.messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(request.temperature).toBe(0.2);
    expect(request.max_tokens).toBe(512);
  });

  it('streams the answer, records a linked trace, and never stores the key', async () => {
    const request = await sourceRequest();
    request.messages[1] = { role: 'user', content: 'Where is my order #1042? Answer in one sentence.' };
    const { status, events } = await replay({ sourceTraceId: SOURCE, sourceSpanId: LLM_SPAN, request });
    expect(status).toBe(200);

    const start = events[0] as Extract<ReplayEvent, { type: 'start' }>;
    expect(start).toMatchObject({ type: 'start', model: 'gpt-4o-mini', baseUrl: proxy.url });
    const deltas = events.filter((e): e is Extract<ReplayEvent, { type: 'delta' }> => e.type === 'delta');
    expect(deltas.length).toBeGreaterThan(1);
    const done = events.at(-1) as Extract<ReplayEvent, { type: 'done' }>;
    expect(done.type).toBe('done');
    expect(done.output.content).toBe(deltas.map((d) => d.text).join(''));
    expect(done.usage!.totalTokens).toBe(done.usage!.promptTokens + done.usage!.completionTokens);
    expect(done.usage!.promptTokens).toBeGreaterThan(0);
    expect(done.costUsd).toBeGreaterThan(0);
    expect(done.timeToFirstTokenMs).not.toBeNull();
    expect(done.latencyMs).toBeGreaterThanOrEqual(done.timeToFirstTokenMs!);

    // The endpoint got the edited request, streamed with usage, and the key from the environment.
    const sent = fake.requests.at(-1)!.body as Record<string, unknown>;
    expect(sent).toMatchObject({
      model: 'gpt-4o-mini',
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.2,
    });
    expect((sent.messages as Array<{ content: string }>)[1]!.content).toBe(
      'Where is my order #1042? Answer in one sentence.',
    );
    expect(proxy.seen.at(-1)).toBe(`Bearer ${KEY}`);

    // The re-run is a trace of its own, linked to the span it came from.
    const { body: rerun } = await getJson(`${server.url}/api/traces/${done.traceId}?include=payloads`);
    expect(rerun.trace).toMatchObject({
      name: 'Re-run of chat gpt-4o-mini',
      status: 'success',
      tags: ['replay'],
      metadata: { replayOf: { traceId: SOURCE, spanId: LLM_SPAN } },
    });
    expect(rerun.spans).toHaveLength(1);
    const span = rerun.spans[0] as SpanWithPayloads;
    // The span names the model that answered (the endpoint's dated name), as a live call would.
    expect(span).toMatchObject({
      spanId: done.spanId,
      type: 'llm',
      model: 'gpt-4o-mini-2024-07-18',
      status: 'success',
      promptTokens: done.usage!.promptTokens,
      completionTokens: done.usage!.completionTokens,
      costUsd: done.costUsd,
    });
    expect(span.input).toEqual(request.messages);
    expect(span.output).toEqual(done.output);
    expect(span.timeToFirstTokenMs).toBeCloseTo(done.timeToFirstTokenMs!, 3);
    expect(span.links).toEqual([
      { traceId: SOURCE, spanId: LLM_SPAN, attributes: { 'spyglass.link': 'replay-of' } },
    ]);

    const { body: list } = await getJson<ReplayListResponse>(`${server.url}/api/traces/${SOURCE}/replays`);
    expect(list.replays.map((r) => [r.traceId, r.replayOf.spanId])).toContainEqual([done.traceId, LLM_SPAN]);
    const other = await getJson<ReplayListResponse>(
      `${server.url}/api/traces/${SOURCE}/replays?spanId=a000000000000005`,
    );
    expect(other.body.replays).toEqual([]);
  });

  it('streams tool-call deltas and assembles them into the stored message', async () => {
    const request = await sourceRequest();
    request.tools = [
      {
        type: 'function',
        function: {
          name: 'cancel_order',
          description: 'Cancel an order',
          parameters: { type: 'object', properties: { orderId: { type: 'integer' } } },
        },
      },
    ];
    const { events } = await replay({ sourceTraceId: SOURCE, sourceSpanId: LLM_SPAN, request });
    const calls = events.filter(
      (e): e is Extract<ReplayEvent, { type: 'tool_call' }> => e.type === 'tool_call',
    );
    expect(calls[0]).toMatchObject({ index: 0, name: 'cancel_order' });
    const done = events.at(-1) as Extract<ReplayEvent, { type: 'done' }>;
    expect(done.finishReason).toBe('tool_calls');
    expect(done.output.tool_calls![0]!.function).toEqual({
      name: 'cancel_order',
      arguments: calls.map((c) => c.arguments).join(''),
    });
    expect(JSON.parse(done.output.tool_calls![0]!.function.arguments)).toEqual({ orderId: 3 });
  });

  it('reports a provider error as an SSE event and on the recorded span, with the key redacted', async () => {
    const request = await sourceRequest();
    const wrongKey = 'sk-wrong-9sD8fH2jK4lM6nB1vC3xZ5';
    const { events } = await replay(
      { sourceTraceId: SOURCE, sourceSpanId: LLM_SPAN, request },
      { Authorization: `Bearer ${wrongKey}` },
    );
    expect(proxy.seen.at(-1)).toBe(`Bearer ${wrongKey}`);
    const error = events.at(-1) as Extract<ReplayEvent, { type: 'error' }>;
    expect(error).toMatchObject({ type: 'error', status: 401 });
    expect(error.message).toContain('The endpoint answered 401: Incorrect API key provided: [redacted]');
    expect(error.message).not.toContain('9sD8fH2j');
    const { body: rerun } = await getJson(`${server.url}/api/traces/${error.traceId}?include=payloads`);
    expect(rerun.trace.status).toBe('error');
    expect(rerun.spans[0].error.message).toBe(error.message);
  });

  it('reports a failing model call ([[fail:429]]) and an unreachable endpoint', async () => {
    const request = await sourceRequest();
    request.messages.push({ role: 'user', content: 'Please try again [[fail:429]]' });
    const limited = await replay({ sourceTraceId: SOURCE, sourceSpanId: LLM_SPAN, request });
    expect(limited.events.at(-1)).toMatchObject({ type: 'error', status: 429 });

    // A base URL other than the configured one never receives the environment's key.
    const seenBefore = proxy.seen.length;
    const elsewhere = await replay({
      sourceTraceId: SOURCE,
      sourceSpanId: LLM_SPAN,
      request: await sourceRequest(),
      endpoint: { baseUrl: `${proxy.url}/` },
    });
    expect(elsewhere.events.at(-1)!.type).toBe('done');
    expect(proxy.seen.slice(seenBefore)).toEqual([`Bearer ${KEY}`]); // same URL once normalised: the key goes
    const other = await replay({
      sourceTraceId: SOURCE,
      sourceSpanId: LLM_SPAN,
      request: await sourceRequest(),
      endpoint: { baseUrl: proxy.url.replace('127.0.0.1', 'localhost') },
    });
    expect(other.events.at(-1)!.type).toBe('done');
    expect(proxy.seen.at(-1)).toBeUndefined();

    const down = await replay({
      sourceTraceId: SOURCE,
      sourceSpanId: LLM_SPAN,
      request: await sourceRequest(),
      endpoint: { baseUrl: 'http://127.0.0.1:9/v1' },
    });
    const error = down.events.at(-1) as Extract<ReplayEvent, { type: 'error' }>;
    expect(error.message).toMatch(/^Could not reach http:\/\/127\.0\.0\.1:9\/v1\/chat\/completions: /);
  });

  it('refuses bad requests before calling anything', async () => {
    const request = await sourceRequest();
    const calls = fake.requests.length;
    const unknown = await replay({ sourceTraceId: SOURCE, sourceSpanId: 'ffffffffffffffff', request });
    expect(unknown.status).toBe(404);
    const notLlm = await replay({ sourceTraceId: SOURCE, sourceSpanId: 'a000000000000003', request });
    expect(notLlm.status).toBe(422);
    expect(JSON.parse(notLlm.raw)).toMatchObject({ field: 'sourceSpanId' });
    const keyInBody = await replay({
      sourceTraceId: SOURCE,
      sourceSpanId: LLM_SPAN,
      request,
      endpoint: { baseUrl: proxy.url, apiKey: KEY },
    });
    expect(keyInBody.status).toBe(400);
    expect(keyInBody.raw).not.toContain(KEY);
    const noMessages = await replay({
      sourceTraceId: SOURCE,
      sourceSpanId: LLM_SPAN,
      request: { model: 'gpt-4o-mini', messages: [] },
    });
    expect(JSON.parse(noMessages.raw)).toMatchObject({ field: 'request.messages' });
    expect(fake.requests.length).toBe(calls);
  });
});

describe('the key and the database', () => {
  it('no byte sequence of the key is in the SQLite file after re-runs', async () => {
    const dbPath = server.dbPath;
    const { body } = await getJson(`${server.url}/api/traces?tag=replay`);
    expect(body.traces.length).toBeGreaterThanOrEqual(5);
    // Close the store (folding the WAL into the file) and read the bytes; afterAll closes the rest.
    server.store.close();
    const files = [dbPath, `${dbPath}-wal`, `${dbPath}-shm`].filter(existsSync);
    for (const file of files) {
      const bytes = readFileSync(file);
      expect(bytes.includes(KEY)).toBe(false);
      expect(bytes.includes('Zq81kP0x')).toBe(false);
      expect(bytes.includes('9sD8fH2j')).toBe(false);
    }
  });
});
