// A file imported a piece at a time (src/server/files/importInPieces.ts) must be stored exactly as
// the same file read whole (prepareImport), be refused the same way when damaged (same fields,
// same byte offsets), and leave nothing behind when refused. Each case runs both paths into real
// SQLite files and compares what they hold.
import { afterEach, describe, expect, it } from 'vitest';
import { type ImportSink, ImportError, importInPieces, prepareImport } from '../../src/server/files/index.ts';
import { PIECE_BYTES } from '../../src/server/files/otlpJsonPieces.ts';
import { Store } from '../../src/server/store/index.ts';
import { makeTempDir, type TempDir } from '../helpers/tmp.ts';

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const payload = 'lorem ipsum dolor sit amet '.repeat(40);

/** A span as OTLP/JSON; `t` picks its trace, `n` its id. */
function span(t: number, n: number, extra: Record<string, unknown> = {}) {
  return {
    traceId: hex(0xabc00 + t, 32),
    spanId: hex(n + 1, 16),
    parentSpanId: n % 50 === 0 ? '' : hex(n - (n % 50) + 1, 16),
    name: `step ${n}`,
    kind: 1,
    startTimeUnixNano: String(1767225600000000000n + BigInt(n) * 1_000_000n),
    endTimeUnixNano: String(1767225600000000000n + BigInt(n) * 1_000_000n + 500_000n),
    attributes: [
      { key: 'input.value', value: { stringValue: `${n} ${payload}` } },
      { key: 'gen_ai.request.model', value: { stringValue: 'gpt-4o-mini' } },
    ],
    ...extra,
  };
}

/** Two resources, the second with two scopes, ~1,000 spans: several pieces per spans array. */
function request(damage?: (spans: Record<string, unknown>[]) => void) {
  const spans = (t: number, from: number, count: number) =>
    Array.from({ length: count }, (_, i) => span(t, from + i));
  const last = spans(2, 600, 400);
  damage?.(last);
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'one' } }] },
        scopeSpans: [{ scope: { name: 'a' }, spans: spans(1, 0, 400) }],
      },
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'two' } }] },
        scopeSpans: [
          { scope: { name: 'b' }, spans: spans(2, 400, 200) },
          { scope: { name: 'c' }, spans: last, schemaUrl: 'https://opentelemetry.io/schemas/1.30.0' },
        ],
      },
    ],
  };
}

let dir: TempDir;
const stores: Store[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
  dir?.remove();
});

function openStore(name: string): Store {
  dir ??= makeTempDir();
  const store = new Store(dir.file(name));
  stores.push(store);
  return store;
}

/** Imports through importInPieces in one bulk transaction, as IngestQueue.exclusive does. */
async function importPieces(store: Store, bytes: Buffer): Promise<{ pieces: number; error?: ImportError }> {
  let pieces = 0;
  const sink: ImportSink = {
    commit: (batch) => {
      pieces++;
      store.applyBatches([batch]);
    },
    discard: () => {
      store.endBulk(false);
      pieces = 0;
      store.beginBulk();
    },
  };
  store.beginBulk();
  try {
    await importInPieces(bytes, sink);
    store.endBulk(true);
    return { pieces };
  } catch (error) {
    store.endBulk(false);
    if (error instanceof ImportError) return { pieces, error };
    throw error;
  }
}

function importWhole(store: Store, bytes: Buffer): ImportError | undefined {
  try {
    store.applyBatches([prepareImport(bytes).batch]);
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
}

/** What a store holds, without the times of writing. */
function contents(store: Store): unknown[] {
  const traces = store
    .listTraces({ limit: 100 })
    .traces.map((t) => t.traceId)
    .sort();
  return traces.map((id) => {
    const { trace, spans } = JSON.parse(store.getTraceJson(id, { payloads: true })!);
    const { updatedAt: _updated, ...rest } = trace;
    return { trace: rest, spans };
  });
}

async function bothWays(bytes: Buffer) {
  dir = makeTempDir();
  const pieced = openStore('pieces.db');
  const whole = openStore('whole.db');
  const result = await importPieces(pieced, bytes);
  const wholeError = importWhole(whole, bytes);
  return { pieced, whole, result, wholeError };
}

describe('importing an OTLP/JSON file a piece at a time', () => {
  it('stores what reading it whole stores, in several pieces', async () => {
    const bytes = Buffer.from(JSON.stringify(request()));
    const { pieced, whole, result, wholeError } = await bothWays(bytes);
    expect(wholeError).toBeUndefined();
    expect(result.error).toBeUndefined();
    expect(result.pieces).toBeGreaterThanOrEqual(Math.floor(bytes.length / PIECE_BYTES));
    expect(result.pieces).toBeGreaterThan(3);
    const stored = contents(pieced);
    expect(stored).toHaveLength(2);
    expect(stored).toEqual(contents(whole));
  });

  it('JSON lines, pretty-printed JSON and a byte order mark: the same as read whole', async () => {
    const one = request();
    const lines = Buffer.from(
      `${JSON.stringify({ resourceSpans: [one.resourceSpans[0]] })}\n${JSON.stringify({ resourceSpans: [one.resourceSpans[1]] })}\n`,
    );
    const pretty = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(JSON.stringify(one, null, 2)),
    ]);
    for (const bytes of [lines, pretty]) {
      const { pieced, whole, result, wholeError } = await bothWays(bytes);
      expect(wholeError).toBeUndefined();
      expect(result.error).toBeUndefined();
      expect(contents(pieced)).toEqual(contents(whole));
      for (const store of stores.splice(0)) store.close();
    }
  });

  it('a damaged span in a late piece: refused as read whole (same fields), nothing stored', async () => {
    const bytes = Buffer.from(
      JSON.stringify(
        request((spans) => {
          spans[350]!.spanId = 'not hex';
          spans[399]!.traceId = '';
        }),
      ),
    );
    const { pieced, result, wholeError } = await bothWays(bytes);
    expect(wholeError?.status).toBe(422);
    expect(result.error?.status).toBe(422);
    expect(result.error?.field).toBe('resourceSpans[1].scopeSpans[1].spans[350].spanId');
    expect(result.error?.toBody()).toEqual(wholeError?.toBody());
    expect(pieced.listTraces({ limit: 10 }).traces).toHaveLength(0);
  });

  it('a syntax error after many pieces: the same byte offset as read whole, nothing stored', async () => {
    const text = JSON.stringify(request());
    const at = text.lastIndexOf('"name":"step 900"');
    const bytes = Buffer.from(`${text.slice(0, at)}"name":"step 900",,${text.slice(at + 17)}`);
    const { pieced, result, wholeError } = await bothWays(bytes);
    expect(wholeError?.status).toBe(400);
    expect(result.error?.toBody()).toEqual(wholeError?.toBody());
    expect(result.error?.offset).toBe(wholeError?.offset);
    expect(pieced.listTraces({ limit: 10 }).traces).toHaveLength(0);
  });

  it('a resource written after its spans: read whole instead, so the spans get it', async () => {
    const one = request();
    const [first, second] = one.resourceSpans;
    const reordered = {
      resourceSpans: [{ scopeSpans: first!.scopeSpans, resource: first!.resource }, second],
    };
    const { pieced, whole, result, wholeError } = await bothWays(Buffer.from(JSON.stringify(reordered)));
    expect(wholeError).toBeUndefined();
    expect(result.error).toBeUndefined();
    expect(contents(pieced)).toEqual(contents(whole));
    const trace = JSON.parse(pieced.getTraceJson(hex(0xabc01, 32))!).trace;
    expect(trace.service).toBe('one');
  });

  it('a Spyglass trace file and an empty request go the whole-file way, with its answers', async () => {
    const { result } = await bothWays(Buffer.from('{"resourceSpans":[]}'));
    expect(result.error?.message).toMatch(/holds no spans/);
    const foreign = await bothWays(Buffer.from('{"format":"other","traces":[]}'));
    expect(foreign.result.error?.toBody()).toEqual(foreign.wholeError?.toBody());
  });
});
