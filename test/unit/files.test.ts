import { describe, expect, it } from 'vitest';
import { ImportError, prepareImport, sniffEncoding } from '../../src/server/files/index.ts';
import { findJsonSyntaxError } from '../../src/server/jsonSyntax.ts';
import { millisToNanoString, toAnyValue } from '../../src/server/files/otlpValues.ts';
import { otlpJsonToProtobuf } from '../fixtures/otlp/toProtobuf.ts';

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const span = (spanId: string, extra: Record<string, unknown> = {}) => ({
  spanId,
  traceId: TRACE,
  parentSpanId: null,
  name: 'step',
  type: 'tool',
  stepOrder: null,
  startTime: 1_760_000_000_123.456,
  endTime: 1_760_000_000_200,
  status: 'success',
  model: null,
  provider: null,
  promptTokens: null,
  completionTokens: null,
  totalTokens: null,
  costUsd: null,
  error: null,
  destructive: false,
  input: { q: 1 },
  output: null,
  attributes: {},
  events: [],
  links: [],
  ...extra,
});
const file = (spans: unknown[], trace: Record<string, unknown> = {}) => ({
  format: 'spyglass-trace',
  version: 1,
  exportedAt: '2026-01-01T00:00:00Z',
  traces: [
    {
      trace: {
        traceId: TRACE,
        name: 'run',
        status: 'success',
        tags: ['a'],
        metadata: {},
        input: null,
        output: 'done',
        ...trace,
      },
      spans,
    },
  ],
});
const bytes = (value: unknown) => Buffer.from(JSON.stringify(value));

function importError(run: () => unknown): ImportError {
  try {
    run();
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('expected an ImportError');
}

describe('Spyglass file import', () => {
  it('turns a file into patches: microseconds, outcomes only, null payloads left out', () => {
    const prepared = prepareImport(
      bytes(file([span('00f067aa0ba902b7', { status: 'running', endTime: null })])),
    );
    expect(prepared.format).toBe('spyglass');
    expect(prepared.traceIds).toEqual([TRACE]);
    expect(prepared.batch.traces[0]).toEqual({
      traceId: TRACE,
      name: 'run',
      status: 'success',
      ended: true,
      tags: ['a'],
      output: 'done',
    });
    const patch = prepared.batch.spans[0]!;
    expect(patch.startUs).toBe(1_760_000_000_123_456);
    expect(patch.endUs).toBeUndefined();
    expect(patch.status).toBeUndefined();
    expect(patch).toMatchObject({ parentSpanId: null, input: { q: 1 }, destructive: false });
    expect('output' in patch).toBe(false);
  });

  it('names every problem by its path, the first one in the message', () => {
    const error = importError(() =>
      prepareImport(
        bytes(
          file([
            span('00f067aa0ba902b7'),
            span('00f067aa0ba902b8', { startTime: '10:00', type: 'thought' }),
            span('00f067aa0ba902b7'),
          ]),
        ),
      ),
    );
    expect(error.status).toBe(422);
    expect(error.field).toBe('traces[0].spans[1].type');
    expect(error.message).toBe(
      'The file is damaged, nothing was imported. traces[0].spans[1].type: expected one of "llm", "tool", "retrieval", "embedding", "agent", "chain", "reranker", "guardrail", "evaluator", "custom", found the string "thought" (and 2 more problems)',
    );
    expect(error.problems.slice(1)).toEqual([
      'traces[0].spans[1].startTime: expected epoch milliseconds (a number between 0 and 7258118400000), found the string "10:00"',
      'traces[0].spans[2].spanId: span 00f067aa0ba902b7 appears twice in this trace',
    ]);
    expect(error.toBody().problems).toHaveLength(3);
  });

  it('refuses a newer version and a foreign format by name', () => {
    expect(importError(() => prepareImport(bytes({ ...file([]), version: 2 }))).message).toContain(
      'this build reads spyglass-trace version 1, the file has version number 2',
    );
    expect(importError(() => prepareImport(bytes({ format: 'jaeger', data: [] }))).field).toBe('format');
    expect(importError(() => prepareImport(bytes({ hello: 'world' }))).message).toContain(
      'neither a Spyglass trace file',
    );
  });

  it('checks nested events and links, and spans of another trace', () => {
    const error = importError(() =>
      prepareImport(
        bytes(
          file([
            span('00f067aa0ba902b7', {
              traceId: 'f'.repeat(32),
              events: [{ time: 1, name: 5 }],
              links: [{ traceId: 'x', spanId: '00f067aa0ba902b7' }],
            }),
          ]),
        ),
      ),
    );
    expect(error.problems.map((p) => p.split(':')[0])).toEqual([
      'traces[0].spans[0].traceId',
      'traces[0].spans[0].events[0].name',
      'traces[0].spans[0].links[0].traceId',
    ]);
  });
});

describe('OTLP file import', () => {
  const request = {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] },
        scopeSpans: [
          {
            scope: { name: 's' },
            spans: [
              {
                traceId: TRACE,
                spanId: '00f067aa0ba902b7',
                name: 'chat',
                kind: 3,
                startTimeUnixNano: '1760000000123456789',
                endTimeUnixNano: '1760000000223456789',
                attributes: [
                  { key: 'openinference.span.kind', value: { stringValue: 'LLM' } },
                  { key: 'llm.model_name', value: { stringValue: 'claude-3-5-sonnet-20241022' } },
                ],
              },
            ],
          },
        ],
      },
    ],
  };

  it('reads OTLP JSON, JSON lines (one request per line) and protobuf', () => {
    expect(prepareImport(bytes(request))).toMatchObject({
      format: 'otlp-json',
      traceIds: [TRACE],
      spanCount: 1,
    });
    const other = JSON.parse(JSON.stringify(request).replaceAll(TRACE, 'f'.repeat(32)));
    const lines = Buffer.from(`${JSON.stringify(request)}\n${JSON.stringify(other)}\n`);
    expect(prepareImport(lines).traceIds).toEqual([TRACE, 'f'.repeat(32)]);
    const proto = otlpJsonToProtobuf(request);
    expect(sniffEncoding(proto)).toBe('protobuf');
    expect(prepareImport(proto).batch.spans[0]).toMatchObject({
      type: 'llm',
      startUs: 1_760_000_000_123_456,
      model: 'claude-3-5-sonnet-20241022',
      provider: 'anthropic', // from the price table, as for spans sent live
    });
  });

  it('locates damage in every truncation of a protobuf file', () => {
    const proto = otlpJsonToProtobuf(request);
    for (let length = 1; length < proto.length; length++) {
      let error: unknown = null;
      try {
        prepareImport(proto.subarray(0, length), { encoding: 'protobuf' });
      } catch (e) {
        error = e;
      }
      // Some prefixes are complete messages that merely lack spans; all others must be located.
      if (error === null) continue;
      expect(error).toBeInstanceOf(ImportError);
      const offset = (error as ImportError).offset;
      if ((error as ImportError).status === 400) {
        expect(offset).toBeGreaterThanOrEqual(0);
        expect(offset).toBeLessThanOrEqual(length);
      }
    }
  });

  it('locates a bad line of a JSON lines file by byte offset', () => {
    const first = JSON.stringify(request);
    const error = importError(() => prepareImport(Buffer.from(`${first}\n${first}\n{"resourceSpans": [}\n`)));
    expect(error.offset).toBe(2 * (first.length + 1) + '{"resourceSpans": ['.length);
  });
});

describe('JSON syntax locator', () => {
  it('agrees with JSON.parse on corrupted documents', () => {
    const docs = [
      '{"a":[1,2,{"b":null,"c":"x\\"y"}],"d":-1.5e3,"e":true}',
      '[{"k":"v"},[],{},"\\u00e9",0]',
      '{"format":"spyglass-trace","traces":[{"trace":{"traceId":"0a"},"spans":[]}]}',
    ];
    const noise = ['', '}', ']', ',', ':', '"', 'x', '1', ' ', '{', '['];
    for (const doc of docs) {
      for (let i = 0; i <= doc.length; i++) {
        for (const c of noise) {
          const text = doc.slice(0, i) + c + doc.slice(i + (c === '' ? 1 : 0));
          let valid = true;
          try {
            JSON.parse(text);
          } catch {
            valid = false;
          }
          const found = findJsonSyntaxError(text);
          expect(found === null, `${text} → ${JSON.stringify(found)}`).toBe(valid);
        }
      }
    }
  });
});

describe('OTLP values', () => {
  it('writes nanoseconds exactly and int64 as strings', () => {
    expect(millisToNanoString(1_760_000_000_123.456)).toBe('1760000000123456000');
    expect(toAnyValue(42)).toEqual({ intValue: '42' });
    expect(toAnyValue(0.5)).toEqual({ doubleValue: 0.5 });
    expect(toAnyValue({ a: [true, null] })).toEqual({
      kvlistValue: { values: [{ key: 'a', value: { arrayValue: { values: [{ boolValue: true }, {}] } } }] },
    });
  });
});
