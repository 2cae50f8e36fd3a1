// Bad OTLP input against a real collector: each gets the answer the OTLP/HTTP spec asks for, in
// the request's encoding, the good spans of a mixed request are kept, and the collector stays up.
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCollector } from '../../src/server/collector/index.ts';
import { ExportTraceServiceResponse, RpcStatus } from '../../src/server/ingest/otlp/protoSchema.ts';
import { MAX_SPAN_ATTRIBUTES } from '../../src/server/ingest/otlp/limits.ts';
import { DEPTH_MARKER } from '../../src/server/ingest/otlp/values.ts';
import { PriceBook } from '../../src/server/pricing/index.ts';
import { Store } from '../../src/server/store/index.ts';
import { otlpJsonToProtobuf } from '../fixtures/otlp/toProtobuf.ts';
import { getJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { makeTempDir } from '../helpers/tmp.ts';

const MAX_BODY = 256 * 1024;
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ maxBodyBytes: MAX_BODY });
});

afterAll(async () => {
  await server.close();
});

afterEach(async () => {
  const health = await getJson(`${server.url}/api/health`);
  expect(health.body).toMatchObject({ ok: true });
});

let nextId = 1;
const hex = (n: number, length: number) => n.toString(16).padStart(length, '0');

function span(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const n = nextId++;
  return {
    traceId: hex(n, 32),
    spanId: hex(n, 16),
    name: `span-${n}`,
    kind: 1,
    startTimeUnixNano: '1767225600000000000',
    endTimeUnixNano: '1767225601000000000',
    ...overrides,
  };
}

const request = (spans: unknown[]) => ({
  resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ scope: { name: 't' }, spans }] }],
});

async function post(body: Uint8Array | string, contentType: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}/v1/traces`, {
    method: 'POST',
    headers: { 'Content-Type': contentType, ...headers },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    bytes: new Uint8Array(await response.arrayBuffer()),
  };
}
const postJson = async (value: unknown) => {
  const answer = await post(typeof value === 'string' ? value : JSON.stringify(value), 'application/json');
  return { ...answer, json: JSON.parse(Buffer.from(answer.bytes).toString('utf8')) };
};
const stored = async (traceId: string) =>
  (await getJson(`${server.url}/api/traces/${traceId}?include=payloads`)).body;

describe('content types and undecodable bodies', () => {
  it('answers 415 with a google.rpc.Status for an unknown content type', async () => {
    const answer = await post('hello', 'text/plain');
    expect(answer.status).toBe(415);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(Buffer.from(answer.bytes).toString())).toMatchObject({
      message: expect.stringContaining('application/x-protobuf'),
    });
  });

  it('answers 400 in protobuf for truncated protobuf', async () => {
    const whole = otlpJsonToProtobuf(request([span()]));
    const answer = await post(whole.subarray(0, whole.length - 7), 'application/x-protobuf');
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toBe('application/x-protobuf');
    const status = RpcStatus.toObject(RpcStatus.decode(answer.bytes)) as { code: number; message: string };
    expect(status).toMatchObject({
      code: 3,
      message: expect.stringContaining('not a valid protobuf ExportTraceServiceRequest'),
    });
  });

  it('answers 400 in JSON for JSON that does not parse', async () => {
    const answer = await postJson('{"resourceSpans":[');
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ code: 3, message: expect.stringContaining('not valid JSON') });
  });

  it('accepts a charset suffix and an empty request', async () => {
    const answer = await post('{}', 'application/json; charset=utf-8');
    expect(answer.status).toBe(200);
    expect(Buffer.from(answer.bytes).toString()).toBe('{}');
  });
});

describe('mixed requests keep their good spans', () => {
  it('JSON: invalid ids and absurd times are rejected by count and reason', async () => {
    const good = span();
    const answer = await postJson(
      request([
        span({ traceId: 'not-hex' }),
        good,
        span({ spanId: '0000000000000000' }),
        span({ endTimeUnixNano: '1000' }),
        span({ startTimeUnixNano: '99999999999999999999' }),
      ]),
    );
    expect(answer.status).toBe(200);
    expect(answer.json.partialSuccess.rejectedSpans).toBe('4');
    expect(answer.json.partialSuccess.errorMessage).toContain(
      'resourceSpans[0].scopeSpans[0].spans[0].traceId',
    );
    expect(answer.json.partialSuccess.errorMessage).toContain('spans[2].spanId');
    expect((await stored(good.traceId as string)).trace).toMatchObject({ name: good.name, spanCount: 1 });
  });

  it('protobuf: partialSuccess in an ExportTraceServiceResponse; empty body on full success', async () => {
    const good = span();
    const mixed = await post(
      otlpJsonToProtobuf(request([good, span({ spanId: 'abcd' })])),
      'application/x-protobuf',
    );
    expect(mixed.status).toBe(200);
    const decoded = ExportTraceServiceResponse.toObject(ExportTraceServiceResponse.decode(mixed.bytes), {
      longs: String,
    }) as any;
    expect(decoded.partialSuccess).toMatchObject({
      rejectedSpans: '1',
      errorMessage: expect.stringContaining('spanId must be 8 bytes'),
    });
    expect((await stored(good.traceId as string)).spans).toHaveLength(1);

    const clean = await post(gzipSync(otlpJsonToProtobuf(request([span()]))), 'application/x-protobuf', {
      'Content-Encoding': 'gzip',
    });
    expect(clean.status).toBe(200);
    expect(clean.headers.get('content-type')).toBe('application/x-protobuf');
    expect(clean.bytes.byteLength).toBe(0);
  });
});

describe('hostile shapes are capped, not fatal', () => {
  it('stores a span with 100,000 attributes capped, and says so', async () => {
    const attributes = Array.from({ length: 100_000 }, (_, i) => ({
      key: `a${i}`,
      value: { boolValue: true },
    }));
    const big = span({ attributes });
    const server2 = await startTestServer();
    try {
      const response = await fetch(`${server2.url}/v1/traces`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(request([big])),
      });
      expect(response.status).toBe(200);
      const answer = (await response.json()) as {
        partialSuccess: { rejectedSpans: string; errorMessage: string };
      };
      expect(answer.partialSuccess.rejectedSpans).toBe('0');
      expect(answer.partialSuccess.errorMessage).toMatch(/more than 1024 attributes/);
      const { spans } = (await getJson(`${server2.url}/api/traces/${big.traceId}?include=payloads`)).body;
      expect(spans[0].attributes['spyglass.otlp.capped_attributes']).toBe(100_000 - MAX_SPAN_ATTRIBUTES);
      expect(Object.keys(spans[0].attributes).filter((k) => /^a\d+$/.test(k))).toHaveLength(
        MAX_SPAN_ATTRIBUTES,
      );
    } finally {
      await server2.close();
    }
  });

  it('stores deeply nested values cut at the depth cap', async () => {
    const levels = 5_000; // ~160 KB, under this server's body cap
    const deep = `${'{"arrayValue":{"values":['.repeat(levels)}{"stringValue":"bottom"}${']}}'.repeat(levels)}`;
    const victim = span({ name: 'deep' });
    const body = JSON.stringify(request([victim])).replace(
      '"name":"deep"',
      `"name":"deep","attributes":[{"key":"deep","value":${deep}}]`,
    );
    const answer = await postJson(body);
    expect(answer.status).toBe(200);
    const text = JSON.stringify((await stored(victim.traceId as string)).spans[0].attributes.deep);
    expect(text).toContain(DEPTH_MARKER);
    expect(text).not.toContain('bottom');
  });
});

describe('size caps', () => {
  it('answers 413 for a body over the cap', async () => {
    const attributes = [{ key: 'blob', value: { stringValue: 'x'.repeat(MAX_BODY) } }];
    const answer = await postJson(request([span({ attributes })]));
    expect(answer.status).toBe(413);
    expect(answer.json).toMatchObject({ code: 8, message: expect.stringContaining('larger than') });
  });

  it('answers 413 for a small gzip body that expands past the cap', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
    expect(bomb.byteLength).toBeLessThan(MAX_BODY);
    const answer = await post(bomb, 'application/x-protobuf', { 'Content-Encoding': 'gzip' });
    expect(answer.status).toBe(413);
    expect(RpcStatus.toObject(RpcStatus.decode(answer.bytes))).toMatchObject({ code: 8 });
  });
});

describe('overload', () => {
  it('answers 503 with Retry-After when the writer queue is full', async () => {
    const dir = makeTempDir();
    const store = new Store(dir.file('overload.db'));
    const collector = createCollector({
      store,
      prices: new PriceBook(),
      host: '127.0.0.1',
      uiDir: null,
      allowedOrigins: [],
      maxQueuedItems: 1,
      log: () => {},
    });
    await new Promise<void>((resolve) => collector.server.listen(0, '127.0.0.1', resolve));
    const address = collector.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/v1/traces`;
    try {
      let refused: Response | undefined;
      // Concurrent requests parsed in one turn queue together; past one item the rest are refused.
      for (let round = 0; round < 50 && !refused; round++) {
        const answers = await Promise.all(
          Array.from({ length: 16 }, () =>
            fetch(url, {
              method: 'POST',
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify(request([span()])),
            }),
          ),
        );
        refused = answers.find((r) => r.status === 503);
        await Promise.all(answers.map((r) => r.arrayBuffer()));
      }
      expect(refused?.status).toBe(503);
      expect(refused?.headers.get('retry-after')).toBe('1');
      expect(refused?.headers.get('content-type')).toBe('application/json');
    } finally {
      await collector.close();
      store.close();
      dir.remove();
    }
  });
});
