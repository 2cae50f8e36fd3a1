// OTLP wire decoding: the JSON mapping's tolerances, every AnyValue form, protobuf specifics,
// and bad input (rejected per span with a field path, the rest kept; caps instead of hangs).
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { decodeJson } from '../../src/server/ingest/otlp/decodeJson.ts';
import { decodeProtobuf } from '../../src/server/ingest/otlp/decodeProtobuf.ts';
import { ingestOtlpTraces, OtlpDecodeError } from '../../src/server/ingest/otlp/index.ts';
import { MAX_SPAN_ATTRIBUTES } from '../../src/server/ingest/otlp/limits.ts';
import { DEPTH_MARKER, MAX_VALUE_DEPTH } from '../../src/server/ingest/otlp/values.ts';
import { otlpJsonToProtobuf } from '../fixtures/otlp/toProtobuf.ts';

const TRACE = '5b8efff798038103d269b633813fc60c';
const START = '1767225600000000000';
const END = '1767225601000000000';

function span(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    traceId: TRACE,
    spanId: 'eee19b7ec3c1b174',
    name: 'work',
    kind: 1,
    startTimeUnixNano: START,
    endTimeUnixNano: END,
    ...overrides,
  };
}

function request(spans: unknown[], resourceAttributes: unknown[] = []): Record<string, unknown> {
  return {
    resourceSpans: [
      { resource: { attributes: resourceAttributes }, scopeSpans: [{ scope: { name: 'test' }, spans }] },
    ],
  };
}

const json = (value: unknown) => decodeJson(JSON.stringify(value));

describe('OTLP/JSON ids and times', () => {
  it('lowercases hex ids and treats an all-zero parent as a root', () => {
    const out = json(
      request([
        span({ traceId: TRACE.toUpperCase(), spanId: 'EEE19B7EC3C1B174', parentSpanId: '0000000000000000' }),
      ]),
    );
    expect(out.spans[0]).toMatchObject({ traceId: TRACE, spanId: 'eee19b7ec3c1b174', parentSpanId: null });
  });

  it('accepts base64 ids from generic proto3 JSON writers', () => {
    const traceB64 = Buffer.from(TRACE, 'hex').toString('base64');
    const spanB64 = Buffer.from('eee19b7ec3c1b174', 'hex').toString('base64');
    expect(json(request([span({ traceId: traceB64, spanId: spanB64 })])).spans[0]).toMatchObject({
      traceId: TRACE,
      spanId: 'eee19b7ec3c1b174',
    });
  });

  it('converts nanoseconds exactly through BigInt, from strings and from numbers', () => {
    const exact = json(
      request([span({ startTimeUnixNano: '1767225600123456789', endTimeUnixNano: '1767225600123457999' })]),
    );
    expect(exact.spans[0]).toMatchObject({ startUs: 1767225600123456, endUs: 1767225600123457 });
    const asNumbers = json(
      request([span({ startTimeUnixNano: 1767225600000000000, endTimeUnixNano: 1767225601000000000 })]),
    );
    expect(asNumbers.spans[0]).toMatchObject({ startUs: 1767225600000000, endUs: 1767225601000000 });
  });

  it('keeps times finer than a microsecond exactly, as attributes beside the microsecond times', () => {
    const body = JSON.stringify(
      request([span({ startTimeUnixNano: '1767225600123456789', endTimeUnixNano: '1767225600123456999' })]),
    );
    const [patch] = ingestOtlpTraces(Buffer.from(body), 'json').batch.spans;
    expect(patch).toMatchObject({ startUs: 1767225600123456, endUs: 1767225600123456 });
    expect(patch!.attributes).toMatchObject({
      'otel.start_time_unix_nano': '1767225600123456789',
      'otel.end_time_unix_nano': '1767225600123456999',
    });
    const whole = ingestOtlpTraces(Buffer.from(JSON.stringify(request([span()]))), 'json').batch.spans[0]!;
    expect(Object.keys(whole.attributes!).filter((key) => key.endsWith('_unix_nano'))).toEqual([]);
  });

  it('reads snake_case keys and enum names', () => {
    const raw = {
      resource_spans: [
        {
          scope_spans: [
            {
              spans: [
                {
                  trace_id: TRACE,
                  span_id: 'eee19b7ec3c1b174',
                  parent_span_id: 'eee19b7ec3c1b175',
                  name: 'snake',
                  kind: 'SPAN_KIND_CLIENT',
                  start_time_unix_nano: START,
                  end_time_unix_nano: END,
                  status: { code: 'STATUS_CODE_ERROR', message: 'boom' },
                  attributes: [{ key: 'n', value: { int_value: '7' } }],
                },
              ],
            },
          ],
        },
      ],
    };
    expect(json(raw).spans[0]).toMatchObject({
      parentSpanId: 'eee19b7ec3c1b175',
      kind: 3,
      statusCode: 2,
      statusMessage: 'boom',
      attributes: { n: 7 },
    });
  });

  it('keeps a span with no end time open', () => {
    const out = ingestOtlpTraces(
      Buffer.from(JSON.stringify(request([span({ endTimeUnixNano: '0' })]))),
      'json',
    );
    expect(out.batch.spans[0]!.endUs).toBeUndefined();
    expect(out.batch.spans[0]!.status).toBeUndefined();
  });
});

describe('AnyValue', () => {
  const attrs = (attributes: unknown[]) => json(request([span({ attributes })])).spans[0]!.attributes;

  it('decodes every form', () => {
    const out = attrs([
      { key: 's', value: { stringValue: 'text' } },
      { key: 'b', value: { boolValue: true } },
      { key: 'i', value: { intValue: '42' } },
      { key: 'inum', value: { intValue: 43 } },
      { key: 'big', value: { intValue: '9007199254740993' } },
      { key: 'd', value: { doubleValue: 0.25 } },
      { key: 'nan', value: { doubleValue: 'NaN' } },
      { key: 'arr', value: { arrayValue: { values: [{ stringValue: 'a' }, { intValue: '1' }, {}] } } },
      {
        key: 'kv',
        value: {
          kvlistValue: {
            values: [
              { key: 'x', value: { boolValue: false } },
              { key: 'y', value: { arrayValue: {} } },
            ],
          },
        },
      },
      { key: 'bytes', value: { bytesValue: 'aGVsbG8=' } },
      { key: 'empty', value: {} },
    ]);
    expect(out).toEqual({
      s: 'text',
      b: true,
      i: 42,
      inum: 43,
      big: '9007199254740993',
      d: 0.25,
      nan: 'NaN',
      arr: ['a', 1, null],
      kv: { x: false, y: [] },
      bytes: 'aGVsbG8=',
      empty: null,
    });
  });

  it('keeps a "__proto__" key as data, never as a prototype', () => {
    const out = attrs([
      {
        key: '__proto__',
        value: { kvlistValue: { values: [{ key: 'polluted', value: { boolValue: true } }] } },
      },
    ]);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({ polluted: true });
  });

  it('cuts nesting deeper than the cap with a marker instead of recursing on', () => {
    // Built as text: 100,000 levels are too deep for JSON.stringify itself.
    const levels = 100_000;
    const deep = `${'{"arrayValue":{"values":['.repeat(levels)}{"stringValue":"bottom"}${']}}'.repeat(levels)}`;
    const body = JSON.stringify(request([span()])).replace(
      '"name":"work"',
      `"name":"work","attributes":[{"key":"deep","value":${deep}}]`,
    );
    const out = decodeJson(body).spans[0]!.attributes;
    let node = out.deep;
    let depth = 0;
    while (Array.isArray(node)) {
      node = node[0];
      depth++;
    }
    expect(depth).toBe(MAX_VALUE_DEPTH);
    expect(node).toBe(DEPTH_MARKER);
  });

  it('reads at most the attribute cap of 100,000 attributes and counts the rest', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => ({
      key: `k${i}`,
      value: { intValue: String(i) },
    }));
    const result = ingestOtlpTraces(
      Buffer.from(JSON.stringify(request([span({ attributes: many })]))),
      'json',
    );
    const stored = result.batch.spans[0]!;
    expect(stored.attributes?.k0).toBe(0);
    expect(stored.attributes?.[`k${MAX_SPAN_ATTRIBUTES - 1}`]).toBe(MAX_SPAN_ATTRIBUTES - 1);
    expect(stored.attributes?.[`k${MAX_SPAN_ATTRIBUTES}`]).toBeUndefined();
    expect(stored.attributes?.['spyglass.otlp.capped_attributes']).toBe(100_000 - MAX_SPAN_ATTRIBUTES);
    expect(result.rejectedSpans).toBe(0);
    expect(result.message).toMatch(/more than 1024 attributes/);
  });
});

describe('bad spans are rejected one by one, with the field to blame', () => {
  const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['short traceId', { traceId: 'abc' }, 'traceId', /32 hex characters/],
    ['all-zero traceId', { traceId: '0'.repeat(32) }, 'traceId', /all zeros/],
    ['missing spanId', { spanId: undefined }, 'spanId', /missing/],
    ['non-hex spanId', { spanId: 'zzzzzzzzzzzzzzzz' }, 'spanId', /16 hex characters/],
    ['wrong-length parentSpanId', { parentSpanId: 'abcd' }, 'parentSpanId', /16 hex/],
    [
      'end before start',
      { endTimeUnixNano: '1767225599000000000' },
      'endTimeUnixNano',
      /before startTimeUnixNano/,
    ],
    ['year after 2200', { endTimeUnixNano: '9000000000000000000' }, 'endTimeUnixNano', /after 2200/],
    [
      'milliseconds instead of nanoseconds',
      { startTimeUnixNano: '1767225600000' },
      'startTimeUnixNano',
      /nanoseconds since the Unix epoch/,
    ],
    ['missing start', { startTimeUnixNano: undefined }, 'startTimeUnixNano', /missing/],
    [
      'non-numeric time',
      { startTimeUnixNano: 'yesterday' },
      'startTimeUnixNano',
      /integer number of nanoseconds/,
    ],
  ];

  it.each(cases)('%s', (_label, overrides, field, message) => {
    const good = span({ spanId: 'eee19b7ec3c1b175', name: 'good' });
    const out = json(request([good, span(overrides)]));
    expect(out.spans.map((s) => s.name)).toEqual(['good']);
    expect(out.rejected).toEqual([
      { field: `resourceSpans[0].scopeSpans[0].spans[1].${field}`, message: expect.stringMatching(message) },
    ]);
  });

  it('reports the count and the reasons for the partialSuccess message', () => {
    const body = JSON.stringify(request([span(), span({ spanId: 'bad' }), span({ traceId: 'bad' })]));
    const out = ingestOtlpTraces(Buffer.from(body), 'json');
    expect(out.acceptedSpans).toBe(1);
    expect(out.rejectedSpans).toBe(2);
    expect(out.message).toContain('2 span(s) rejected: resourceSpans[0].scopeSpans[0].spans[1].spanId');
  });
});

describe('envelopes that cannot be decoded', () => {
  it('rejects JSON that does not parse or is not an object', () => {
    expect(() => decodeJson('{"resourceSpans": [')).toThrow(OtlpDecodeError);
    expect(() => decodeJson('[1,2]')).toThrow(/ExportTraceServiceRequest/);
  });

  it('answers an empty request with no spans and no error', () => {
    expect(decodeJson('{}')).toEqual({ spans: [], rejected: [], warnings: [] });
    expect(decodeProtobuf(new Uint8Array())).toEqual({ spans: [], rejected: [], warnings: [] });
  });

  it('rejects truncated protobuf', () => {
    const whole = otlpJsonToProtobuf(request([span()]));
    expect(() => decodeProtobuf(whole.subarray(0, whole.length - 5))).toThrow(
      /not a valid protobuf ExportTraceServiceRequest/,
    );
  });

  it('rejects the span nested past the decoder limit, not the request', () => {
    // Hand-built: protobufjs's own encoder refuses to produce such a message.
    const field = (no: number, bytes: Uint8Array) =>
      protobuf.Writer.create()
        .uint32((no << 3) | 2)
        .bytes(bytes)
        .finish();
    const concat = (...parts: Uint8Array[]) => Buffer.concat(parts);
    let value: Uint8Array = field(1, Buffer.from('x')); // AnyValue{string_value}
    for (let i = 0; i < 120; i++) value = field(5, field(1, value)); // AnyValue{array_value{values}}
    const keyValue = concat(field(1, Buffer.from('deep')), field(2, value));
    const spanBytes = concat(
      field(1, Buffer.from(TRACE, 'hex')),
      field(2, Buffer.from('eee19b7ec3c1b174', 'hex')),
      field(9, keyValue),
    );
    const body = field(1, field(2, field(2, spanBytes)));
    const decoded = decodeProtobuf(body);
    expect(decoded.spans).toEqual([]);
    expect(decoded.rejected).toEqual([
      {
        field: 'resourceSpans[0].scopeSpans[0].spans[0]',
        message: 'the span holds values nested more than 100 messages deep',
      },
    ]);
  });
});

describe('protobuf specifics', () => {
  it('reads fixed64 times exactly and bytes ids as hex', () => {
    const body = otlpJsonToProtobuf(
      request([span({ startTimeUnixNano: '1767225600123456789', parentSpanId: 'eee19b7ec3c1b175' })]),
    );
    expect(decodeProtobuf(body).spans[0]).toMatchObject({
      startUs: 1767225600123456,
      parentSpanId: 'eee19b7ec3c1b175',
      traceId: TRACE,
    });
  });

  it('reads an AnyValue carrying two members as its last one, as protobuf oneofs say', () => {
    const field = (no: number, bytes: Uint8Array) =>
      protobuf.Writer.create()
        .uint32((no << 3) | 2)
        .bytes(bytes)
        .finish();
    const concat = (...parts: Uint8Array[]) => Buffer.concat(parts);
    const intThenString = concat(
      protobuf.Writer.create()
        .uint32((3 << 3) | 0)
        .int64(7)
        .finish(),
      field(1, Buffer.from('last')),
    );
    const stringThenInt = concat(
      field(1, Buffer.from('first')),
      protobuf.Writer.create()
        .uint32((3 << 3) | 0)
        .int64(7)
        .finish(),
    );
    const attributes = concat(
      field(9, concat(field(1, Buffer.from('a')), field(2, intThenString))),
      field(9, concat(field(1, Buffer.from('b')), field(2, stringThenInt))),
    );
    const start = protobuf.Writer.create()
      .uint32((7 << 3) | 1)
      .fixed64(START)
      .finish();
    const spanBytes = concat(
      field(1, Buffer.from(TRACE, 'hex')),
      field(2, Buffer.from('eee19b7ec3c1b174', 'hex')),
      start,
      attributes,
    );
    const body = field(1, field(2, field(2, spanBytes)));
    expect(decodeProtobuf(body).spans[0]!.attributes).toEqual({ a: 'last', b: 7 });
  });

  it('rejects an id of the wrong byte length', () => {
    const body = otlpJsonToProtobuf(request([span({ spanId: 'eee19b7ec3c1' })]));
    expect(decodeProtobuf(body).rejected).toEqual([
      { field: 'resourceSpans[0].scopeSpans[0].spans[0].spanId', message: 'spanId must be 8 bytes, got 6' },
    ]);
  });
});
