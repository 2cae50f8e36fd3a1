// OTLP/gRPC (TraceService/Export) against a real collector: the real npm gRPC exporter sending a
// nested GenAI agent run (plain and gzip), and a grpc-js client sending hand-made requests for
// the edges (undecodable bytes, a span with a bad id, an oversized message).
import { Client, credentials, Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { context, SpanKind, SpanStatusCode, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import protobuf from 'protobufjs';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OverloadedError } from '../../src/server/collector/index.ts';
import { EXPORT_PATH, encodeExportRequest } from '../../src/server/grpc/index.ts';
import { grpcFailureFor, RETRY_INFO_TYPE_URL } from '../../src/server/grpc/status.ts';
import { exportRun } from '../helpers/otel.ts';
import { getJson, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;

beforeAll(async () => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  server = await startTestServer({ grpcPort: 0 });
});

afterAll(async () => {
  await server.close();
});

const messages = (list: unknown[]) => JSON.stringify(list);

/** An agent that calls the model, runs a tool that fails, and answers. */
async function agentRun(tracer: Tracer): Promise<string> {
  return tracer.startActiveSpan('invoke_agent TripPlanner', { kind: SpanKind.INTERNAL }, async (agent) => {
    agent.setAttributes({
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'TripPlanner',
      'gen_ai.conversation.id': 'conv-grpc',
      'gen_ai.input.messages': messages([
        { role: 'user', parts: [{ type: 'text', content: 'Plan a day in Lyon' }] },
      ]),
    });
    await tracer.startActiveSpan('chat gpt-4o', { kind: SpanKind.CLIENT }, async (chat) => {
      chat.setAttributes({
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'gpt-4o',
        'gen_ai.response.model': 'gpt-4o-2024-08-06',
        'gen_ai.usage.input_tokens': 40,
        'gen_ai.usage.output_tokens': 12,
        'gen_ai.input.messages': messages([
          { role: 'user', parts: [{ type: 'text', content: 'Plan a day in Lyon' }] },
        ]),
        'gen_ai.output.messages': messages([
          {
            role: 'assistant',
            parts: [{ type: 'tool_call', id: 'call_7', name: 'find_museums', arguments: { city: 'Lyon' } }],
            finish_reason: 'tool_call',
          },
        ]),
      });
      // A tool nested under the model call: three levels deep.
      await tracer.startActiveSpan('execute_tool find_museums', { kind: SpanKind.INTERNAL }, async (tool) => {
        tool.setAttributes({
          'gen_ai.operation.name': 'execute_tool',
          'gen_ai.tool.name': 'find_museums',
          'gen_ai.tool.call.arguments': '{"city":"Lyon"}',
        });
        tool.recordException(new RangeError('museum API quota exceeded'));
        tool.setStatus({ code: SpanStatusCode.ERROR, message: 'museum API quota exceeded' });
        tool.end();
      });
      chat.end();
    });
    agent.setStatus({ code: SpanStatusCode.OK });
    const traceId = agent.spanContext().traceId;
    agent.end();
    return traceId;
  });
}

function runWith(exporter: OTLPTraceExporter, service: string): Promise<string> {
  return exportRun(exporter, service, { name: 'trip-planner', version: '2.0.0' }, agentRun);
}

async function checkStoredRun(traceId: string, service: string): Promise<void> {
  const { status: httpStatus, body } = await getJson(`${server.url}/api/traces/${traceId}?include=payloads`);
  expect(httpStatus).toBe(200);
  const { trace, spans } = body;
  expect(trace).toMatchObject({
    traceId,
    name: 'invoke_agent TripPlanner',
    status: 'success',
    service,
    spanCount: 3,
    errorCount: 1,
    sessionId: 'conv-grpc',
    promptTokens: 40,
    completionTokens: 12,
  });
  const root = spans.find((s: any) => s.parentSpanId === null);
  expect(root).toMatchObject({ type: 'agent', kind: 'internal' });
  expect(root.input).toBeDefined();
  const chat = spans.find((s: any) => s.parentSpanId === root.spanId);
  expect(chat).toMatchObject({
    type: 'llm',
    kind: 'client',
    model: 'gpt-4o-2024-08-06',
    provider: 'openai',
    promptTokens: 40,
    completionTokens: 12,
  });
  expect(chat.input).toEqual([{ role: 'user', content: 'Plan a day in Lyon' }]);
  expect(chat.output[0].tool_calls[0]).toMatchObject({
    id: 'call_7',
    function: { name: 'find_museums', arguments: { city: 'Lyon' } },
  });
  expect(chat.attributes['otel.scope']).toEqual({ name: 'trip-planner', version: '2.0.0' });
  const tool = spans.find((s: any) => s.parentSpanId === chat.spanId);
  expect(tool).toMatchObject({ type: 'tool', status: 'error', input: { city: 'Lyon' } });
  expect(tool.error).toMatchObject({ message: 'museum API quota exceeded', type: 'RangeError' });
}

/** A grpc-js client calling Export with raw request bytes (so a test can send anything). */
function exportRaw(
  address: string,
  body: Buffer,
  options: Record<string, number> = {},
): Promise<{ error: ServiceError | null; response: any }> {
  const client = new Client(address, credentials.createInsecure(), options);
  return new Promise((resolve) => {
    client.makeUnaryRequest(
      EXPORT_PATH,
      (bytes: Buffer) => bytes,
      (bytes: Buffer) => bytes,
      body,
      new Metadata(),
      (error, response) => {
        client.close();
        resolve({ error: error ?? null, response });
      },
    );
  });
}

/** ExportTraceServiceResponse bytes → { rejectedSpans, errorMessage } (a plain decode, no shared code). */
function readResponse(bytes: Buffer): { rejectedSpans: number; errorMessage: string } | null {
  if (bytes.length === 0) return null; // full success: partialSuccess unset
  const reader = protobuf.Reader.create(bytes);
  reader.uint32(); // tag of partial_success (1, length-delimited)
  const inner = protobuf.Reader.create(reader.bytes());
  const result = { rejectedSpans: 0, errorMessage: '' };
  while (inner.pos < inner.len) {
    const tag = inner.uint32();
    if (tag >>> 3 === 1) result.rejectedSpans = Number(inner.int64());
    else if (tag >>> 3 === 2) result.errorMessage = inner.string();
    else inner.skipType(tag & 7);
  }
  return result;
}

const NOW_NS = BigInt(Date.now()) * 1_000_000n;
const hexBytes = (hex: string) => Buffer.from(hex, 'hex');

function requestWith(
  spans: Array<{ traceId: Buffer; spanId: Buffer; parentSpanId?: Buffer; name: string }>,
): Buffer {
  return encodeExportRequest({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'raw-grpc' } }] },
        scopeSpans: [
          {
            scope: { name: 'raw' },
            spans: spans.map((s, i) => ({
              ...s,
              kind: 1,
              startTimeUnixNano: String(NOW_NS + BigInt(i) * 1_000n),
              endTimeUnixNano: String(NOW_NS + 5_000_000n),
            })),
          },
        ],
      },
    ],
  });
}

function occupyPort(): Promise<Server> {
  return new Promise((resolve) => {
    const blocker = createServer();
    blocker.listen(0, '127.0.0.1', () => resolve(blocker));
  });
}

describe('OTLP/gRPC receiver', () => {
  it('listens only when asked, on the HTTP host', () => {
    expect(server.grpcPort).toBeGreaterThan(0);
    expect(server.grpcAddress).toBe(`127.0.0.1:${server.grpcPort}`);
  });

  it('the npm gRPC exporter: a nested agent run with a failing tool', async () => {
    const traceId = await runWith(
      new OTLPTraceExporter({ url: `http://${server.grpcAddress}` }),
      'trip-grpc',
    );
    await checkStoredRun(traceId, 'trip-grpc');
  });

  it('the npm gRPC exporter with gzip: the same run', async () => {
    const traceId = await runWith(
      new OTLPTraceExporter({ url: `http://${server.grpcAddress}`, compression: 'gzip' as never }),
      'trip-grpc-gzip',
    );
    await checkStoredRun(traceId, 'trip-grpc-gzip');
  });

  it('answers INVALID_ARGUMENT to bytes that are not an ExportTraceServiceRequest, and keeps serving', async () => {
    // Field 1 (resource_spans), length-delimited, claiming 127 bytes that never come.
    const { error } = await exportRaw(server.grpcAddress!, Buffer.from([0x0a, 0x7f, 0x01, 0x02]));
    expect(error?.code).toBe(status.INVALID_ARGUMENT);
    expect(error?.details).toContain('not a valid protobuf ExportTraceServiceRequest');

    const traceId = 'a1'.repeat(16);
    const after = await exportRaw(
      server.grpcAddress!,
      requestWith([
        { traceId: hexBytes(traceId), spanId: hexBytes('b2'.repeat(8)), name: 'after the bad one' },
      ]),
    );
    expect(after.error).toBeNull();
    expect(readResponse(after.response)).toBeNull(); // full success: an empty response
    const { body } = await getJson(`${server.url}/api/traces/${traceId}`);
    expect(body.trace).toMatchObject({ name: 'after the bad one', service: 'raw-grpc', spanCount: 1 });
    expect((await getJson(`${server.url}/api/health`)).status).toBe(200);
  });

  it('partial success: keeps the good spans and reports the rejected one', async () => {
    const traceId = 'c3'.repeat(16);
    const root = hexBytes('d4'.repeat(8));
    const { error, response } = await exportRaw(
      server.grpcAddress!,
      requestWith([
        { traceId: hexBytes(traceId), spanId: root, name: 'root' },
        {
          traceId: hexBytes(traceId),
          spanId: hexBytes('e5e5e5e5'),
          parentSpanId: root,
          name: 'four-byte span id',
        },
        { traceId: hexBytes(traceId), spanId: hexBytes('f6'.repeat(8)), parentSpanId: root, name: 'child' },
      ]),
    );
    expect(error).toBeNull();
    const partial = readResponse(response);
    expect(partial?.rejectedSpans).toBe(1);
    expect(partial?.errorMessage).toContain('spanId must be 8 bytes, got 4');
    const { body } = await getJson(`${server.url}/api/traces/${traceId}`);
    expect(body.trace).toMatchObject({ name: 'root', spanCount: 2 });
    expect(body.spans.map((s: any) => s.name).sort()).toEqual(['child', 'root']);
  });

  it('caps the message size like the HTTP body, counted after gzip decompression', async () => {
    const small = await startTestServer({ grpcPort: 0, maxBodyBytes: 4096 });
    try {
      const big = requestWith([
        { traceId: hexBytes('ab'.repeat(16)), spanId: hexBytes('cd'.repeat(8)), name: 'x'.repeat(8000) },
      ]);
      const plain = await exportRaw(small.grpcAddress!, big);
      expect(plain.error?.code).toBe(status.RESOURCE_EXHAUSTED);
      // gzip shrinks the repeated name far below the cap; the decompressed size still counts.
      const gzip = await exportRaw(small.grpcAddress!, big, { 'grpc.default_compression_algorithm': 2 });
      expect(gzip.error?.code).toBe(status.RESOURCE_EXHAUSTED);
      expect(gzip.error?.details).toContain('decompresses to a size larger than 4096');
    } finally {
      await small.close();
    }
  });

  it('maps a full writer queue to UNAVAILABLE with a RetryInfo detail (OTLP/gRPC throttling)', () => {
    const failure = grpcFailureFor(new OverloadedError(3));
    expect(failure.code).toBe(status.UNAVAILABLE);
    const [details] = failure.metadata!.get('grpc-status-details-bin') as Buffer[];
    const root = protobuf.Root.fromJSON({
      nested: {
        Status: {
          fields: {
            code: { type: 'int32', id: 1 },
            message: { type: 'string', id: 2 },
            details: { rule: 'repeated', type: 'Any', id: 3 },
          },
        },
        Any: { fields: { type_url: { type: 'string', id: 1 }, value: { type: 'bytes', id: 2 } } },
        RetryInfo: { fields: { retry_delay: { type: 'Duration', id: 1 } } },
        Duration: { fields: { seconds: { type: 'int64', id: 1 }, nanos: { type: 'int32', id: 2 } } },
      },
    });
    const decoded: any = root
      .lookupType('Status')
      .toObject(root.lookupType('Status').decode(details!), { longs: Number });
    expect(decoded.code).toBe(status.UNAVAILABLE);
    expect(decoded.details[0].type_url).toBe(RETRY_INFO_TYPE_URL);
    const retry: any = root
      .lookupType('RetryInfo')
      .toObject(root.lookupType('RetryInfo').decode(decoded.details[0].value), { longs: Number });
    expect(retry.retry_delay.seconds).toBe(3);
  });

  it('a taken gRPC port is a warning naming it; HTTP keeps running', async () => {
    const blocker = await occupyPort();
    const port = (blocker.address() as { port: number }).port;
    const lines: string[] = [];
    const other = await startTestServer({ grpcPort: port, log: (line) => lines.push(line) });
    try {
      expect(other.grpcPort).toBeNull();
      expect(other.grpcAddress).toBeNull();
      expect(lines.join('\n')).toContain(`OTLP/gRPC could not listen on 127.0.0.1:${port}`);
      expect((await getJson(`${other.url}/api/health`)).status).toBe(200);
    } finally {
      await other.close();
      blocker.close();
    }
  });
});
