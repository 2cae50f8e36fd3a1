// The store through the real HTTP API: arrival order, duplicates, orphans, cycles, deep chains,
// aggregates, status and name rules, filters, paging, search, payloads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Span,
  SpanWithPayloads,
  TraceListResponse,
  TraceResponse,
  TraceSummary,
} from '../../src/shared/types.ts';
import type { WireEvent } from '../../sdk/src/protocol.ts';
import {
  getJson,
  ingestRequest,
  postIngest,
  spanIdOf,
  startTestServer,
  traceIdOf,
  wire,
  type TestServer,
} from '../helpers/server.ts';

let server: TestServer;
let nextTrace = 1;
const newTraceId = () => traceIdOf(nextTrace++);
const T0 = Date.UTC(2026, 0, 1);

async function send(events: WireEvent[]): Promise<void> {
  const { status, body } = await postIngest(server.url, ingestRequest(events));
  expect(status, JSON.stringify(body)).toBe(200);
}
async function trace(traceId: string, query = ''): Promise<TraceResponse> {
  const { status, body } = await getJson<TraceResponse>(`${server.url}/api/traces/${traceId}${query}`);
  expect(status, JSON.stringify(body)).toBe(200);
  return body;
}
async function list(query = ''): Promise<TraceListResponse> {
  const { status, body } = await getJson<TraceListResponse>(`${server.url}/api/traces${query}`);
  expect(status, JSON.stringify(body)).toBe(200);
  return body;
}
const byId = (spans: Span[]) => new Map(spans.map((s) => [s.spanId, s]));

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('arrival in any order', () => {
  it('merges an end that arrives before its start, in separate batches', async () => {
    const t = newTraceId();
    const s = spanIdOf(1);
    await send([
      wire.spanEnd(t, s, T0 + 50, {
        output: { answer: 42 },
        promptTokens: 10,
        completionTokens: 5,
        costUsd: 0.01,
      }),
    ]);
    let answer = await trace(t);
    expect(answer.trace.spanCount).toBe(1);
    expect(answer.spans[0]!.status).toBe('success');
    // Tokens of a span whose type is not known yet are not counted towards the trace…
    expect(answer.trace.totalTokens).toBe(0);
    await send([wire.spanStart(t, s, null, T0, { type: 'llm', name: 'chat', model: 'gpt-4o', input: 'hi' })]);
    answer = await trace(t);
    const span = answer.spans[0]!;
    expect(span).toMatchObject({
      name: 'chat',
      type: 'llm',
      startTime: T0,
      endTime: T0 + 50,
      durationMs: 50,
      status: 'success',
    });
    expect(span).toMatchObject({
      inputPreview: 'hi',
      outputPreview: '{"answer":42}',
      promptTokens: 10,
      totalTokens: 15,
      costUsd: 0.01,
    });
    // …and counted once the start says it is a model call.
    expect(answer.trace).toMatchObject({
      spanCount: 1,
      promptTokens: 10,
      completionTokens: 5,
      totalTokens: 15,
      costUsd: 0.01,
    });
    expect(answer.trace).toMatchObject({ status: 'success', name: 'chat', startTime: T0, endTime: T0 + 50 });
  });

  it('keeps a child that arrives before its parent, and the parent attaches later', async () => {
    const t = newTraceId();
    const [root, child, grandchild] = [spanIdOf(1), spanIdOf(2), spanIdOf(3)];
    await send([wire.spanStart(t, grandchild, child, T0 + 2), wire.spanEnd(t, grandchild, T0 + 3)]);
    let answer = await trace(t);
    expect(answer.spans).toHaveLength(1);
    expect(answer.spans[0]!.parentSpanId).toBe(child); // an orphan for now: kept, its parent link is data
    expect(answer.trace.status).toBe('running');
    await send([wire.spanStart(t, child, root, T0 + 1), wire.spanEnd(t, child, T0 + 4)]);
    await send([wire.spanStart(t, root, null, T0, { name: 'root step' }), wire.spanEnd(t, root, T0 + 5)]);
    answer = await trace(t);
    const spans = byId(answer.spans);
    expect(spans.get(root)!.parentSpanId).toBeNull();
    expect(spans.get(child)!.parentSpanId).toBe(root);
    expect(spans.get(grandchild)!.parentSpanId).toBe(child);
    expect(answer.spans.map((s) => s.spanId)).toEqual([root, child, grandchild]); // ordered by start
    expect(answer.trace).toMatchObject({ spanCount: 3, status: 'success', name: 'root step', durationMs: 5 });
  });

  it('counts a span sent twice (or three times) once, and undefined fields never clear stored ones', async () => {
    const t = newTraceId();
    const s = spanIdOf(7);
    const start = wire.spanStart(t, s, null, T0, { type: 'llm', name: 'chat', model: 'm', input: 'prompt' });
    const end = wire.spanEnd(t, s, T0 + 10, {
      output: 'out',
      promptTokens: 3,
      completionTokens: 4,
      costUsd: 0.5,
      status: 'error',
      error: { message: 'boom' },
    });
    await send([start, end, start]);
    await send([end, start]);
    await send([wire.spanEnd(t, s, T0 + 10)]); // an end with nothing but the time
    const answer = await trace(t, '?include=payloads');
    expect(answer.trace).toMatchObject({
      spanCount: 1,
      errorCount: 1,
      promptTokens: 3,
      completionTokens: 4,
      totalTokens: 7,
      costUsd: 0.5,
    });
    const span = answer.spans[0] as SpanWithPayloads;
    expect(span).toMatchObject({ input: 'prompt', output: 'out', status: 'error', model: 'm', name: 'chat' });
    expect(span.error).toEqual({ message: 'boom', type: null, stack: null });
  });

  it('renames a span from its end event', async () => {
    const t = newTraceId();
    const s = spanIdOf(1);
    await send([
      wire.spanStart(t, s, null, T0, { name: 'chat' }),
      wire.spanEnd(t, s, T0 + 1, { name: 'chat gpt-4o-2024-08-06' }),
    ]);
    expect((await trace(t)).spans[0]!.name).toBe('chat gpt-4o-2024-08-06');
    const bad = await postIngest(server.url, ingestRequest([wire.spanEnd(t, s, T0 + 1, { name: '' })]));
    expect(bad.body.errors[0].field).toBe('events[0].name');
  });

  it('merges attributes key by key and deduplicates events', async () => {
    const t = newTraceId();
    const s = spanIdOf(1);
    const logged: WireEvent = {
      kind: 'span.event',
      traceId: t,
      spanId: s,
      time: T0 + 1,
      name: 'retry',
      attributes: { attempt: 1 },
    };
    await send([wire.spanStart(t, s, null, T0, { attributes: { a: 1, b: 2 } }), logged]);
    await send([wire.spanEnd(t, s, T0 + 2, { attributes: { b: 3, c: 4 } }), logged]);
    const { body } = await getJson<SpanWithPayloads>(`${server.url}/api/traces/${t}/spans/${s}`);
    expect(body.attributes).toEqual({ a: 1, b: 3, c: 4 });
    expect(body.events).toEqual([{ time: T0 + 1, name: 'retry', attributes: { attempt: 1 } }]);
  });
});

describe('trees that are not trees', () => {
  it('survives a self-parent and a parent cycle', async () => {
    const t = newTraceId();
    const [a, b, c] = [spanIdOf(1), spanIdOf(2), spanIdOf(3)];
    await send([
      wire.spanStart(t, a, a, T0),
      wire.spanStart(t, b, c, T0 + 1),
      wire.spanStart(t, c, b, T0 + 2),
      wire.spanEnd(t, a, T0 + 3),
      wire.spanEnd(t, b, T0 + 3),
      wire.spanEnd(t, c, T0 + 3),
    ]);
    const answer = await trace(t);
    expect(answer.spans).toHaveLength(3);
    expect(byId(answer.spans).get(a)!.parentSpanId).toBe(a);
    expect(answer.trace.spanCount).toBe(3);
    // No root: the trace cannot know it is complete until it is ended explicitly.
    expect(answer.trace.status).toBe('running');
    await send([wire.traceEnd(t, T0 + 4)]);
    expect((await trace(t)).trace.status).toBe('success');
  });

  it('stores and loads a chain 10,000 spans deep', async () => {
    const t = newTraceId();
    const depth = 10_000;
    const events: WireEvent[] = [];
    for (let i = 0; i < depth; i++) {
      events.push(
        wire.spanStart(t, spanIdOf(i + 1), i === 0 ? null : spanIdOf(i), T0 + i, { type: 'chain' }),
      );
    }
    for (let i = depth - 1; i >= 0; i--) events.push(wire.spanEnd(t, spanIdOf(i + 1), T0 + 2 * depth - i));
    for (let i = 0; i < events.length; i += 2_000) await send(events.slice(i, i + 2_000));
    const answer = await trace(t);
    expect(answer.spans).toHaveLength(depth);
    expect(answer.trace).toMatchObject({ spanCount: depth, status: 'success', durationMs: 2 * depth });
    expect(answer.spans[depth - 1]!.parentSpanId).toBe(spanIdOf(depth - 1));
  });
});

describe('trace status and name', () => {
  it('is running while a child is open, even after the root ended', async () => {
    const t = newTraceId();
    const [root, child] = [spanIdOf(1), spanIdOf(2)];
    await send([
      wire.spanStart(t, root, null, T0),
      wire.spanStart(t, child, root, T0 + 1),
      wire.spanEnd(t, root, T0 + 2),
    ]);
    expect((await trace(t)).trace).toMatchObject({ status: 'running', endTime: null, durationMs: null });
    await send([wire.spanEnd(t, child, T0 + 3, { status: 'error', error: { message: 'tool failed' } })]);
    // A failed child under a successful root: the run succeeded, errorCount shows the failure.
    expect((await trace(t)).trace).toMatchObject({ status: 'success', errorCount: 1, endTime: T0 + 3 });
  });

  it('takes the root span outcome, and an explicit trace status wins', async () => {
    const t = newTraceId();
    const root = spanIdOf(1);
    await send([
      wire.traceStart(t, T0, { name: 'explicit name' }),
      wire.spanStart(t, root, null, T0, { name: 'root name' }),
    ]);
    await send([wire.spanEnd(t, root, T0 + 1, { error: { message: 'failed', type: 'ValueError' } })]);
    expect((await trace(t)).trace).toMatchObject({ status: 'error', name: 'explicit name', errorCount: 1 });
    await send([wire.traceEnd(t, T0 + 2, { status: 'success', output: { ok: true } })]);
    const answer = await trace(t);
    expect(answer.trace).toMatchObject({ status: 'success', output: { ok: true }, endTime: T0 + 2 });
  });

  it('names a trace after its root span, else the service name', async () => {
    const t = newTraceId();
    await send([wire.spanStart(t, spanIdOf(1), null, T0, { name: 'the root' })]);
    expect((await trace(t)).trace.name).toBe('the root');
    const batch = {
      traces: [{ traceId: newTraceId(), service: 'checkout-service' }],
      spans: [],
      rejected: [],
    };
    await server.ingest(batch);
    expect(server.store.getTraceSummary(batch.traces[0]!.traceId)!.name).toBe('checkout-service');
  });

  it('counts tokens and cost only on model calls, and estimates a missing cost', async () => {
    const t = newTraceId();
    const [agent, llm, tool] = [spanIdOf(1), spanIdOf(2), spanIdOf(3)];
    await send([
      wire.spanStart(t, agent, null, T0, { type: 'agent', model: 'gpt-4o' }),
      wire.spanStart(t, llm, agent, T0 + 1, { type: 'llm', model: 'gpt-4o', provider: 'openai' }),
      wire.spanStart(t, tool, agent, T0 + 2, { type: 'tool' }),
      wire.spanEnd(t, llm, T0 + 3, { promptTokens: 1000, completionTokens: 100 }),
      wire.spanEnd(t, tool, T0 + 4, { promptTokens: 5 }),
      // The wrapper reports the sum of its children: counting it would double the totals.
      wire.spanEnd(t, agent, T0 + 5, { promptTokens: 1000, completionTokens: 100, costUsd: 9 }),
    ]);
    const answer = await trace(t);
    const llmSpan = byId(answer.spans).get(llm)! as Span & { costSource: string };
    expect(llmSpan.costSource).toBe('estimated');
    expect(llmSpan.costUsd).toBeGreaterThan(0);
    expect(answer.trace).toMatchObject({
      promptTokens: 1000,
      completionTokens: 100,
      totalTokens: 1100,
      models: ['gpt-4o'],
    });
    expect(answer.trace.costUsd).toBeCloseTo(llmSpan.costUsd!, 12);
  });
});

describe('listing, filters, paging and search', () => {
  let tagged: string[] = [];
  beforeAll(async () => {
    const events: WireEvent[] = [];
    tagged = [];
    for (let i = 0; i < 25; i++) {
      const t = newTraceId();
      const start = Date.UTC(2027, 0, 1) + i * 1000;
      events.push(
        wire.traceStart(t, start, {
          name: `listing run ${i}`,
          tags: i % 5 === 0 ? ['nightly', 'list'] : ['list'],
        }),
      );
      events.push(
        wire.spanStart(t, spanIdOf(1), null, start, {
          type: 'llm',
          model: i % 2 ? 'claude-3-5-haiku' : 'gpt-4o-mini',
          input: { prompt: i === 7 ? 'zebra crossing' : 'plain text' },
        }),
      );
      events.push(
        wire.spanEnd(t, spanIdOf(1), start + 10, {
          status: i % 3 === 0 ? 'error' : 'success',
          output: i === 11 ? 'Pangolin sighted' : 'ok',
        }),
      );
      if (i % 5 === 0) tagged.push(t);
    }
    await send(events);
  });

  it('pages newest first with an opaque cursor, without gaps or repeats', async () => {
    const seen: TraceSummary[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: TraceListResponse = await list(
        `?tag=list&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      seen.push(...page.traces);
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(4);
    expect(seen).toHaveLength(25);
    expect(new Set(seen.map((t) => t.traceId)).size).toBe(25);
    const starts = seen.map((t) => t.startTime!);
    expect([...starts].sort((a, b) => b - a)).toEqual(starts);
    expect(seen[0]!.name).toBe('listing run 24');
  });

  it('filters by tag, status, model, name, since and until', async () => {
    expect((await list('?tag=nightly')).traces.map((t) => t.traceId).sort()).toEqual([...tagged].sort());
    const errors = await list('?tag=list&status=error');
    expect(errors.traces).toHaveLength(9);
    expect(errors.traces.every((t) => t.status === 'error')).toBe(true);
    expect((await list('?tag=list&model=claude-3-5-haiku')).traces).toHaveLength(12);
    expect((await list('?name=run%2012')).traces.map((t) => t.name)).toEqual(['listing run 12']);
    expect((await list('?name=RUN 1&tag=list')).traces).toHaveLength(11); // case-insensitive substring: 1, 10–19
    const since = Date.UTC(2027, 0, 1) + 20_000;
    expect((await list(`?tag=list&since=${since}`)).traces).toHaveLength(5);
    expect((await list(`?tag=list&until=${since}`)).traces).toHaveLength(21);
    expect((await list(`?tag=list&since=${since}&until=${since + 2000}`)).traces).toHaveLength(3);
  });

  it('searches names and payloads with q', async () => {
    expect((await list('?q=zebra')).traces.map((t) => t.name)).toEqual(['listing run 7']);
    expect((await list('?q=pangolin')).traces.map((t) => t.name)).toEqual(['listing run 11']);
    expect((await list('?q=pango')).traces).toHaveLength(1); // prefix match
    expect((await list('?q=listing%20run%2019')).traces.map((t) => t.name)).toContain('listing run 19');
    expect((await list('?q=nothing-like-this-anywhere')).traces).toHaveLength(0);
    expect((await list('?q=%22unbalanced%20AND%20(')).traces).toEqual(expect.any(Array)); // operators are plain words
  });

  it('re-indexes a span or trace whose text changes after it was indexed', async () => {
    const t = newTraceId();
    const s = spanIdOf(1);
    await send([wire.spanStart(t, s, null, T0, { name: 'first name', input: 'ocelot' })]);
    expect((await list('?q=ocelot')).traces.map((x) => x.traceId)).toEqual([t]); // indexes it now
    await send([wire.spanEnd(t, s, T0 + 1, { output: 'capybara', error: { message: 'wombat failure' } })]);
    await send([wire.traceStart(t, T0, { name: 'renamed axolotl' })]);
    for (const word of ['capybara', 'wombat', 'axolotl', 'ocelot']) {
      expect(
        (await list(`?q=${word}`)).traces.map((x) => x.traceId),
        word,
      ).toEqual([t]);
    }
  });

  it('answers 400 naming each bad parameter', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['limit=ten', 'limit'],
      ['status=done', 'status'],
      ['since=yesterday', 'since'],
      ['until=-5', 'until'],
      ['cursor=garbage', 'cursor'],
      ['colour=red', 'colour'],
      ['tag=', 'tag'],
    ]) {
      const { status, body } = await getJson(`${server.url}/api/traces?${query}`);
      expect(status, query).toBe(400);
      expect(body.field, query).toBe(field);
      expect(body.error).toContain(field);
    }
  });
});

describe('one trace, one span', () => {
  it('leaves payloads out unless include=payloads, and previews are short', async () => {
    const t = newTraceId();
    const s = spanIdOf(1);
    const big = 'x'.repeat(50_000);
    await send([
      wire.spanStart(t, s, null, T0, { input: big }),
      wire.spanEnd(t, s, T0 + 1, { output: { text: big } }),
    ]);
    const skeleton = await trace(t);
    const span = skeleton.spans[0] as SpanWithPayloads;
    expect(span.input).toBeUndefined();
    expect(span.inputPreview!.length).toBeLessThanOrEqual(201);
    expect(span.inputBytes).toBe(50_002);
    const full = await trace(t, '?include=payloads');
    expect((full.spans[0] as SpanWithPayloads).input).toBe(big);
    expect((full.spans[0] as SpanWithPayloads).output).toEqual({ text: big });
    const { status } = await getJson(`${server.url}/api/traces/${t}?include=everything`);
    expect(status).toBe(400);
  });

  it('answers 404 with a clear message', async () => {
    const missing = await getJson(`${server.url}/api/traces/${traceIdOf(0xdead)}`);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toContain('No trace');
    const t = newTraceId();
    await send([wire.spanStart(t, spanIdOf(1), null, T0)]);
    const noSpan = await getJson(`${server.url}/api/traces/${t}/spans/${spanIdOf(2)}`);
    expect(noSpan.status).toBe(404);
    expect(noSpan.body).toMatchObject({ field: 'spanId' });
    const noTrace = await getJson(`${server.url}/api/traces/${traceIdOf(0xbeef)}/spans/${spanIdOf(2)}`);
    expect(noTrace.body).toMatchObject({ field: 'traceId' });
  });

  it('keeps microsecond precision in times', async () => {
    const t = newTraceId();
    const s = spanIdOf(1);
    await send([wire.spanStart(t, s, null, T0 + 0.123), wire.spanEnd(t, s, T0 + 1.5)]);
    const span = (await trace(t)).spans[0]!;
    expect(span.startTime).toBe(T0 + 0.123);
    expect(span.durationMs).toBeCloseTo(1.377, 9);
  });
});
