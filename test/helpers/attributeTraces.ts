// OTLP/JSON traces whose spans carry attributes of every kind (text, int, double, boolean), for
// the attribute filter tests over the API and in the UI.
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

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
export function attributeTracesRequest(startMs: number) {
  const T0 = BigInt(startMs) * 1_000_000n;
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
