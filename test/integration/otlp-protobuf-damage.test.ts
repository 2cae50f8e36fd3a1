// OTLP protobuf with one damaged span: a string that is not UTF-8, or a value nested deeper than
// protobuf's 100-message limit, rejects that span (partialSuccess) and the request's other spans
// are stored, as OTLP/JSON already does. Damage outside the spans still rejects the request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import protobuf from 'protobufjs';
import { ExportTraceServiceResponse, Span as SpanType } from '../../src/server/ingest/otlp/protoSchema.ts';
import { getJson, spanIdOf, startTestServer, traceIdOf, type TestServer } from '../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const TRACE = traceIdOf(0x16);
const span = (n: number, name: string, attributes: unknown[] = []) => ({
  traceId: TRACE,
  spanId: spanIdOf(n),
  name,
  kind: 1,
  startTimeUnixNano: '1767225600000000000',
  endTimeUnixNano: '1767225601000000000',
  attributes,
});

/** A length-delimited field: tag, length, bytes. */
function field(number: number, bytes: Uint8Array): Uint8Array {
  return protobuf.Writer.create()
    .uint32((number << 3) | 2)
    .bytes(bytes)
    .finish();
}
const text = (s: string) => Buffer.from(s, 'utf8');

/**
 * Span.attributes (field 9) holding one KeyValue whose AnyValue is kvlists nested `levels` deep
 * (3 messages a level), written by hand: protobufjs refuses to encode past its depth limit too.
 */
function deepAttribute(levels: number): Uint8Array {
  let value: Uint8Array = field(1, text('bottom')); // AnyValue.string_value
  for (let i = 0; i < levels; i++) {
    const keyValue = Buffer.concat([field(1, text('k')), field(2, value)]);
    value = field(6, field(1, keyValue)); // AnyValue.kvlist_value { values: [keyValue] }
  }
  return field(9, Buffer.concat([field(1, text('deep')), field(2, value)]));
}

function encodeSpan(s: ReturnType<typeof span>, extra: Uint8Array = new Uint8Array()): Uint8Array {
  const ids = { traceId: Buffer.from(s.traceId, 'hex'), spanId: Buffer.from(s.spanId, 'hex') };
  const bytes = SpanType.encode(SpanType.fromObject({ ...s, ...ids })).finish();
  return Buffer.concat([bytes, extra]);
}

/** ExportTraceServiceRequest { resourceSpans: [{ resource, scopeSpans: [{ scope, spans }] }] }, by hand. */
function request(resource: Uint8Array, spans: Uint8Array[]): Buffer {
  const scopeSpans = Buffer.concat([field(1, field(1, text('scope'))), ...spans.map((b) => field(2, b))]);
  return Buffer.from(field(1, Buffer.concat([field(1, resource), field(2, scopeSpans)])));
}
const serviceResource = (name: string) =>
  field(1, Buffer.concat([field(1, text('service.name')), field(2, field(1, text(name)))]));

async function post(body: Uint8Array) {
  const response = await fetch(`${server.url}/v1/traces`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-protobuf' },
    body: new Uint8Array(body),
  });
  return { status: response.status, bytes: new Uint8Array(await response.arrayBuffer()) };
}

describe('OTLP protobuf with a damaged span', () => {
  it('rejects the damaged spans with their reasons and stores the good ones', async () => {
    const bytes = request(serviceResource('svc'), [
      encodeSpan(span(1, 'good one')),
      encodeSpan(span(2, 'BROKEN-NAME')),
      encodeSpan(span(3, 'too deep'), deepAttribute(40)),
      encodeSpan(span(4, 'good two')),
    ]);
    // Two bytes that can never appear in UTF-8, written over the second span's name.
    const at = bytes.indexOf('BROKEN-NAME');
    bytes[at] = 0xff;
    bytes[at + 1] = 0xfe;

    const answer = await post(bytes);
    expect(answer.status).toBe(200);
    const response = ExportTraceServiceResponse.toObject(ExportTraceServiceResponse.decode(answer.bytes), {
      longs: Number,
    }) as { partialSuccess?: { rejectedSpans?: number; errorMessage?: string } };
    expect(response.partialSuccess?.rejectedSpans).toBe(2);
    expect(response.partialSuccess?.errorMessage).toContain('resourceSpans[0].scopeSpans[0].spans[1]');
    expect(response.partialSuccess?.errorMessage).toContain('not valid UTF-8');
    expect(response.partialSuccess?.errorMessage).toContain('resourceSpans[0].scopeSpans[0].spans[2]');
    expect(response.partialSuccess?.errorMessage).toContain('nested more than 100 messages deep');

    const trace = await getJson(`${server.url}/api/traces/${TRACE}`);
    expect(trace.status).toBe(200);
    expect(trace.body.spans.map((s: { name: string }) => s.name).sort()).toEqual(['good one', 'good two']);
  });

  it('still answers 400 when the damage is outside every span', async () => {
    const bytes = request(serviceResource('BROKEN'), [encodeSpan(span(5, 'fine'))]);
    const at = bytes.indexOf('BROKEN');
    bytes[at] = 0xff;
    expect((await post(bytes)).status).toBe(400);
  });
});
