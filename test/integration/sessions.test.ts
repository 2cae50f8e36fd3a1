// GET /api/sessions rolls up the traces that share a session id (turns, times, tokens, cost,
// errors), newest activity first with cursor paging, and walks the partial session index, never
// the traces that carry no session. GET /api/sessions/:id reads one session's turns in order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NormalizedBatch, SpanPatch, TracePatch } from '../../src/server/ingest/model.ts';
import type { SessionListResponse, SessionResponse } from '../../src/shared/types.ts';
import { getJson, startTestServer, traceIdOf, type TestServer } from '../helpers/server.ts';

const T0 = 1_767_225_600_000_000; // 2026-01-01, µs
const SECOND = 1_000_000;
let server: TestServer;
let next = 1;

/** One trace with one root span; returns its id. */
function turn(
  batch: NormalizedBatch,
  options: {
    startUs: number;
    durationUs?: number | null;
    sessionId?: string;
    userId?: string;
    name?: string;
    tokens?: number;
    costUsd?: number;
    error?: boolean;
    input?: unknown;
    output?: unknown;
    spanInput?: unknown;
    spanOutput?: unknown;
    /** Model calls under the root, each with its payloads (the root has none of its own). */
    llmCalls?: { input: unknown; output: unknown }[];
  },
): string {
  const traceId = traceIdOf(next++);
  const trace: TracePatch = { traceId, name: options.name ?? 'support-agent' };
  if (options.sessionId) trace.sessionId = options.sessionId;
  if (options.userId) trace.userId = options.userId;
  if (options.input !== undefined) trace.input = options.input;
  if (options.output !== undefined) trace.output = options.output;
  batch.traces.push(trace);
  const span: SpanPatch = {
    traceId,
    spanId: '0000000000000001',
    parentSpanId: null,
    name: 'chat',
    type: 'llm',
    model: 'gpt-4o-mini',
    startUs: options.startUs,
    totalTokens: options.tokens ?? 0,
    costUsd: options.costUsd ?? 0,
  };
  if (options.durationUs !== null) span.endUs = options.startUs + (options.durationUs ?? SECOND);
  if (options.error) span.status = 'error';
  if (options.spanInput !== undefined) span.input = options.spanInput;
  if (options.spanOutput !== undefined) span.output = options.spanOutput;
  batch.spans.push(span);
  (options.llmCalls ?? []).forEach((call, i) => {
    batch.spans.push({
      traceId,
      spanId: `00000000000000${String(i + 2).padStart(2, '0')}`,
      parentSpanId: '0000000000000001',
      name: 'chat',
      type: 'llm',
      startUs: options.startUs + (i + 1) * 1_000,
      endUs: options.startUs + (i + 1) * 1_000 + 500,
      input: call.input,
      output: call.output,
    });
  });
  return traceId;
}

const ids: Record<string, string[]> = { ada: [], bob: [], otel: [] };

beforeAll(async () => {
  server = await startTestServer();
  const batch: NormalizedBatch = { traces: [], spans: [], rejected: [] };
  // 2,000 traces with no session: the sessions queries must never read them.
  for (let i = 0; i < 2_000; i++) turn(batch, { startUs: T0 + i * SECOND });
  // Ada's conversation: three turns, the second failed.
  for (let i = 0; i < 3; i++) {
    ids.ada!.push(
      turn(batch, {
        startUs: T0 + (3_000 + i * 10) * SECOND,
        durationUs: 2 * SECOND,
        sessionId: 'conv-ada',
        userId: 'ada',
        name: i === 0 ? 'travel-agent' : 'travel-agent-followup',
        tokens: 100 * (i + 1),
        costUsd: 0.001,
        error: i === 1,
        input: { messages: [{ role: 'user', content: `question ${i}` }] },
        output: `answer ${i}`,
      }),
    );
  }
  // Bob's: two turns, the second still running (the newest activity of all).
  ids.bob!.push(
    turn(batch, {
      startUs: T0 + 3_100 * SECOND,
      sessionId: 'conv-bob',
      userId: 'bob',
      tokens: 7,
      // Payloads only on the model calls (as OTel GenAI instrumentations record them).
      llmCalls: [
        { input: [{ role: 'user', content: 'first call' }], output: 'tool please' },
        { input: [{ role: 'user', content: 'second call' }], output: 'final words' },
      ],
    }),
    turn(batch, { startUs: T0 + 3_200 * SECOND, durationUs: null, sessionId: 'conv-bob', userId: 'bob' }),
  );
  // An OTel-style turn: no trace-level payloads, only the root span's.
  ids.otel!.push(
    turn(batch, {
      startUs: T0 + 2_500 * SECOND,
      sessionId: 'Chat_%_1',
      spanInput: 'from the root span',
      spanOutput: { text: 'root answer' },
    }),
  );
  // 60 one-turn sessions for paging, older than the others.
  for (let i = 0; i < 60; i++)
    turn(batch, { startUs: T0 + (2_100 + i) * SECOND, sessionId: `bulk-${String(i).padStart(2, '0')}` });
  server.store.applyBatches([batch]);
}, 60_000);
afterAll(() => server?.close());

const sessions = async (query: string) =>
  (await getJson<SessionListResponse>(`${server.url}/api/sessions${query ? `?${query}` : ''}`)).body;

describe('GET /api/sessions', () => {
  it('rolls up each session, newest activity first, with the exact total', async () => {
    const page = await sessions('limit=3');
    expect(page.total).toBe(63);
    expect(page.sessions.map((s) => s.sessionId)).toEqual(['conv-bob', 'conv-ada', 'Chat_%_1']);
    const [bob, ada] = page.sessions;
    expect(ada).toEqual({
      sessionId: 'conv-ada',
      userId: 'ada',
      turns: 3,
      runningTurns: 0,
      firstStart: (T0 + 3_000 * SECOND) / 1000,
      lastEnd: (T0 + 3_022 * SECOND) / 1000,
      lastActivity: (T0 + 3_022 * SECOND) / 1000,
      durationMs: 22_000,
      tokens: 600,
      costUsd: 0.003,
      errors: 1,
      firstTraceName: 'travel-agent',
    });
    expect(bob).toMatchObject({
      turns: 2,
      runningTurns: 1,
      lastEnd: (T0 + 3_101 * SECOND) / 1000,
      lastActivity: (T0 + 3_200 * SECOND) / 1000,
      tokens: 7,
      errors: 0,
    });
  });

  it('pages by cursor through every session once, in order', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: SessionListResponse = await sessions(`limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      if (cursor) expect(page.total).toBeUndefined();
      seen.push(...page.sessions.map((s) => s.sessionId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(63);
    expect(new Set(seen).size).toBe(63);
    expect(seen.slice(3, 6)).toEqual(['bulk-59', 'bulk-58', 'bulk-57']);
    expect(seen.at(-1)).toBe('bulk-00');
  });

  it('filters by a substring of the session id (wildcards literal) and by user', async () => {
    expect((await sessions('q=CONV')).sessions.map((s) => s.sessionId)).toEqual(['conv-bob', 'conv-ada']);
    expect((await sessions('q=%25_')).sessions.map((s) => s.sessionId)).toEqual(['Chat_%_1']);
    expect((await sessions('q=bulk-5')).total).toBe(10);
    const bob = await sessions('user=bob');
    expect(bob.sessions.map((s) => s.sessionId)).toEqual(['conv-bob']);
    expect(bob.total).toBe(1);
    expect((await sessions('user=nobody')).sessions).toEqual([]);
  });

  it('answers 400 naming a bad parameter', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['limit=ten', 'limit'],
      ['cursor=bm90LWEtY3Vyc29y', 'cursor'],
      ['user=', 'user'],
      ['session=conv-ada', 'session'],
      ['q=a&q=b', 'q'],
    ] as const) {
      const answer = await getJson(`${server.url}/api/sessions?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.body.field, query).toBe(field);
    }
  });

  it('walks the partial session index (or the user index), never every trace', () => {
    const plan = (query: Parameters<typeof server.store.sessionListStatement>[0]) => {
      const { sql, params } = server.store.sessionListStatement(query);
      return (server.store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[])
        .map((row) => row.detail)
        .join('\n');
    };
    for (const query of [{}, { q: 'conv' }, { cursor: Buffer.from('[1,"x"]').toString('base64url') }]) {
      const detail = plan(query);
      expect(detail).toMatch(/(SCAN|SEARCH) t USING (COVERING )?INDEX traces_by_session/);
      expect(detail).not.toMatch(/SCAN (t|traces)(?! USING)/);
      // Grouping follows the index; only the page's groups are sorted.
      expect(detail).not.toMatch(/USE TEMP B-TREE FOR GROUP BY/);
    }
    const byUser = plan({ user: 'ada' });
    expect(byUser).toMatch(/SEARCH t USING INDEX traces_by_user \(user_id=\?\)/);
    expect(byUser).not.toMatch(/SCAN (t|traces)(?! USING)/);
  });
});

describe('GET /api/sessions/:sessionId', () => {
  it('reads the turns oldest first with their inputs and final outputs', async () => {
    const { status, body } = await getJson<SessionResponse>(`${server.url}/api/sessions/conv-ada`);
    expect(status).toBe(200);
    expect(body.session.turns).toBe(3);
    expect(body.turns.map((t) => t.traceId)).toEqual(ids.ada);
    expect(body.turns.map((t) => t.output)).toEqual(['answer 0', 'answer 1', 'answer 2']);
    expect(body.turns[1]!.input).toEqual({ messages: [{ role: 'user', content: 'question 1' }] });
    expect(body.turns.map((t) => t.status)).toEqual(['success', 'error', 'success']);
    expect(body.nextCursor).toBeNull();
  });

  it("falls back to the root span's payloads when the trace has none; ids are URL-decoded", async () => {
    const { body } = await getJson<SessionResponse>(
      `${server.url}/api/sessions/${encodeURIComponent('Chat_%_1')}`,
    );
    expect(body.turns).toHaveLength(1);
    expect(body.turns[0]).toMatchObject({
      traceId: ids.otel![0],
      input: 'from the root span',
      output: { text: 'root answer' },
    });
  });

  it("falls back to the first model call's input and the last one's output", async () => {
    const { body } = await getJson<SessionResponse>(`${server.url}/api/sessions/conv-bob`);
    expect(body.turns.map((t) => t.traceId)).toEqual(ids.bob);
    expect(body.turns[0]).toMatchObject({
      input: [{ role: 'user', content: 'first call' }],
      output: 'final words',
    });
    expect(body.turns[1]).toMatchObject({ status: 'running', input: null, output: null });
  });

  it('pages turns by cursor, and answers 404 and 400 naming what is wrong', async () => {
    const first = (await getJson<SessionResponse>(`${server.url}/api/sessions/conv-ada?limit=2`)).body;
    expect(first.turns.map((t) => t.traceId)).toEqual(ids.ada!.slice(0, 2));
    const rest = (
      await getJson<SessionResponse>(`${server.url}/api/sessions/conv-ada?limit=2&cursor=${first.nextCursor}`)
    ).body;
    expect(rest.turns.map((t) => t.traceId)).toEqual(ids.ada!.slice(2));
    expect(rest.nextCursor).toBeNull();

    const missing = await getJson(`${server.url}/api/sessions/no-such-session`);
    expect(missing.status).toBe(404);
    expect(missing.body.field).toBe('sessionId');
    for (const [query, field] of [
      ['limit=201', 'limit'],
      ['cursor=WyJ4IiwxXQ', 'cursor'],
      ['q=x', 'q'],
    ] as const) {
      const answer = await getJson(`${server.url}/api/sessions/conv-ada?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.body.field, query).toBe(field);
    }
  });
});
