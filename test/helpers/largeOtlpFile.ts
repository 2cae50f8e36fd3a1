// A large OTLP/JSON import file for the memory and event-loop tests and the memory bench:
// 100-span traces, ~2 KB of payload per span, about `megabytes` in all. Built in parts so making
// it does not itself need a second copy of the whole document in memory.
import { spanIdOf, traceIdOf } from './server.ts';

export interface LargeOtlpFile {
  bytes: Buffer;
  traces: number;
  spans: number;
}

const SPANS_PER_TRACE = 100;

/** `firstTrace` numbers the traces, so files made for different tests never share ids. */
export function largeOtlpFile(megabytes: number, firstTrace = 1): LargeOtlpFile {
  const payload = 'lorem ipsum dolor sit amet '.repeat(75);
  const traces = Math.ceil((megabytes * 1024 * 1024) / (SPANS_PER_TRACE * 4400));
  const parts: Buffer[] = [Buffer.from('{"resourceSpans":[')];
  for (let t = 0; t < traces; t++) {
    const spans = Array.from({ length: SPANS_PER_TRACE }, (_, s) => ({
      traceId: traceIdOf(firstTrace + t),
      spanId: spanIdOf(t * SPANS_PER_TRACE + s + 1),
      parentSpanId: s === 0 ? '' : spanIdOf(t * SPANS_PER_TRACE + 1),
      name: `step ${s}`,
      kind: 1,
      startTimeUnixNano: String(1767225600000000000n + BigInt(t * 1e9 + s * 1e6)),
      endTimeUnixNano: String(1767225600000000000n + BigInt(t * 1e9 + s * 1e6 + 5e5)),
      attributes: [
        { key: 'input.value', value: { stringValue: payload } },
        { key: 'output.value', value: { stringValue: payload } },
      ],
    }));
    const resource = { resource: { attributes: [] }, scopeSpans: [{ scope: { name: 'large' }, spans }] };
    parts.push(Buffer.from(`${t > 0 ? ',' : ''}${JSON.stringify(resource)}`));
  }
  parts.push(Buffer.from(']}'));
  return { bytes: Buffer.concat(parts), traces, spans: traces * SPANS_PER_TRACE };
}
