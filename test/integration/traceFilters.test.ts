// The trace list's filters against a real collector and SQLite file: name, model and tag match
// substrings (case-insensitive), the answer carries the exact total, and /api/trace-values lists
// the known values with their counts for the filters' suggestions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TraceListResponse, TraceValuesResponse } from '../../src/shared/types.ts';
import {
  getJson,
  ingestRequest,
  postIngest,
  spanIdOf,
  startTestServer,
  type TestServer,
  traceIdOf,
  wire,
} from '../helpers/server.ts';

let server: TestServer;
const T0 = Date.now() - 3_600_000;
// 12 traces: models alternate between two dated names, tags by thirds, names by halves.
const MODELS = ['claude-3-5-sonnet-20241022', 'gpt-4o-mini-2024-07-18'];
const TAGS = ['prod-eu', 'staging', 'prod-us'];

beforeAll(async () => {
  server = await startTestServer();
  const events = [];
  for (let i = 0; i < 12; i++) {
    const t = traceIdOf(100 + i);
    events.push(
      wire.traceStart(t, T0 + i * 1000, {
        name: i < 6 ? 'checkout-agent' : 'Support Agent',
        tags: [TAGS[i % 3]!],
      }),
      wire.spanStart(t, spanIdOf(1), null, T0 + i * 1000, { type: 'llm', model: MODELS[i % 2]! }),
      wire.spanEnd(t, spanIdOf(1), T0 + i * 1000 + 10),
      wire.traceEnd(t, T0 + i * 1000 + 20),
    );
  }
  const answer = await postIngest(server.url, ingestRequest(events));
  expect(answer.status).toBe(200);
});

afterAll(async () => {
  await server?.close();
});

const list = (query: string) => getJson<TraceListResponse>(`${server.url}/api/traces?${query}`);

describe('trace list filters', () => {
  it('matches model, tag and name substrings, case-insensitively, with the exact total', async () => {
    expect((await list('model=claude')).body.total).toBe(6);
    expect((await list('model=gpt-4o-mini')).body.total).toBe(6);
    expect((await list('model=GPT')).body.total).toBe(6);
    expect((await list('model=4o')).body.traces.every((t) => t.traceId >= traceIdOf(100))).toBe(true);
    expect((await list('model=nothing-like-it')).body).toEqual({ traces: [], nextCursor: null, total: 0 });
    expect((await list('tag=prod')).body.total).toBe(8);
    expect((await list('tag=prod-eu')).body.total).toBe(4);
    expect((await list('name=support')).body.total).toBe(6);
    expect((await list('name=agent&model=claude&tag=prod')).body.total).toBe(4);
  });

  it('pages with a cursor while the total stays the count of every match', async () => {
    const first = (await list('limit=5')).body;
    expect(first.traces).toHaveLength(5);
    expect(first.total).toBe(12);
    const second = (await list(`limit=5&cursor=${encodeURIComponent(first.nextCursor!)}`)).body;
    expect(second.total).toBe(12);
    expect(second.traces[0]!.startTime).toBeLessThan(first.traces[4]!.startTime!);
  });

  it('lists known values with counts, most used first, filtered by substring', async () => {
    const models = (await getJson<TraceValuesResponse>(`${server.url}/api/trace-values?field=model`)).body;
    expect(models.values).toEqual([
      { value: MODELS[0], count: 6 },
      { value: MODELS[1], count: 6 },
    ]);
    const tags = (await getJson<TraceValuesResponse>(`${server.url}/api/trace-values?field=tag&q=PROD`)).body;
    expect(tags.values).toEqual([
      { value: 'prod-eu', count: 4 },
      { value: 'prod-us', count: 4 },
    ]);
    const names = (await getJson<TraceValuesResponse>(`${server.url}/api/trace-values?field=name&limit=1`))
      .body;
    expect(names.values).toHaveLength(1);
    const bad = await getJson(`${server.url}/api/trace-values?field=span`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('field');
  });
});
