// Attribute filters over real OTLP spans: `key`, `key=value`, `key!=value` and numeric
// comparisons, repeatable (each must be met by one of a trace's spans), combined with the other
// filters, paged with the exact total; bad expressions get a 400 naming what is wrong; the keys
// are suggested with their trace counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attributeTracesRequest } from '../helpers/attributeTraces.ts';
import { getJson, postJson, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  const sent = await postJson(`${server.url}/v1/traces`, attributeTracesRequest(Date.UTC(2026, 0, 1)));
  expect(sent.status).toBe(200);
}, 60_000);
afterAll(() => server?.close());

const list = async (...attr: string[]) => {
  const query = attr.map((a) => `attr=${encodeURIComponent(a)}`).join('&');
  return getJson(`${server.url}/api/traces?${query}`);
};
const ids = (body: { traces: { traceId: string }[] }) =>
  body.traces.map((t) => Number.parseInt(t.traceId, 16) - 1);

describe('attribute filters on the trace list', () => {
  it('matches a key that exists, text equality and inequality', async () => {
    expect((await list('app.tenant')).body.total).toBe(40);
    expect((await list('no.such.key')).body).toMatchObject({ traces: [], total: 0 });
    const acme = (await list('app.tenant=acme')).body;
    expect(acme.total).toBe(4);
    expect(ids(acme)).toEqual([30, 20, 10, 0]);
    expect((await list('app.tenant!=acme')).body.total).toBe(36);
    // Spacing around the operator is the user's, not part of the key or value.
    expect((await list(' app.tenant = acme ')).body.total).toBe(4);
    expect((await list('app.tenant=Acme')).body.total).toBe(0);
  });

  it('compares numbers as numbers, ints and doubles alike, and booleans as true/false', async () => {
    expect((await list('gen_ai.request.temperature>0.5')).body.total).toBe(4);
    expect((await list('gen_ai.request.temperature<=0.2')).body.total).toBe(36);
    expect((await list('gen_ai.request.temperature=0.9')).body.total).toBe(4);
    // 100 × (i+1): 1000 and up is i ≥ 9, numerically (as text "900" > "1000").
    expect((await list('gen_ai.request.max_tokens>=1000')).body.total).toBe(31);
    expect((await list('gen_ai.request.max_tokens<300')).body.total).toBe(2);
    expect((await list('app.streamed=true')).body.total).toBe(20);
    expect((await list('app.streamed!=true')).body.total).toBe(20);
    // A text attribute is never ordered as a number.
    expect((await list('app.tenant>0')).body.total).toBe(0);
  });

  it('needs every filter met (each by some span) and combines with the other filters', async () => {
    // The tenant is on the root, the temperature on its child: one trace, two spans.
    const hot = (await list('app.tenant=acme', 'gen_ai.request.temperature>0.5')).body;
    expect(hot.total).toBe(4);
    expect((await list('app.tenant=globex', 'gen_ai.request.temperature>0.5')).body.total).toBe(0);
    const named = await getJson(
      `${server.url}/api/traces?attr=${encodeURIComponent('app.tenant=acme')}&name=agent-2`,
    );
    expect(ids(named.body)).toEqual([20]);
  });

  it('pages newest first, and counts the matches exactly on their own', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let first = true;
    do {
      const answer: { body: { total?: number; nextCursor: string | null; traces: { traceId: string }[] } } =
        await getJson(
          `${server.url}/api/traces?attr=app.streamed%3Dtrue&limit=7${cursor ? `&cursor=${cursor}` : ''}`,
        );
      // Counting means testing every trace: not worth holding the page up for.
      expect(answer.body.total).toBeUndefined();
      first = false;
      seen.push(...ids(answer.body));
      cursor = answer.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...Array(20).keys()].map((k) => 38 - k * 2));
    expect(first).toBe(false);
    const count = await getJson(`${server.url}/api/traces/count?attr=app.streamed%3Dtrue`);
    expect(count.body).toEqual({ total: 20 });
  });

  it('answers a bad expression with a 400 naming what is wrong', async () => {
    const cases: [string[], RegExp][] = [
      [['temperature>warm'], /needs a number \(got "warm"\)/],
      [['=acme'], /no attribute key/],
      [['app.tenant='], /no value after "="/],
      [[''], /is empty/],
      [['a"b=1'], /quote/],
      [Array(9).fill('app.tenant'), /at most 8/],
    ];
    for (const [attr, message] of cases) {
      const answer = await list(...attr);
      expect(answer.status, attr.join('&')).toBe(400);
      expect(answer.body.field).toBe('attr');
      expect(answer.body.error).toMatch(/Query parameter "attr"/);
      expect(answer.body.error).toMatch(message);
    }
  });

  it('suggests the attribute keys it has seen, with how many traces hold each', async () => {
    const answer = await getJson(`${server.url}/api/values/attr?q=GEN_AI.REQUEST`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      values: [
        { value: 'gen_ai.request.max_tokens', traces: 40 },
        { value: 'gen_ai.request.temperature', traces: 40 },
      ],
      listed: true,
    });
    const all = (await getJson(`${server.url}/api/values/attr?q=`)).body.values.map(
      (v: { value: string }) => v.value,
    );
    expect(all).toEqual(expect.arrayContaining(['app.tenant', 'app.streamed', 'gen_ai.system']));
  });
});
