// Attribute filters over real OTLP spans: `key`, `key=value`, `key!=value` and numeric
// comparisons, repeatable (each must be met by one of a trace's spans), combined with the other
// filters, paged with the exact total; bad expressions get a 400 naming what is wrong; the keys
// are suggested with their trace counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, postJson, startTestServer, type TestServer } from '../helpers/server.ts';

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const T0 = BigInt(Date.UTC(2026, 0, 1)) * 1_000_000n;
let server: TestServer;

type OtlpValue =
  | { stringValue: string }
  | { intValue: string }
  | { doubleValue: number }
  | { boolValue: boolean };
const value = (v: string | number | boolean): OtlpValue =>
  typeof v === 'string'
    ? { stringValue: v }
    : typeof v === 'boolean'
      ? { boolValue: v }
      : Number.isInteger(v)
        ? { intValue: String(v) }
        : { doubleValue: v };

/**
 * 40 traces of two spans each. The root says which tenant ran it; the LLM child records its
 * temperature (a double), max tokens (an int) and whether it streamed (a boolean). Every 10th
 * trace is from tenant "acme" and runs hot (temperature 0.9); the rest are "globex" at 0.2.
 */
function otlpRequest() {
  const spans = [];
  for (let i = 0; i < 40; i++) {
    const traceId = hex(i + 1, 32);
    const start = T0 + BigInt(i) * 1_000_000_000n;
    const acme = i % 10 === 0;
    spans.push(
      {
        traceId,
        spanId: hex(i * 2 + 1, 16),
        name: `agent-${i}`,
        startTimeUnixNano: String(start),
        endTimeUnixNano: String(start + 900_000_000n),
        attributes: [{ key: 'app.tenant', value: value(acme ? 'acme' : 'globex') }],
      },
      {
        traceId,
        spanId: hex(i * 2 + 2, 16),
        parentSpanId: hex(i * 2 + 1, 16),
        name: 'chat',
        startTimeUnixNano: String(start + 100_000_000n),
        endTimeUnixNano: String(start + 800_000_000n),
        attributes: [
          { key: 'gen_ai.system', value: value('openai') },
          { key: 'gen_ai.request.temperature', value: value(acme ? 0.9 : 0.2) },
          { key: 'gen_ai.request.max_tokens', value: value(100 * (i + 1)) },
          { key: 'app.streamed', value: value(i % 2 === 0) },
        ],
      },
    );
  }
  return { resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ scope: { name: 't' }, spans }] }] };
}

beforeAll(async () => {
  server = await startTestServer();
  const sent = await postJson(`${server.url}/v1/traces`, otlpRequest());
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

  it('pages newest first with the exact total on the first page', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let first = true;
    do {
      const answer: { body: { total?: number; nextCursor: string | null; traces: { traceId: string }[] } } =
        await getJson(
          `${server.url}/api/traces?attr=app.streamed%3Dtrue&limit=7${cursor ? `&cursor=${cursor}` : ''}`,
        );
      if (first) expect(answer.body.total).toBe(20);
      else expect(answer.body.total).toBeUndefined();
      first = false;
      seen.push(...ids(answer.body));
      cursor = answer.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...Array(20).keys()].map((k) => 38 - k * 2));
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
