// GET /api/traces/:traceId?format=columns (docs/protocol.md, "Columnar trace skeleton"): for a
// realistic trace — orphans, running spans, a span seen only by its end, errors, nulls, unicode,
// microsecond times, long previews — the columnar answer decodes to exactly the spans of the
// default answer, field by field and in the same order; and the parameter is checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decodeTraceColumns,
  TRACE_COLUMNS_MEDIA_TYPE,
  type TraceColumnsAnswer,
} from '../../src/shared/traceColumns.ts';
import type { WireEvent } from '../../sdk/src/protocol.ts';
import { SPAN_ORDER } from '../../src/server/store/spanJson.ts';
import { PART_SQL } from '../../src/server/store/traceColumns.ts';
import { readColumnsAnswer } from '../../src/renderer/src/api/columnsStream.ts';
import {
  getJson,
  ingestRequest,
  postIngest,
  spanIdOf,
  startTestServer,
  traceIdOf,
  wire,
  type TestServer,
} from '../helpers/server.ts';

const T0 = Date.UTC(2026, 0, 1) + 0.123; // fractions of a millisecond carry microseconds
const TRACE = traceIdOf(0xc01);
let server: TestServer;

function realisticTrace(): WireEvent[] {
  const t = TRACE;
  const events: WireEvent[] = [wire.traceStart(t, T0, { name: 'résumé agent 🔍' })];
  events.push(
    wire.spanStart(t, spanIdOf(1), null, T0, { name: 'agent', type: 'agent', input: { q: 'naïve 質問 🚀' } }),
  );
  for (let i = 2; i < 60; i++) {
    const start = T0 + i * 1.001;
    const llm = i % 3 === 0;
    events.push(
      wire.spanStart(t, spanIdOf(i), spanIdOf(1), start, {
        name: llm ? 'chat' : `tool ${i % 5} — ✓`,
        type: llm ? 'llm' : i % 7 === 0 ? 'retrieval' : 'tool',
        ...(llm
          ? { model: i % 2 ? 'gpt-4o' : 'claude-3-5-haiku', provider: i % 2 ? 'openai' : 'anthropic' }
          : {}),
        ...(i % 4 === 0 ? { stepOrder: i } : {}),
        ...(i % 11 === 0 ? { destructive: true } : {}),
        // Some previews run past the stored length and are cut with an ellipsis.
        input:
          i % 2 ? `${'ß'.repeat(i * 5)} 🧪 "quoted" \\ \n tab\t` : { args: [i, null, true], note: '日本語' },
      }),
    );
    if (i % 13 === 0) continue; // still running
    events.push(
      wire.spanEnd(t, spanIdOf(i), start + 0.5 + i / 1000, {
        ...(llm
          ? {
              promptTokens: 100 + i,
              completionTokens: i,
              timeToFirstTokenMs: 12.5,
              ...(i % 2 ? {} : { costUsd: 0.000123 * i }),
            }
          : {}),
        ...(i % 17 === 0
          ? { status: 'error', error: { message: 'Timed out — 超时', type: 'TimeoutError' } }
          : {}),
        ...(i % 19 === 0 ? { error: { message: 'no status, but an error' } } : {}),
        output: i % 5 ? `answer ${i} ✅` : undefined,
      }),
    );
  }
  // An orphan (its parent never arrives) and a span known only from its end (no start time).
  events.push(wire.spanStart(t, spanIdOf(100), spanIdOf(999), T0 + 70, { name: 'orphan', type: 'custom' }));
  events.push(wire.spanEnd(t, spanIdOf(100), T0 + 71));
  events.push(wire.spanEnd(t, spanIdOf(101), T0 + 72, { name: 'end only' }));
  events.push(wire.spanEnd(t, spanIdOf(1), T0 + 80));
  return events;
}

beforeAll(async () => {
  server = await startTestServer();
  const { status, body } = await postIngest(server.url, ingestRequest(realisticTrace()));
  expect(status, JSON.stringify(body)).toBe(200);
  expect(body.rejected).toBe(0);
});
afterAll(async () => {
  await server.close();
});

describe('GET /api/traces/:traceId?format=columns', () => {
  it('decodes to exactly the spans of the default answer, in the same order, without previews', async () => {
    const plain = await getJson(`${server.url}/api/traces/${TRACE}`);
    const columnar = await getJson<TraceColumnsAnswer>(`${server.url}/api/traces/${TRACE}?format=columns`);
    expect(columnar.status).toBe(200);
    expect(columnar.headers.get('content-type')).toContain(TRACE_COLUMNS_MEDIA_TYPE);
    expect(columnar.body.trace).toEqual(plain.body.trace);
    expect(columnar.body.spanCount).toBe(plain.body.spans.length);
    const decoded = decodeTraceColumns(columnar.body);
    expect(decoded.length).toBe(plain.body.spans.length);
    for (let i = 0; i < decoded.length; i++) {
      const want = plain.body.spans[i];
      const got = decoded[i] as unknown as Record<string, unknown>;
      expect(Object.keys(got), `span ${i}`).toEqual(Object.keys(want));
      for (const key of Object.keys(want)) {
        // Previews stay out of the skeleton: they were most of its bytes (traceColumns.ts).
        const expected = key === 'inputPreview' || key === 'outputPreview' ? null : want[key];
        expect(got[key], `span ${want.spanId} ${key}`).toStrictEqual(expected);
      }
    }
    // Siblings share their parent's id, so each part sends it once: 57 spans under the root, and
    // the root, the orphan's missing parent and null (roots, spans seen only by their end).
    const parents = columnar.body.parts[0]!.columns.parentSpanId;
    expect(new Set(parents.dict)).toEqual(new Set([null, spanIdOf(1), spanIdOf(999)]));
    expect(parents.index.length).toBe(plain.body.spans.length);
    // The cases the trace was built to have are really there.
    const spans = plain.body.spans as Array<Record<string, any>>;
    expect(spans.some((s) => s.status === 'running')).toBe(true);
    expect(spans.some((s) => s.status === 'error' && s.error)).toBe(true);
    expect(spans.some((s) => s.parentSpanId === spanIdOf(999))).toBe(true);
    expect(spans.some((s) => s.startTime === null && s.endTime !== null)).toBe(true);
    expect(spans.some((s) => s.inputPreview?.endsWith('…'))).toBe(true);
    expect(spans.some((s) => s.costSource !== null)).toBe(true);
  });

  it("walks a trace's spans in answer order through spans_in_order, then reads each part by row id, with no sort", () => {
    // Through spans_by_trace (trace_pk, span_id) the rows came in random order and were sorted:
    // at 100,000 spans, about half the time before the skeleton's first byte (migration v11).
    const db = server.store.db;
    const plan = (sql: string, params: unknown) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail);
    // The ids of both answers, in order: the default answer's pieces and the columnar parts.
    const ids = plan(`SELECT s.id FROM spans s WHERE s.trace_pk = ? ORDER BY ${SPAN_ORDER}`, [1]);
    expect(ids).toEqual(['SEARCH s USING COVERING INDEX spans_in_order (trace_pk=?)']);
    const part = plan(PART_SQL, { pks: '[1,2]', base: 0 });
    expect(part.join('\n')).toMatch(
      /SCAN j VIRTUAL TABLE[\s\S]*SEARCH s USING INTEGER PRIMARY KEY \(rowid=\?\)/,
    );
    expect(part.join('\n')).not.toMatch(/TEMP B-TREE/);
  });

  it('is sent as it is built: the head on its own line, then a line per part, each usable on arrival', async () => {
    const response = await fetch(`${server.url}/api/traces/${TRACE}?format=columns`);
    // Streamed (chunked), so its length is not known before the last part is built.
    expect(response.headers.get('content-length')).toBeNull();
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    const items = [];
    for await (const item of readColumnsAnswer(response.body!)) items.push(item);
    const plain = await getJson(`${server.url}/api/traces/${TRACE}`);
    expect(items[0]).toEqual({
      head: expect.objectContaining({ trace: plain.body.trace, spanCount: plain.body.spans.length }),
    });
    expect(items.length).toBeGreaterThan(1);
  });

  it('splits a trace into parts of the given size, each with its own dictionaries, built one at a time', () => {
    const whole = JSON.parse([...server.store.traceColumnsPieces(TRACE)!].join('')) as TraceColumnsAnswer;
    expect(whole.parts).toHaveLength(1);
    const pieces = server.store.traceColumnsPieces(TRACE, { spansPerPart: 7 })![Symbol.iterator]();
    const head = pieces.next().value as string;
    expect(head.endsWith('"parts":[\n')).toBe(true);
    const first = pieces.next().value as string;
    expect(first.endsWith(',\n')).toBe(true);
    const rest = [...{ [Symbol.iterator]: () => pieces }];
    const split = JSON.parse(head + first + rest.join('')) as TraceColumnsAnswer;
    expect(split.parts.map((p) => p.from)).toEqual(
      Array.from({ length: Math.ceil(whole.spanCount / 7) }, (_, i) => i * 7),
    );
    expect(split.parts.every((p) => p.columns.spanId.length <= 7)).toBe(true);
    // A part's dictionary lists only its own values.
    expect(split.parts[0]!.columns.name.dict.length).toBeLessThan(whole.parts[0]!.columns.name.dict.length);
    expect(decodeTraceColumns(split)).toEqual(decodeTraceColumns(whole));
  });

  it('is a fraction of the default answer, with repeated strings dictionary-encoded', async () => {
    const plain = await fetch(`${server.url}/api/traces/${TRACE}`).then((r) => r.text());
    const text = await fetch(`${server.url}/api/traces/${TRACE}?format=columns`).then((r) => r.text());
    expect(text.length).toBeLessThan(plain.length * 0.75);
    const { columns } = (JSON.parse(text) as TraceColumnsAnswer).parts[0]!;
    expect(columns.type.dict.length).toBeLessThan(6);
    expect(columns.status.dict.slice().sort()).toEqual(['error', 'running', 'success']);
  });

  it('queries each part only when the writer asks for it: a span that ends between parts shows ended in a later one', async () => {
    const t = traceIdOf(0xc03);
    const events: WireEvent[] = [wire.traceStart(t, T0)];
    for (let i = 1; i <= 20; i++) events.push(wire.spanStart(t, spanIdOf(i), null, T0 + i));
    await postIngest(server.url, ingestRequest(events));
    const pieces = server.store.traceColumnsPieces(t, { spansPerPart: 7 })![Symbol.iterator]();
    const written = [pieces.next().value, pieces.next().value];
    // No statement is open between parts (ingest goes on), and the ids were read up front.
    const ended = await postIngest(server.url, ingestRequest([wire.spanEnd(t, spanIdOf(20), T0 + 50)]));
    expect(ended.status).toBe(200);
    written.push(...{ [Symbol.iterator]: () => pieces });
    const answer = JSON.parse(written.join('')) as TraceColumnsAnswer;
    expect(answer.spanCount).toBe(20);
    const spans = decodeTraceColumns(answer);
    expect(spans.map((s) => s.spanId)).toEqual(Array.from({ length: 20 }, (_, i) => spanIdOf(i + 1)));
    expect(spans[0]!.status).toBe('running');
    expect(spans[19]!.status).toBe('success');
  });

  it('is also chosen by the Accept header', async () => {
    const viaAccept = await getJson(`${server.url}/api/traces/${TRACE}`, {
      headers: { accept: TRACE_COLUMNS_MEDIA_TYPE },
    });
    const viaQuery = await getJson(`${server.url}/api/traces/${TRACE}?format=columns`);
    expect(viaAccept.status).toBe(200);
    expect(viaAccept.body).toEqual(viaQuery.body);
  });

  it('answers an empty trace with no parts', async () => {
    const t = traceIdOf(0xc02);
    await postIngest(server.url, ingestRequest([wire.traceStart(t, T0)]));
    const { status, body } = await getJson<TraceColumnsAnswer>(
      `${server.url}/api/traces/${t}?format=columns`,
    );
    expect(status).toBe(200);
    expect(body.spanCount).toBe(0);
    expect(body.parts).toEqual([]);
    expect(decodeTraceColumns(body)).toEqual([]);
  });

  it('checks the parameter: unknown format, with include, unknown trace', async () => {
    const bad = await getJson(`${server.url}/api/traces/${TRACE}?format=rows`);
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('format');
    const both = await getJson(`${server.url}/api/traces/${TRACE}?format=columns&include=payloads`);
    expect(both.status).toBe(400);
    expect(both.body.field).toBe('include');
    const missing = await getJson(`${server.url}/api/traces/${traceIdOf(0xdead)}?format=columns`);
    expect(missing.status).toBe(404);
  });
});
