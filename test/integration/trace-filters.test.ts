// The trace list's model, tag and name filters match substrings (as SPEC says), answer an exact
// total, suggest known values with counts, and run at index speed: a rare filter drives the query
// through its index, a common one walks the newest-first index and stops at the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NormalizedBatch } from '../../src/server/ingest/model.ts';
import { getJson, startTestServer, type TestServer } from '../helpers/server.ts';

const hex = (n: number) => n.toString(16).padStart(32, '0');
const T0 = 1_767_225_600_000_000; // 2026-01-01, µs
let server: TestServer;

/** 3,000 traces: most use gpt-4o-mini, every 500th uses Claude and carries a rare tag. */
function traces(): NormalizedBatch {
  const batch: NormalizedBatch = { traces: [], spans: [], rejected: [] };
  for (let i = 0; i < 3_000; i++) {
    const rare = i % 500 === 0;
    batch.traces.push({
      traceId: hex(i + 1),
      name: rare ? `Billing Agent #${i}` : `support-agent`,
      tags: rare ? ['customer:acme-corp', 'prod'] : ['prod'],
      // Every 1,000th trace is a turn of one conversation, of one user.
      ...(i % 1_000 === 0 ? { sessionId: 'conv-7', userId: 'ada' } : {}),
    });
    batch.spans.push({
      traceId: hex(i + 1),
      spanId: '0000000000000001',
      parentSpanId: null,
      name: 'chat',
      type: 'llm',
      model: rare ? 'claude-3-5-sonnet-20241022' : 'gpt-4o-mini-2024-07-18',
      startUs: T0 + i * 1_000_000,
      endUs: T0 + i * 1_000_000 + 500,
    });
  }
  return batch;
}

beforeAll(async () => {
  server = await startTestServer();
  server.store.applyBatches([traces()]);
}, 60_000);
afterAll(() => server?.close());

const list = async (query: string) => (await getJson(`${server.url}/api/traces?${query}`)).body;

describe('trace list filters', () => {
  it('match substrings of models, tags and names, case-insensitive, with the exact total', async () => {
    for (const model of ['claude', 'CLAUDE-3-5', 'sonnet-2024']) {
      const found = await list(`model=${model}&limit=50`);
      expect(found.total, model).toBe(6);
      expect(found.traces.map((t: { models: string[] }) => t.models[0])).toEqual(
        Array(6).fill('claude-3-5-sonnet-20241022'),
      );
    }
    const gpt = await list('model=gpt&limit=50');
    expect(gpt.total).toBe(2_994);
    expect(gpt.traces).toHaveLength(50);
    expect(gpt.nextCursor).not.toBeNull();
    expect((await list('model=gpt-4o-mini&limit=1')).total).toBe(2_994);
    expect((await list('tag=acme')).total).toBe(6);
    expect((await list('name=billing')).total).toBe(6);
    expect((await list('model=claude&tag=prod&name=agent')).total).toBe(6);
    expect((await list('model=llama')).traces).toEqual([]);
    expect((await list('model=llama')).total).toBe(0);
  });

  it('keeps newest-first order and paging over a substring filter', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(`model=gpt&limit=400${cursor ? `&cursor=${cursor}` : ''}`);
      if (cursor) expect(page.total).toBeUndefined(); // the total comes with the first page
      seen.push(...page.traces.map((t: { traceId: string }) => t.traceId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(2_994);
    expect(new Set(seen).size).toBe(2_994);
    const numbers = seen.map((id) => Number.parseInt(id, 16));
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
  });

  it('suggests known values containing the text, with trace counts, most first', async () => {
    const models = await getJson(`${server.url}/api/values/model?q=`);
    expect(models.status).toBe(200);
    expect(models.body).toEqual({
      values: [
        { value: 'gpt-4o-mini-2024-07-18', traces: 2_994 },
        { value: 'claude-3-5-sonnet-20241022', traces: 6 },
      ],
      listed: true,
    });
    const tags = await getJson(`${server.url}/api/values/tag?q=ACME`);
    expect(tags.body.values).toEqual([{ value: 'customer:acme-corp', traces: 6 }]);
    expect((await getJson(`${server.url}/api/values/colour`)).status).toBe(404);
    expect((await getJson(`${server.url}/api/values/model?limit=0`)).status).toBe(400);
  });

  it('plans a rare filter through its index and a common one along the newest-first index', () => {
    const db = server.store.db;
    const plan = (sql: string, params: Record<string, unknown>) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[])
        .map((r) => r.detail)
        .join('\n');
    // The statements the store runs, captured from its prepare calls.
    const captured: string[] = [];
    const prepare = db.prepare.bind(db);
    db.prepare = ((sql: string) => {
      if (/ORDER BY t\.sort_us DESC/.test(sql)) captured.push(sql);
      return prepare(sql);
    }) as typeof db.prepare;
    try {
      server.store.listTraces({ model: 'claude', limit: 50 });
      server.store.listTraces({ model: 'gpt', limit: 50 });
    } finally {
      db.prepare = prepare;
    }
    const [rare, common] = captured as [string, string];
    const rarePlan = plan(rare, {
      limit: 51,
      modelValues: JSON.stringify(['claude-3-5-sonnet-20241022']),
    });
    // Driven by the model's index: the few traces are looked up by key, never scanned.
    expect(rarePlan).toMatch(/SEARCH trace_models/);
    expect(rarePlan).toMatch(/SEARCH t USING INTEGER PRIMARY KEY/);
    expect(rarePlan).not.toMatch(/SCAN t\b/);
    const commonPlan = plan(common, { limit: 51, modelValues: JSON.stringify(['gpt-4o-mini-2024-07-18']) });
    // Walks traces newest first and stops at the page: no sort of every match, and each trace's
    // model probed by key, not a list of every trace with the model collected first.
    expect(commonPlan).toMatch(/SCAN t USING INDEX traces_by_sort/);
    expect(commonPlan).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
    expect(commonPlan).toMatch(/SEARCH m USING PRIMARY KEY \(model=\? AND trace_pk=\?\)/);
    expect(commonPlan).not.toMatch(/LIST SUBQUERY/);
  });

  it('walks a status newest first through its own index, and counts it as one range', () => {
    const db = server.store.db;
    const captured: string[] = [];
    const prepare = db.prepare.bind(db);
    db.prepare = ((sql: string) => {
      captured.push(sql);
      return prepare(sql);
    }) as typeof db.prepare;
    let answer: ReturnType<typeof server.store.listTraces>;
    try {
      answer = server.store.listTraces({ status: 'success', limit: 5 });
    } finally {
      db.prepare = prepare;
    }
    expect(answer.total).toBe(3_000); // every trace here ended well
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ limit: 6, status: 'success' }) as { detail: string }[])
        .map((r) => r.detail)
        .join('\n');
    const page = plan(captured.find((sql) => /ORDER BY t\.sort_us DESC/.test(sql))!);
    expect(page).toMatch(/SEARCH t USING (COVERING )?INDEX traces_by_status \(status=\?\)/);
    expect(page).not.toMatch(/USE TEMP B-TREE/);
    const count = plan(captured.find((sql) => /count\(\*\)/.test(sql))!);
    expect(count).toMatch(/SEARCH traces USING COVERING INDEX traces_by_status \(status=\?\)/);
  });

  it('counts any combination exactly at /api/traces/count; a page carries what one index range counts', async () => {
    const count = async (query: string) => (await getJson(`${server.url}/api/traces/count?${query}`)).body;
    const cases: [string, number][] = [
      ['', 3_000],
      ['model=gpt', 2_994],
      ['model=claude&tag=acme', 6],
      ['tag=prod&name=billing', 6],
      ['status=success&tag=prod', 3_000],
      ['status=running', 0],
      ['status=error', 0],
      ['user=ada&model=gpt', 0],
      ['model=no-such-model', 0],
      [`since=${T0 / 1000 + 2_000_000}`, 1_000],
    ];
    for (const [query, total] of cases) expect(await count(query), query).toEqual({ total });
    // One index range: the first page carries it. Several filters: the page comes without it.
    expect((await list('tag=prod&limit=10')).total).toBe(3_000);
    expect((await list(`since=${T0 / 1000 + 2_000_000}&limit=10`)).total).toBe(1_000);
    expect((await list('tag=prod&model=gpt&limit=10')).total).toBeUndefined();
    expect((await list('tag=prod&model=gpt&limit=10')).traces).toHaveLength(10);
    // A page that holds every match still knows its total.
    expect((await list('model=claude&tag=acme&limit=10')).total).toBe(6);
    for (const key of ['q=chat', 'limit=5', 'cursor=abc']) {
      const refused = await getJson(`${server.url}/api/traces/count?${key}`);
      expect(refused.status, key).toBe(400);
      expect(refused.body.error, key).toMatch(new RegExp(`"${key.split('=')[0]}"`));
    }
    expect((await getJson(`${server.url}/api/traces/count?colour=red`)).status).toBe(400);
  });

  it('finds a session or user through its own index, newest first, without scanning every trace', async () => {
    const session = await list('session=conv-7');
    expect(session.traces.map((t: { traceId: string }) => t.traceId)).toEqual([
      hex(2_001),
      hex(1_001),
      hex(1),
    ]);
    expect(session.total).toBe(3);
    expect((await list('user=ada&model=claude')).total).toBe(3);
    const db = server.store.db;
    const captured: string[] = [];
    const prepare = db.prepare.bind(db);
    db.prepare = ((sql: string) => {
      if (/ORDER BY t\.sort_us DESC/.test(sql)) captured.push(sql);
      return prepare(sql);
    }) as typeof db.prepare;
    try {
      server.store.listTraces({ session: 'conv-7', model: 'gpt', limit: 50 });
    } finally {
      db.prepare = prepare;
    }
    const detail = (
      db.prepare(`EXPLAIN QUERY PLAN ${captured[0]!}`).all({
        limit: 51,
        session: 'conv-7',
        modelValues: JSON.stringify(['gpt-4o-mini-2024-07-18']),
      }) as { detail: string }[]
    )
      .map((r) => r.detail)
      .join('\n');
    expect(detail).toMatch(/SEARCH t USING INDEX traces_by_session/);
    expect(detail).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
  });
});

describe('the name filter over names that are ids', () => {
  let store: TestServer['store'];
  let ids: TestServer;
  beforeAll(async () => {
    ids = await startTestServer();
    store = ids.store;
    // More distinct names than the filter lists (traceValues.ts MAX_DISTINCT_VALUES).
    const batch: NormalizedBatch = { traces: [], spans: [], rejected: [] };
    for (let i = 0; i < 6_000; i++) {
      batch.traces.push({ traceId: hex(i + 1), name: `Run ${i}` });
      batch.spans.push({
        traceId: hex(i + 1),
        spanId: '0000000000000001',
        parentSpanId: null,
        name: 'chat',
        type: 'llm',
        startUs: T0 + i * 1_000_000,
        endUs: T0 + i * 1_000_000 + 500,
      });
    }
    store.applyBatches([batch]);
  }, 60_000);
  afterAll(() => ids?.close());

  const names = (name: string, limit = 50) => store.listTraces({ name, limit }).traces.map((t) => t.name);

  it('finds a rare substring through the trigram index, newest first, ASCII case folded', () => {
    expect(names('run 424')).toEqual([
      'Run 4249',
      'Run 4248',
      'Run 4247',
      'Run 4246',
      'Run 4245',
      'Run 4244',
      'Run 4243',
      'Run 4242',
      'Run 4241',
      'Run 4240',
      'Run 424',
    ]);
    expect(names('UN 5999')).toEqual(['Run 5999']);
    expect(names('run 6000')).toEqual([]);
    // Shorter than a trigram, and common: walked newest first, row by row.
    expect(names('9', 3)).toEqual(['Run 5999', 'Run 5998', 'Run 5997']);
    expect(names('Run', 2)).toEqual(['Run 5999', 'Run 5998']);
    const captured: string[] = [];
    const prepare = store.db.prepare.bind(store.db);
    store.db.prepare = ((sql: string) => {
      if (/ORDER BY t\.sort_us DESC/.test(sql)) captured.push(sql);
      return prepare(sql);
    }) as typeof store.db.prepare;
    try {
      store.listTraces({ name: 'run 4242' });
    } finally {
      store.db.prepare = prepare;
    }
    const plan = (
      store.db
        .prepare(`EXPLAIN QUERY PLAN ${captured[0]!}`)
        .all({ limit: 51, name: '%run 4242%', nameGrams: '"run 4242"' }) as { detail: string }[]
    )
      .map((r) => r.detail)
      .join('\n');
    expect(plan).toMatch(/SCAN trace_name_grams VIRTUAL TABLE/);
    expect(plan).toMatch(/SEARCH t USING INTEGER PRIMARY KEY/);
    expect(plan).not.toMatch(/traces_by_sort/);
  });

  it('follows a trace renamed after it was stored', () => {
    store.applyBatches([
      { traces: [{ traceId: hex(4243), name: 'Nightly evaluation' }], spans: [], rejected: [] },
    ]);
    expect(names('run 4242')).toEqual([]); // trace 4243 was "Run 4242"
    expect(names('nightly eval')).toEqual(['Nightly evaluation']);
    expect(store.countTraces({ name: 'run 424' })).toBe(10);
  });
});
