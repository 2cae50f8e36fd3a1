// OTLP payload attributes are stored once (ingest/payloadAttributes.ts): the messages an exporter
// sends in `gen_ai.*.messages` or `input.value` become the span's input and output, and are not
// kept a second time inside the attributes; every way of reading the span rebuilds them exactly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, postJson, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const s = (v: string) => ({ stringValue: v });
const kv = (key: string, value: Record<string, unknown>) => ({ key, value });
const long = (seed: string) => `${seed} `.repeat(40);

const messagesIn = (text: string) =>
  JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: text }] }]);
const messagesOut = (text: string) =>
  JSON.stringify([{ role: 'assistant', parts: [{ type: 'text', content: text }], finish_reason: 'stop' }]);

function request(spans: Array<{ trace: number; span: number; attributes: Array<ReturnType<typeof kv>> }>) {
  return {
    resourceSpans: [
      {
        resource: { attributes: [kv('service.name', s('storage-test'))] },
        scopeSpans: [
          {
            scope: { name: 'test' },
            spans: spans.map(({ trace, span, attributes }) => ({
              traceId: hex(trace, 32),
              spanId: hex(span, 16),
              name: 'chat gpt-4o-mini',
              kind: 3,
              startTimeUnixNano: String(1_767_225_600_000_000_000n + BigInt(span) * 1_000_000n),
              endTimeUnixNano: String(1_767_225_600_000_000_000n + BigInt(span) * 1_000_000n + 500_000n),
              attributes: [
                kv('gen_ai.operation.name', s('chat')),
                kv('gen_ai.request.model', s('gpt-4o-mini')),
                ...attributes,
              ],
            })),
          },
        ],
      },
    ],
  };
}

const send = async (body: unknown) => {
  const answer = await postJson(`${server.url}/v1/traces`, body);
  expect(answer.status).toBe(200);
};
const storedAttributes = (trace: number, span: number) =>
  server.store.db
    .prepare(
      `SELECT p.attributes FROM span_payloads p JOIN spans s ON s.id = p.span_pk JOIN traces t ON t.id = s.trace_pk
       WHERE t.trace_id = ? AND s.span_id = ?`,
    )
    .pluck()
    .get(hex(trace, 32), hex(span, 16)) as string;
const spanOf = async (trace: number, span: number) =>
  (await getJson(`${server.url}/api/traces/${hex(trace, 32)}/spans/${hex(span, 16)}`)).body;

describe('OTLP payload attributes stored once', () => {
  it('keeps GenAI messages once, as input and output, and rebuilds the attributes exactly', async () => {
    const input = messagesIn(long('pangolin question'));
    const output = messagesOut(long('pangolin answer'));
    await send(
      request([
        {
          trace: 1,
          span: 1,
          attributes: [kv('gen_ai.input.messages', s(input)), kv('gen_ai.output.messages', s(output))],
        },
      ]),
    );
    const stored = storedAttributes(1, 1);
    expect(stored).not.toContain('pangolin');
    const span = await spanOf(1, 1);
    expect(span.input).toEqual([{ role: 'user', content: long('pangolin question') }]);
    expect(span.attributes['gen_ai.input.messages']).toBe(input);
    expect(span.attributes['gen_ai.output.messages']).toBe(output);
    expect(span.attributes['gen_ai.operation.name']).toBe('chat');
    expect(Object.keys(span.attributes)).not.toContain('spyglass.payload_attributes');
    // The whole trace with payloads, built in SQL, rebuilds them the same way.
    const full = await getJson(`${server.url}/api/traces/${hex(1, 32)}?include=payloads`);
    expect(full.body.spans[0].attributes).toEqual(span.attributes);
    // Stored: the messages once (in input and output), not twice.
    const bytes = server.store.db
      .prepare(
        'SELECT length(p.input) + length(p.output) + length(p.attributes) FROM span_payloads p JOIN spans s ON s.id = p.span_pk JOIN traces t ON t.id = s.trace_pk WHERE t.trace_id = ?',
      )
      .pluck()
      .get(hex(1, 32)) as number;
    expect(bytes).toBeLessThan(1.5 * (input.length + output.length));
  });

  it('keeps a conversation with tool calls and tool results once, and rebuilds it exactly', async () => {
    const input = JSON.stringify([
      { role: 'system', parts: [{ type: 'text', content: long('capybara instructions') }] },
      { role: 'user', parts: [{ type: 'text', content: 'weather in Lima?' }] },
      {
        role: 'assistant',
        parts: [{ type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: { city: 'Lima' } }],
      },
      {
        role: 'tool',
        parts: [{ type: 'tool_call_response', id: 'call_1', response: long('capybara result') }],
      },
    ]);
    const output = messagesOut(long('capybara answer'));
    await send(
      request([
        {
          trace: 9,
          span: 1,
          attributes: [kv('gen_ai.input.messages', s(input)), kv('gen_ai.output.messages', s(output))],
        },
      ]),
    );
    expect(storedAttributes(9, 1)).not.toContain('capybara');
    const span = await spanOf(9, 1);
    expect(span.input[2].tool_calls[0].function).toEqual({
      name: 'get_weather',
      arguments: { city: 'Lima' },
    });
    expect(span.input[3]).toMatchObject({ role: 'tool', tool_call_id: 'call_1' });
    expect(span.attributes['gen_ai.input.messages']).toBe(input);
    expect(span.attributes['gen_ai.output.messages']).toBe(output);
    // Arguments sent as a JSON string are read as an object: that attribute cannot be rebuilt
    // character for character, so it stays as it came.
    const stringArgs = JSON.stringify([
      {
        role: 'assistant',
        parts: [
          { type: 'tool_call', id: 'c2', name: 'lookup', arguments: JSON.stringify({ q: long('tapir') }) },
        ],
      },
    ]);
    await send(request([{ trace: 9, span: 2, attributes: [kv('gen_ai.input.messages', s(stringArgs))] }]));
    expect(storedAttributes(9, 2)).toContain('tapir');
    expect((await spanOf(9, 2)).attributes['gen_ai.input.messages']).toBe(stringArgs);
  });

  it('keeps input.value text once; an attribute the payload cannot rebuild stays as it came', async () => {
    const question = long('ocelot');
    // Spacing the payload's JSON would not reproduce: kept in the attributes as sent.
    const spaced = `[ {"role": "user", "parts": [{"type": "text", "content": ${JSON.stringify(long('okapi'))}}]} ]`;
    await send(
      request([
        {
          trace: 2,
          span: 1,
          attributes: [kv('openinference.span.kind', s('LLM')), kv('input.value', s(question))],
        },
        { trace: 2, span: 2, attributes: [kv('gen_ai.input.messages', s(spaced))] },
      ]),
    );
    expect(storedAttributes(2, 1)).not.toContain('ocelot');
    expect((await spanOf(2, 1)).attributes['input.value']).toBe(question);
    expect(storedAttributes(2, 2)).toContain('okapi');
    expect((await spanOf(2, 2)).attributes['gen_ai.input.messages']).toBe(spaced);
  });

  it('rebuilds from the right payloads when a span is sent again with other messages', async () => {
    const first = messagesIn(long('first capybara'));
    const second = messagesIn(long('second capybara'));
    await send(request([{ trace: 3, span: 1, attributes: [kv('gen_ai.input.messages', s(first))] }]));
    await send(request([{ trace: 3, span: 1, attributes: [kv('gen_ai.input.messages', s(second))] }]));
    expect((await spanOf(3, 1)).attributes['gen_ai.input.messages']).toBe(second);
    // Both in one request: the later one wins, rebuilt from its own input.
    const third = messagesIn(long('third capybara'));
    const other = messagesOut(long('other wombat'));
    await send(
      request([
        { trace: 4, span: 1, attributes: [kv('gen_ai.input.messages', s(first))] },
        {
          trace: 4,
          span: 1,
          attributes: [kv('gen_ai.input.messages', s(third)), kv('gen_ai.output.messages', s(other))],
        },
      ]),
    );
    const merged = await spanOf(4, 1);
    expect(merged.attributes['gen_ai.input.messages']).toBe(third);
    expect(merged.attributes['gen_ai.output.messages']).toBe(other);
    expect(merged.input).toEqual([{ role: 'user', content: long('third capybara') }]);
  });

  it('attribute filters and key suggestions see the rebuilt attributes, never the marker', async () => {
    const input = messagesIn(long('quokka question'));
    await send(request([{ trace: 5, span: 1, attributes: [kv('gen_ai.input.messages', s(input))] }]));
    expect(storedAttributes(5, 1)).not.toContain('quokka');
    const list = async (attr: string) =>
      (await getJson(`${server.url}/api/traces?attr=${encodeURIComponent(attr)}`)).body.traces.map(
        (t: { traceId: string }) => t.traceId,
      );
    expect(await list('gen_ai.input.messages')).toContain(hex(5, 32));
    expect(await list(`gen_ai.input.messages=${input}`)).toEqual([hex(5, 32)]);
    const keys = (await getJson(`${server.url}/api/values/attr?q=`)).body.values.map(
      (v: { value: string }) => v.value,
    );
    expect(keys).toContain('gen_ai.input.messages');
    expect(keys).not.toContain('spyglass.payload_attributes');
  });
});
