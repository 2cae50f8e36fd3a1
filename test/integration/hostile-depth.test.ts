// A value nested 10,000 levels deep, on each of the five ways in (SDK over HTTP and WebSocket,
// OTLP JSON and protobuf, file import): the span is stored with the deep part cut at a marker, the
// good span of the same batch is kept, and nothing answers 500. Bodies are written as text: the
// test itself cannot JSON.stringify such a value either.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, depthMarker } from '../../src/server/ingest/boundDepth.ts';
import { otlpJsonToProtobuf } from '../fixtures/otlp/toProtobuf.ts';
import {
  connectWs,
  getJson,
  ingestRequest,
  spanIdOf,
  startTestServer,
  traceIdOf,
  wire,
  type TestServer,
} from '../helpers/server.ts';

const LEVELS = 10_000;
const DEEP = `${'{"a":['.repeat(LEVELS)}"bottom"${']}'.repeat(LEVELS)}`;
const PLACEHOLDER = '"__DEEP__"';
const MARKER = depthMarker(MAX_JSON_DEPTH);
const T0 = 1_767_225_600_000;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

/** An SDK batch: a good span and one whose input is the deep value. */
function sdkBatchText(trace: number): string {
  const traceId = traceIdOf(trace);
  const events = [
    wire.traceStart(traceId, T0),
    wire.spanStart(traceId, spanIdOf(trace * 10 + 1), null, T0 + 1, { name: 'good' }),
    wire.spanStart(traceId, spanIdOf(trace * 10 + 2), null, T0 + 2, {
      name: 'deep',
      input: '__DEEP__',
      attributes: { nested: '__DEEP__' },
    }),
  ];
  return JSON.stringify(ingestRequest(events)).replaceAll(PLACEHOLDER, DEEP);
}

async function spansOf(trace: number): Promise<Array<Record<string, any>>> {
  const answer = await getJson(`${server.url}/api/traces/${traceIdOf(trace)}?include=payloads`);
  expect(answer.status).toBe(200);
  return answer.body.spans;
}

/** Walks down the `a` chain of a stored deep value to its end, which must be the marker. */
function bottomOf(value: unknown): unknown {
  let node = value;
  let levels = 0;
  while (typeof node === 'object' && node !== null) {
    // The cut lands on the object's array or on the array's object, whichever reaches the limit.
    const inner = (node as { a: unknown }).a;
    node = Array.isArray(inner) ? inner[0] : inner;
    levels++;
  }
  expect(levels).toBeLessThanOrEqual(MAX_JSON_DEPTH);
  return node;
}

async function expectGoodAndCut(trace: number, deepField: 'input' | 'attributes' = 'input'): Promise<void> {
  const spans = await spansOf(trace);
  expect(spans.map((s) => s.name).sort()).toEqual(['deep', 'good']);
  const deep = spans.find((s) => s.name === 'deep')!;
  const value = deepField === 'input' ? deep.input : deep.attributes;
  expect(bottomOf(deepField === 'input' ? value : value.nested)).toBe(MARKER);
}

/** An OTLP/JSON request: a good span and an OpenInference span whose input.value is deep JSON text. */
function otlpRequest(trace: number): Record<string, unknown> {
  const traceId = traceIdOf(trace);
  const span = (n: number, name: string, attributes: unknown[]) => ({
    traceId,
    spanId: spanIdOf(trace * 10 + n),
    name,
    kind: 1,
    startTimeUnixNano: '1767225600000000000',
    endTimeUnixNano: '1767225601000000000',
    attributes,
  });
  const str = (key: string, value: string) => ({ key, value: { stringValue: value } });
  return {
    resourceSpans: [
      {
        resource: { attributes: [str('service.name', 'deep')] },
        scopeSpans: [
          {
            scope: { name: 't' },
            spans: [
              span(1, 'good', []),
              span(2, 'deep', [
                str('openinference.span.kind', 'CHAIN'),
                str('input.value', DEEP),
                str('input.mime_type', 'application/json'),
              ]),
            ],
          },
        ],
      },
    ],
  };
}

describe('a value nested 10,000 levels deep', () => {
  it('over SDK HTTP: 200, the good span kept, the deep input and attributes cut at a marker', async () => {
    const response = await fetch(`${server.url}/api/ingest`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: sdkBatchText(1),
    });
    expect(response.status).toBe(200);
    await expectGoodAndCut(1, 'input');
    await expectGoodAndCut(1, 'attributes');
  });

  it('over the SDK WebSocket: acknowledged, both spans kept', async () => {
    const socket = await connectWs(server.url);
    try {
      const batch = sdkBatchText(2);
      socket.ws.send(`{"type":"ingest","id":7,"batch":${batch}}`);
      const ack = await socket.next((m) => 'id' in m && m.id === 7, 20_000);
      expect(ack).toMatchObject({ type: 'ack', accepted: 3 });
      await expectGoodAndCut(2);
    } finally {
      await socket.close();
    }
  });

  it('as OTLP/JSON input.value with an application/json mime type: 200, both spans kept', async () => {
    const response = await fetch(`${server.url}/v1/traces`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(otlpRequest(3)),
    });
    expect(response.status).toBe(200);
    await expectGoodAndCut(3);
  });

  it('as OTLP protobuf input.value: 200, both spans kept', async () => {
    const response = await fetch(`${server.url}/v1/traces`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-protobuf' },
      body: new Uint8Array(otlpJsonToProtobuf(otlpRequest(4))),
    });
    expect(response.status).toBe(200);
    await expectGoodAndCut(4);
  });

  it('in an imported Spyglass file: imported, both spans kept', async () => {
    // A real export of a small trace, with the deep value put into one span's input.
    const traceId = traceIdOf(5);
    const events = [
      wire.traceStart(traceId, T0),
      wire.spanStart(traceId, spanIdOf(51), null, T0 + 1, { name: 'good' }),
      wire.spanStart(traceId, spanIdOf(52), null, T0 + 2, { name: 'deep', input: '__DEEP__' }),
    ];
    const ingested = await fetch(`${server.url}/api/ingest`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(ingestRequest(events)),
    });
    expect(ingested.status).toBe(200);
    const exported = await fetch(`${server.url}/api/traces/${traceId}/export?format=spyglass`);
    expect(exported.status).toBe(200);
    const file = (await exported.text()).replaceAll(traceId, traceIdOf(6)).replaceAll(PLACEHOLDER, DEEP);
    const imported = await fetch(`${server.url}/api/import`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: file,
    });
    expect(imported.status).toBe(200);
    await expectGoodAndCut(6);
  });
});
