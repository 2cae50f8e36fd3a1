// Trace files end to end against real servers: export → import into a fresh server gives the same
// spans field by field; the OTLP export is accepted back by /v1/traces; damaged files are rejected
// whole with their damage located, and the store is left as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpyglassTraceFile } from '../../src/shared/files.ts';
import type { SpanWithPayloads, TraceResponse } from '../../src/shared/types.ts';
import { otlpJsonToProtobuf } from '../fixtures/otlp/toProtobuf.ts';
import { ingestSamples } from '../helpers/sampleTraces.ts';
import {
  getJson,
  postJson,
  startTestServer,
  spanIdOf,
  traceIdOf,
  type TestServer,
} from '../helpers/server.ts';

const AGENT = traceIdOf(0xa1);
const RAG = traceIdOf(0xb2);
let source: TestServer;

beforeAll(async () => {
  source = await startTestServer();
  await ingestSamples(source.url, AGENT, RAG);
});
afterAll(() => source.close());

async function withFreshServer<T>(run: (server: TestServer) => Promise<T>): Promise<T> {
  const server = await startTestServer();
  try {
    return await run(server);
  } finally {
    await server.close();
  }
}

async function traceOf(
  server: TestServer,
  traceId: string,
): Promise<TraceResponse & { spans: SpanWithPayloads[] }> {
  const { status, body } = await getJson(`${server.url}/api/traces/${traceId}?include=payloads`);
  expect(status).toBe(200);
  return body;
}

async function postFile(server: TestServer, bytes: string | Uint8Array, contentType: string) {
  const response = await fetch(`${server.url}/api/import`, {
    method: 'POST',
    headers: { 'Content-Type': contentType },
    // A fresh Uint8Array is backed by a plain ArrayBuffer, which fetch's BodyInit type requires.
    body: typeof bytes === 'string' ? bytes : new Uint8Array(bytes),
  });
  return { status: response.status, body: (await response.json()) as any };
}

const withoutUpdatedAt = ({ updatedAt: _u, ...rest }: { updatedAt: number }) => rest;

describe('Spyglass trace files', () => {
  it('exports a trace as an attachment and imports it into a fresh server unchanged, field by field', async () => {
    const response = await fetch(`${source.url}/api/traces/${AGENT}/export?format=spyglass`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="trace-${AGENT.slice(0, 16)}.spyglass.json"`,
    );
    const text = await response.text();
    const file = JSON.parse(text) as SpyglassTraceFile;
    expect(file).toMatchObject({ format: 'spyglass-trace', version: 1 });
    expect(file.traces).toHaveLength(1);

    const original = await traceOf(source, AGENT);
    await withFreshServer(async (target) => {
      const imported = await postFile(target, text, 'application/json');
      expect(imported).toEqual({
        status: 200,
        body: { format: 'spyglass', imported: { traces: 1, spans: 5 }, merged: 0, traceIds: [AGENT] },
      });
      // The same file again: said to be merged into the stored trace, nothing doubled.
      const again = await postFile(target, text, 'application/json');
      expect(again.body).toMatchObject({ imported: { traces: 1, spans: 5 }, merged: 1 });
      expect((await traceOf(target, AGENT)).spans).toHaveLength(5);
      const copy = await traceOf(target, AGENT);
      expect(withoutUpdatedAt(copy.trace)).toEqual(withoutUpdatedAt(original.trace));
      expect(copy.spans).toHaveLength(5);
      for (const [i, span] of original.spans.entries()) {
        // An estimated cost is carried as the number the sender saw, so it arrives as reported.
        const { costSource: _a, ...want } = span as SpanWithPayloads & { costSource: string };
        const { costSource: _b, ...got } = copy.spans[i] as SpanWithPayloads & { costSource: string };
        expect(got).toEqual(want);
      }
      // The same file again changes nothing (imports merge by id, like live ingest).
      expect((await postFile(target, text, 'application/json')).status).toBe(200);
      expect(withoutUpdatedAt((await traceOf(target, AGENT)).trace)).toEqual(
        withoutUpdatedAt(original.trace),
      );
    });
  });

  it('exports a selection with POST /api/export and imports both traces', async () => {
    const { status, body, headers } = await postJson(`${source.url}/api/export`, {
      traceIds: [AGENT, RAG],
      format: 'spyglass',
    });
    expect(status).toBe(200);
    expect(headers.get('content-disposition')).toContain('traces-2.spyglass.json');
    expect((body as SpyglassTraceFile).traces.map((t) => t.trace.traceId)).toEqual([AGENT, RAG]);
    await withFreshServer(async (target) => {
      const imported = await postFile(target, JSON.stringify(body), 'application/json');
      expect(imported.body.imported).toEqual({ traces: 2, spans: 8 });
      const list = await getJson(`${target.url}/api/traces`);
      expect(list.body.traces.map((t: { traceId: string }) => t.traceId).sort()).toEqual([AGENT, RAG].sort());
    });
  });

  it('answers 404 naming an unknown trace and 400 for a bad format', async () => {
    const missing = await postJson(`${source.url}/api/export`, { traceIds: [AGENT, traceIdOf(0xdead)] });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toContain(traceIdOf(0xdead));
    const bad = await getJson(`${source.url}/api/traces/${AGENT}/export?format=csv`);
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('format');
  });
});

describe('OTLP files', () => {
  async function otlpExport(): Promise<any> {
    const { status, body } = await postJson(`${source.url}/api/export`, {
      traceIds: [AGENT, RAG],
      format: 'otlp',
    });
    expect(status).toBe(200);
    return body;
  }

  /**
   * What OTLP carries for a span: tree, type, name, model, tokens, cost, payloads, status, times,
   * and (as `spyglass.step_order` / `spyglass.destructive`) step order and the destructive flag.
   */
  const essentials = (s: SpanWithPayloads) => ({
    spanId: s.spanId,
    parentSpanId: s.parentSpanId,
    name: s.name,
    type: s.type,
    startTime: s.startTime,
    endTime: s.endTime,
    status: s.status,
    model: s.model,
    provider: s.provider,
    promptTokens: s.promptTokens,
    completionTokens: s.completionTokens,
    totalTokens: s.totalTokens,
    costUsd: s.costUsd,
    timeToFirstTokenMs: s.timeToFirstTokenMs,
    stepOrder: s.stepOrder,
    destructive: s.destructive,
    errorMessage: s.error?.message ?? null,
    input: s.input,
    output: s.output,
  });

  async function expectSameAsSource(target: TestServer) {
    for (const traceId of [AGENT, RAG]) {
      const [want, got] = [await traceOf(source, traceId), await traceOf(target, traceId)];
      expect(got.spans.map(essentials)).toEqual(want.spans.map(essentials));
      expect(got.trace).toMatchObject({
        totalTokens: want.trace.totalTokens,
        spanCount: want.trace.spanCount,
        errorCount: want.trace.errorCount,
      });
      expect(got.trace.costUsd).toBeCloseTo(want.trace.costUsd, 12);
    }
    const agent = await traceOf(target, AGENT);
    expect(agent.trace).toMatchObject({ sessionId: 'sess-42', userId: 'user-7', tags: ['prod', 'eu'] });
  }

  it('writes hex ids and nanosecond strings, and POST /v1/traces of a fresh server accepts it back', async () => {
    const request = await otlpExport();
    const span = request.resourceSpans[0].scopeSpans[0].spans[1];
    expect(span.traceId).toBe(AGENT);
    expect(span.startTimeUnixNano).toBe('1760000000124706000'); // T0 + 1.25 ms, exact through BigInt
    await withFreshServer(async (target) => {
      const answer = await postJson(`${target.url}/v1/traces`, request);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({});
      await expectSameAsSource(target);
    });
  });

  it('gives back OTLP times finer than a microsecond exactly, through the store and its export', async () => {
    const traceId = traceIdOf(0x5e5);
    const sent = {
      traceId,
      spanId: spanIdOf(0x5e5),
      name: 'fast step',
      startTimeUnixNano: '1760000000123456789',
      endTimeUnixNano: '1760000000123456999', // 210 ns later: the same microsecond
      attributes: [{ key: 'app.step', value: { stringValue: 'tokenise' } }],
    };
    await withFreshServer(async (target) => {
      const answer = await postJson(`${target.url}/v1/traces`, {
        resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ spans: [sent] }] }],
      });
      expect(answer.status).toBe(200);
      const exported = await postJson(`${target.url}/api/export`, { traceIds: [traceId], format: 'otlp' });
      const span = exported.body.resourceSpans[0].scopeSpans[0].spans[0];
      expect(span).toMatchObject({
        startTimeUnixNano: sent.startTimeUnixNano,
        endTimeUnixNano: sent.endTimeUnixNano,
      });
      // The kept times travel as the span's times, not as attributes.
      expect(span.attributes.map((kv: { key: string }) => kv.key)).not.toContain('otel.start_time_unix_nano');
      expect(span.attributes).toContainEqual({ key: 'app.step', value: { stringValue: 'tokenise' } });
    });
  });

  it('imports the OTLP JSON export and its protobuf encoding through /api/import', async () => {
    const request = await otlpExport();
    await withFreshServer(async (target) => {
      const imported = await postFile(target, JSON.stringify(request), 'application/json');
      expect(imported.body).toEqual({
        format: 'otlp-json',
        imported: { traces: 2, spans: 8 },
        merged: 0,
        traceIds: [AGENT, RAG],
      });
      await expectSameAsSource(target);
      // Again, through the piece-by-piece path: both traces said to be merged, nothing doubled.
      const again = await postFile(target, JSON.stringify(request), 'application/json');
      expect(again.body).toMatchObject({ imported: { traces: 2, spans: 8 }, merged: 2 });
      await expectSameAsSource(target);
    });
    await withFreshServer(async (target) => {
      const imported = await postFile(target, otlpJsonToProtobuf(request), 'application/octet-stream');
      expect(imported.body.format).toBe('otlp-protobuf');
      await expectSameAsSource(target);
    });
  });
});

describe('damaged files', () => {
  async function storedTraceIds(server: TestServer): Promise<string[]> {
    return (await getJson(`${server.url}/api/traces`)).body.traces.map((t: { traceId: string }) => t.traceId);
  }

  it('rejects a file whose last trace is damaged, names the place, and imports nothing', async () => {
    const { body } = await postJson(`${source.url}/api/export`, { traceIds: [AGENT, RAG] });
    const file = body as SpyglassTraceFile;
    (file.traces[1]!.spans[2] as unknown as Record<string, unknown>).startTime = 'yesterday';
    await withFreshServer(async (target) => {
      const answer = await postFile(target, JSON.stringify(file), 'application/json');
      expect(answer.status).toBe(422);
      expect(answer.body.field).toBe('traces[1].spans[2].startTime');
      expect(answer.body.error).toContain('traces[1].spans[2].startTime: expected epoch milliseconds');
      expect(await storedTraceIds(target)).toEqual([]);
    });
  });

  it('names the byte offset of a JSON syntax error', async () => {
    const text = JSON.stringify({ format: 'spyglass-trace', version: 1, traces: [] }).replace(
      '"traces":[]',
      '"traces":[}',
    );
    await withFreshServer(async (target) => {
      const answer = await postFile(target, text, 'application/json');
      expect(answer.status).toBe(400);
      expect(answer.body.offset).toBe(text.indexOf('}'));
      expect(answer.body.error).toMatch(/^The file is not valid JSON at byte \d+ \(line 1, column \d+\)/);
    });
  });

  it('rejects a truncated protobuf file at its byte offset, and an OTLP file with one bad span whole', async () => {
    const { body: request } = await postJson(`${source.url}/api/export`, {
      traceIds: [AGENT, RAG],
      format: 'otlp',
    });
    const bytes = otlpJsonToProtobuf(request);
    await withFreshServer(async (target) => {
      const truncated = await postFile(target, bytes.subarray(0, bytes.length - 7), 'application/x-protobuf');
      expect(truncated.status).toBe(400);
      expect(truncated.body.offset).toBeGreaterThan(0);
      expect(truncated.body.error).toContain(`at byte ${truncated.body.offset}`);

      request.resourceSpans[1].scopeSpans[0].spans[2].spanId = 'xyz';
      const bad = await postFile(target, JSON.stringify(request), 'application/json');
      expect(bad.status).toBe(422);
      expect(bad.body.field).toBe('resourceSpans[1].scopeSpans[0].spans[2].spanId');
      expect(await storedTraceIds(target)).toEqual([]);
    });
  });
});
