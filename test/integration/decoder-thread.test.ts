// The OTLP decoder thread: large bodies are decoded off the request thread and stored exactly as
// bodies decoded in place are; a body that is not OTLP is still a 400; a thread that cannot start
// leaves decoding in place; a thread that dies fails only its own jobs and is replaced.
import { afterEach, describe, expect, it } from 'vitest';
import { HttpError } from '../../src/server/collector/http.ts';
import {
  INLINE_MAX_BYTES,
  SOURCE_DECODER_ENTRY,
  ThreadedOtlpDecoder,
  createOtlpDecoder,
  inPlaceDecoder,
  type OtlpDecoder,
} from '../../src/server/collector/decoding/decoder.ts';
import { OtlpDecodeError, ingestOtlpTraces } from '../../src/server/ingest/otlp/index.ts';
import { withDecodedPayloads } from '../../src/server/ingest/payload.ts';
import { otlpJsonToProtobuf } from '../fixtures/otlp/toProtobuf.ts';
import { getJson, startTestServer, type TestServer } from '../helpers/server.ts';

const CRASHING_ENTRY = new URL('../fixtures/decoder/crashingWorker.ts', import.meta.url);
const BROKEN_ENTRY = new URL('../fixtures/decoder/brokenWorker.ts', import.meta.url);

const hex = (n: number, length: number) => n.toString(16).padStart(length, '0');
const s = (value: string) => ({ stringValue: value });

/** An OTLP/JSON request: one agent root and `chats` GenAI chat spans with ~600 characters of messages each. */
function agentRun(traceNumber: number, chats: number, options: { model?: string; provider?: boolean } = {}) {
  const traceId = hex(traceNumber, 32);
  const start = 1_767_225_600_000_000_000n;
  const spans = Array.from({ length: chats + 1 }, (_, k) => {
    const root = k === 0;
    const prompt = `question ${k}: ${'why is the sky blue? '.repeat(28)}`;
    return {
      traceId,
      spanId: hex(k + 1, 16),
      ...(root ? {} : { parentSpanId: hex(1, 16) }),
      name: root ? 'invoke_agent Planner' : 'chat gpt-4o-mini',
      kind: root ? 1 : 3,
      startTimeUnixNano: String(start + BigInt(k) * 1_000_000n),
      endTimeUnixNano: String(start + BigInt(k) * 1_000_000n + 500_000n),
      attributes: [
        { key: 'gen_ai.operation.name', value: s(root ? 'invoke_agent' : 'chat') },
        ...(options.provider === false ? [] : [{ key: 'gen_ai.provider.name', value: s('openai') }]),
        { key: 'gen_ai.request.model', value: s(options.model ?? 'gpt-4o-mini') },
        { key: 'gen_ai.usage.input_tokens', value: { intValue: String(100 + k) } },
        { key: 'gen_ai.usage.output_tokens', value: { intValue: '20' } },
        {
          key: 'gen_ai.input.messages',
          value: s(JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: prompt }] }])),
        },
        {
          key: 'gen_ai.output.messages',
          value: s(
            JSON.stringify([
              { role: 'assistant', parts: [{ type: 'text', content: 'Rayleigh scattering.' }] },
            ]),
          ),
        },
        { key: 'app.request_number', value: { intValue: String(k) } },
      ],
      status: { code: 1 },
    };
  });
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: s('thread-test') }] },
        scopeSpans: [{ scope: { name: 'test' }, spans }],
      },
    ],
  };
}

const jsonBody = (value: unknown) => Buffer.from(JSON.stringify(value));

let decoders: OtlpDecoder[] = [];
let servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(decoders.map((d) => d.close()));
  await Promise.all(servers.map((s) => s.close()));
  decoders = [];
  servers = [];
});

function threaded(options: Partial<ConstructorParameters<typeof ThreadedOtlpDecoder>[0]> = {}): {
  decoder: ThreadedOtlpDecoder;
  logs: string[];
} {
  const logs: string[] = [];
  const decoder = new ThreadedOtlpDecoder({
    entry: SOURCE_DECODER_ENTRY,
    log: (line) => logs.push(line),
    ...options,
  });
  decoders.push(decoder);
  return { decoder, logs };
}

describe('ThreadedOtlpDecoder', () => {
  it('decodes a large body on the thread into the same patches as decoding in place, payloads pre-serialised', async () => {
    const { decoder } = threaded();
    for (const body of [jsonBody(agentRun(1, 80)), otlpJsonToProtobuf(agentRun(1, 80))]) {
      expect(body.byteLength).toBeGreaterThan(INLINE_MAX_BYTES);
      const encoding = body[0] === 0x7b ? 'json' : 'protobuf';
      const inPlace = ingestOtlpTraces(body, encoding);
      const viaThread = await decoder.decode(body, encoding);
      // Off the thread, input, output and attributes arrive as JSON text …
      const chat = viaThread.batch.spans[1]!;
      expect(chat.input).toBeUndefined();
      expect(typeof chat.encoded?.attributes).toBe('string');
      expect(chat.encoded?.input?.preview).toContain('why is the sky blue?');
      // The messages are stored once on this path too: the attributes name them in the marker.
      expect(chat.encoded?.attributes).toContain('"spyglass.payload_attributes"');
      expect(chat.encoded?.attributes).not.toContain('why is the sky blue?');
      // … and read back (stored-once attributes rebuilt on both sides) to exactly what decoding
      // in place gives.
      expect(viaThread.batch.spans.map(withDecodedPayloads)).toEqual(
        inPlace.batch.spans.map(withDecodedPayloads),
      );
      expect(viaThread.batch.traces).toEqual(inPlace.batch.traces);
      expect(viaThread.acceptedSpans).toBe(81);
    }
  });

  it("moves a large body's memory to a running thread instead of copying it", async () => {
    const { decoder } = threaded();
    const first = jsonBody(agentRun(3, 80));
    // Until the thread has said it runs, the body stays (a thread that never starts leaves its
    // jobs to be decoded in place, from the body).
    await decoder.decode(first, 'json');
    expect(first.byteLength).toBeGreaterThan(INLINE_MAX_BYTES);
    const second = jsonBody(agentRun(4, 80));
    const ingest = await decoder.decode(second, 'json');
    expect(second.byteLength).toBe(0); // transferred: the caller never reads it again
    expect(ingest.acceptedSpans).toBe(81);
    // A slice of a larger buffer is copied, as before: moving it would take the rest away too.
    const inLarger = Buffer.concat([jsonBody(agentRun(5, 80)), Buffer.alloc(16)]);
    const slice = inLarger.subarray(0, inLarger.byteLength - 16);
    expect((await decoder.decode(slice, 'json')).acceptedSpans).toBe(81);
    expect(slice.byteLength).toBeGreaterThan(INLINE_MAX_BYTES);
  });

  it('decodes small bodies in place (the hop would cost more than it saves)', async () => {
    const { decoder } = threaded();
    const small = jsonBody(agentRun(2, 2));
    expect(small.byteLength).toBeLessThan(INLINE_MAX_BYTES);
    const ingest = await decoder.decode(small, 'json');
    expect(ingest.batch.spans[1]!.encoded).toBeUndefined();
    expect(ingest.batch.spans[1]!.input).toEqual([
      { role: 'user', content: expect.stringContaining('question 1') },
    ]);
  });

  it('fills in the provider from the price table on the request thread', async () => {
    const { decoder } = threaded();
    const ingest = await decoder.decode(
      jsonBody(agentRun(3, 80, { provider: false, model: 'claude-3-5-sonnet-20241022' })),
      'json',
    );
    expect(ingest.batch.spans[1]!.encoded).toBeDefined();
    expect(ingest.batch.spans[1]!.provider).toBe('anthropic');
  });

  it('rejects a body that is not OTLP with OtlpDecodeError naming the problem', async () => {
    const { decoder } = threaded();
    const garbage = Buffer.alloc(INLINE_MAX_BYTES + 10, 0xff);
    await expect(decoder.decode(garbage, 'protobuf')).rejects.toThrow(OtlpDecodeError);
    await expect(
      decoder.decode(Buffer.from(`{"resourceSpans": [${' '.repeat(INLINE_MAX_BYTES)}`), 'json'),
    ).rejects.toThrow(/not valid JSON/);
    // The thread is still there for the next body.
    expect((await decoder.decode(jsonBody(agentRun(4, 80)), 'json')).acceptedSpans).toBe(81);
  });

  it('refuses with 503 and Retry-After while too many bytes wait for the thread', async () => {
    const body = jsonBody(agentRun(5, 80));
    const { decoder } = threaded({ maxPendingBytes: body.byteLength * 2 + 1 });
    const first = decoder.decode(body, 'json');
    const second = decoder.decode(body, 'json');
    const third = decoder.decode(body, 'json').catch((error: unknown) => error);
    const refusal = await third;
    expect(refusal).toBeInstanceOf(HttpError);
    expect(refusal).toMatchObject({ status: 503, headers: { 'Retry-After': '1' } });
    expect((await first).acceptedSpans).toBe(81);
    expect((await second).acceptedSpans).toBe(81);
  });

  it('decodes in place, jobs in flight included, when the thread cannot start, and says so once', async () => {
    const { decoder, logs } = threaded({ entry: BROKEN_ENTRY });
    const bodies = [jsonBody(agentRun(6, 80)), jsonBody(agentRun(7, 80))];
    const answers = await Promise.all(bodies.map((body) => decoder.decode(body, 'json')));
    expect(answers.map((a) => a.acceptedSpans)).toEqual([81, 81]);
    expect((await decoder.decode(jsonBody(agentRun(8, 80)), 'json')).batch.spans[1]!.encoded).toBeUndefined();
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/decoded on the request thread .*cannot load here/);
  });

  it('fails the jobs of a thread that dies, then starts a new one', async () => {
    const { decoder, logs } = threaded({ entry: CRASHING_ENTRY });
    expect((await decoder.decode(jsonBody(agentRun(9, 80)), 'json')).acceptedSpans).toBe(81);
    const poison = Buffer.concat([Buffer.from('!'), Buffer.alloc(INLINE_MAX_BYTES)]);
    await expect(decoder.decode(poison, 'json')).rejects.toThrow(/decoder thread stopped/);
    expect(logs.join('\n')).toMatch(/decoder thread stopped .*restarts/);
    const after = await decoder.decode(jsonBody(agentRun(10, 80)), 'json');
    expect(after.batch.spans[1]!.encoded).toBeDefined(); // decoded by the new thread
  });

  it('ends a thread left idle (its heap is given back only then) and starts one for the next body', async () => {
    const { decoder } = threaded({ idleStopMs: 300 });
    expect((await decoder.decode(jsonBody(agentRun(11, 80)), 'json')).acceptedSpans).toBe(81);
    expect(decoder.threadRunning).toBe(true);
    await expect.poll(() => decoder.threadRunning, { timeout: 20_000 }).toBe(false);
    const after = await decoder.decode(jsonBody(agentRun(12, 80)), 'json');
    expect(after.batch.spans[1]!.encoded).toBeDefined(); // decoded by a new thread
    expect(decoder.threadRunning).toBe(true);
  });

  it('answers jobs in flight at close with 503 and refuses new ones', async () => {
    const { decoder } = threaded();
    const inFlight = decoder.decode(jsonBody(agentRun(11, 80)), 'json').catch((error: unknown) => error);
    await decoder.close();
    expect(await inFlight).toMatchObject({ status: 503 });
    await expect(decoder.decode(jsonBody(agentRun(12, 2)), 'json')).rejects.toMatchObject({ status: 503 });
  });
});

describe('createOtlpDecoder', () => {
  it('uses the thread from the sources by default, and decodes in place when told to or when the entry is missing', async () => {
    expect(createOtlpDecoder(undefined, () => {})).toBeInstanceOf(ThreadedOtlpDecoder);
    expect(createOtlpDecoder(false, () => {})).toBe(inPlaceDecoder);
    expect(createOtlpDecoder(new URL('./no-such-entry.js', SOURCE_DECODER_ENTRY), () => {})).toBe(
      inPlaceDecoder,
    );
  });
});

describe('a collector with the decoder thread', () => {
  it('stores a large request exactly as a collector decoding in place does', async () => {
    const threadedServer = await startTestServer();
    const inPlaceServer = await startTestServer({ decoderThreadEntry: false });
    servers.push(threadedServer, inPlaceServer);
    const body = new Uint8Array(otlpJsonToProtobuf(agentRun(20, 80)));
    const traces = [];
    for (const server of [threadedServer, inPlaceServer]) {
      const response = await fetch(`${server.url}/v1/traces`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-protobuf' },
        body,
      });
      expect(response.status).toBe(200);
      const { body: trace } = await getJson(`${server.url}/api/traces/${hex(20, 32)}?include=payloads`);
      traces.push(trace);
    }
    const [viaThread, inPlace] = traces;
    expect(viaThread.spans).toHaveLength(81);
    const chat = viaThread.spans.find((span: { spanId: string }) => span.spanId === hex(2, 16));
    expect(chat).toMatchObject({ type: 'llm', model: 'gpt-4o-mini', provider: 'openai', promptTokens: 101 });
    expect(chat.input).toEqual([{ role: 'user', content: expect.stringContaining('question 1') }]);
    expect(chat.attributes['app.request_number']).toBe(1);
    const comparable = (trace: {
      trace: Record<string, unknown>;
      spans: Array<Record<string, unknown>>;
    }) => ({
      trace: { ...trace.trace, updatedAt: undefined },
      spans: trace.spans,
    });
    expect(comparable(viaThread)).toEqual(comparable(inPlace));
  });

  it('answers a large body that is not OTLP with 400 in the request encoding, and stays up', async () => {
    const server = await startTestServer();
    servers.push(server);
    const response = await fetch(`${server.url}/v1/traces`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: `{"resourceSpans": [${' '.repeat(INLINE_MAX_BYTES)}`,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      code: 3,
      message: expect.stringMatching(/not valid JSON/),
    });
    expect((await getJson(`${server.url}/api/health`)).body).toMatchObject({ ok: true });
  });
});
