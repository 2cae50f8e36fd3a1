// Query speed with a realistic amount of data: 100,000 traces (200,000 spans; BENCH_QUERY_TRACES
// and BENCH_QUERY_SPANS_PER_TRACE scale it: 20 spans a trace is issue 17's 2M spans) plus one
// 10,000-span and one 100,000-span trace. Trace list (newest first, filters, search, deep paging)
// and trace skeleton loads, over HTTP against a running server, with the ceilings alongside: the
// store call without HTTP, and for skeletons the JS-objects path that SQLite-built JSON replaces.
import { setTimeout as sleep } from 'node:timers/promises';
import type { WireEvent } from '../sdk/src/protocol.ts';
import type { NormalizedBatch, SpanPatch } from '../src/server/ingest/model.ts';
import type { TraceListQuery } from '../src/shared/types.ts';
import { startServer } from '../src/server/index.ts';
import { Store } from '../src/server/store/index.ts';
import { benchDir, type Figure, median, nowMs, percentile, report, sample, text } from './lib.ts';

const TRACES = Number(process.env.BENCH_QUERY_TRACES ?? 100_000);
/** Spans per small trace: an agent root, one LLM call, then tool calls (~100 B of input each). */
const SPANS_PER_TRACE = Math.max(2, Number(process.env.BENCH_QUERY_SPANS_PER_TRACE ?? 2));
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const T0 = Date.UTC(2026, 0, 1) * 1000;
const MODELS = ['gpt-4o', 'gpt-4o-mini', 'claude-3-5-haiku', 'llama-3.1-70b'];

/** Trace i: an agent root and one LLM call, ~300 B of payload each; every 7th fails. */
function smallTraces(from: number, count: number): NormalizedBatch {
  const batch: NormalizedBatch = { traces: [], spans: [], rejected: [] };
  for (let i = from; i < from + count; i++) {
    const traceId = hex(i + 1, 32);
    const startUs = T0 + i * 1_000_000;
    batch.traces.push({
      traceId,
      name: `agent run ${i}`,
      startUs,
      tags: i % 10 === 0 ? ['nightly'] : ['dev'],
      ended: true,
      endUs: startUs + 2_000,
    });
    batch.spans.push({
      traceId,
      spanId: hex(1, 16),
      parentSpanId: null,
      name: 'agent',
      type: 'agent',
      startUs,
      endUs: startUs + 2_000,
      status: i % 7 === 0 ? 'error' : 'success',
      input: { question: text(i, 150) },
    });
    batch.spans.push({
      traceId,
      spanId: hex(2, 16),
      parentSpanId: hex(1, 16),
      name: 'chat',
      type: 'llm',
      model: MODELS[i % MODELS.length],
      startUs: startUs + 100,
      endUs: startUs + 1_900,
      promptTokens: 100,
      completionTokens: 20,
      costUsd: 0.0002,
      input: text(i + 1, 150),
      output: text(i + 2, 150),
    });
    for (let k = 2; k < SPANS_PER_TRACE; k++) {
      batch.spans.push({
        traceId,
        spanId: hex(k + 1, 16),
        parentSpanId: hex(1, 16),
        name: 'tool call',
        type: 'tool',
        startUs: startUs + 100 + k,
        endUs: startUs + 200 + k,
        input: text(i * 31 + k, 100),
      });
    }
  }
  return batch;
}

/** One trace of `count` spans: a root, 100 agent steps under it, the rest spread under the steps. */
function bigTrace(
  traceId: string,
  count: number,
  from: number,
  to: number,
  startUs: number,
): NormalizedBatch {
  const spans: SpanPatch[] = [];
  for (let i = from; i < Math.min(to, count); i++) {
    const parent = i === 0 ? null : i <= 100 ? hex(1, 16) : hex(2 + (i % 100), 16);
    spans.push({
      traceId,
      spanId: hex(i + 1, 16),
      parentSpanId: parent,
      name: i <= 100 ? `step ${i}` : `tool call ${i}`,
      type: i % 3 ? 'tool' : 'llm',
      model: i % 3 ? undefined : 'gpt-4o-mini',
      startUs: startUs + i * 10,
      endUs: startUs + i * 10 + 8,
      promptTokens: i % 3 ? undefined : 50,
      completionTokens: i % 3 ? undefined : 10,
      input: text(i, 300),
      output: text(i + 5, 200),
    });
  }
  return { traces: from === 0 ? [{ traceId, name: `big trace ${count}` }] : [], spans, rejected: [] };
}

/** Paced SDK ingest while searching: requests per second, and traces × spans per request. */
const INGEST_RPS = 20;
const INGEST_TRACES = 10;
const INGEST_SPANS = 10;

/** One ingest request of new traces (ids of their own), their spans' text drawn like the rest. */
function ingestBody(request: number): string {
  const events: WireEvent[] = [];
  const time = Date.now();
  for (let j = 0; j < INGEST_TRACES; j++) {
    const traceId = `c${hex(request * INGEST_TRACES + j, 31)}`;
    events.push({ kind: 'trace.start', traceId, name: `live run ${request}.${j}`, time });
    for (let k = 0; k < INGEST_SPANS; k++) {
      const spanId = hex(k + 1, 16);
      const seed = (request * INGEST_TRACES + j) * INGEST_SPANS + k;
      events.push(
        {
          kind: 'span.start',
          traceId,
          spanId,
          parentSpanId: k === 0 ? null : hex(1, 16),
          name: k === 0 ? 'agent' : 'tool call',
          type: k === 0 ? 'agent' : 'tool',
          time,
          input: text(seed, 300),
        },
        { kind: 'span.end', traceId, spanId, time: time + 1, status: 'success', output: text(seed + 1, 200) },
      );
    }
    events.push({ kind: 'trace.end', traceId, time: time + 2, status: 'success' });
  }
  return JSON.stringify({ protocol: 1, events });
}

/**
 * q= while paced SDK requests arrive over HTTP (same process, as in the collector). A search first
 * waits for the search thread to index what is unindexed (bounded, searchIndex.ts), then runs: both parts are timed, the search
 * against FTS5's own newest-50 timed beside it, and the index lag the answers report.
 */
async function searchDuringIngest(server: Awaited<ReturnType<typeof startServer>>) {
  let stop = false;
  let requests = 0;
  const ingest = (async () => {
    const started = nowMs();
    while (!stop) {
      const wait = started + (requests * 1000) / INGEST_RPS - nowMs();
      if (wait > 0) await sleep(wait);
      const response = await fetch(`${server.url}/api/ingest`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: ingestBody(requests),
      });
      if (response.status !== 200 && response.status !== 202)
        throw new Error(`ingest answered ${response.status}`);
      await response.arrayBuffer();
      requests++;
    }
    return nowMs() - started;
  })();
  const figures = [];
  try {
    await sleep(1_000);
    for (const [label, word] of [
      ['common word', 'kakaka'],
      ['rare word', 'uxuxux'],
    ] as const) {
      const newest50 = server.store.db.prepare(
        'SELECT rowid FROM span_fts WHERE span_fts MATCH ? ORDER BY rowid DESC LIMIT 50',
      );
      const catchUp: number[] = [];
      const search: number[] = [];
      const ceiling: number[] = [];
      const lags: number[] = [];
      for (let i = 0; i < 40; i++) {
        await sleep(1000 / INGEST_RPS);
        let start = nowMs();
        await server.store.catchUpSearch();
        catchUp.push(nowMs() - start);
        start = nowMs();
        const answer = server.store.listTraces({ q: word });
        search.push(nowMs() - start);
        lags.push(answer.searchLagMs ?? 0);
        start = nowMs();
        newest50.all(`"${word}"*`);
        ceiling.push(nowMs() - start);
      }
      figures.push(
        {
          label: `q=${word}: index catch-up before the search`,
          value: median(catchUp),
          unit: 'ms',
          note: label,
        },
        { label: '  then the search (store call)', value: median(search), unit: 'ms' },
        { label: '  FTS5 newest-50 rowids (ceiling)', value: median(ceiling), unit: 'ms' },
        {
          label: '  q= / ceiling, while ingest runs',
          value: median(search) / median(ceiling),
          unit: '×',
          goal: { max: 10 },
        },
        { label: '  index lag the answers report, max', value: Math.max(...lags), unit: 'ms' },
      );
    }
  } finally {
    stop = true;
  }
  const ingestMs = await ingest;
  figures.push({
    label: 'ingest meanwhile (paced SDK requests over HTTP)',
    value: (requests * INGEST_TRACES * INGEST_SPANS) / (ingestMs / 1000),
    unit: 'spans/s',
    note: `goal ${INGEST_RPS * INGEST_TRACES * INGEST_SPANS} spans/s paced`,
  });
  return figures;
}

const dir = benchDir('query');
try {
  const dbPath = dir.file('query.db');
  const store = new Store(dbPath);
  let start = nowMs();
  const perBatch = Math.max(50, Math.floor(2_000 / SPANS_PER_TRACE));
  for (let i = 0; i < TRACES; i += perBatch)
    store.applyBatches([smallTraces(i, Math.min(perBatch, TRACES - i))]);
  const loadSmallMs = nowMs() - start;
  // Ids with a leading f: no small trace (ids 1…TRACES) has them, so the big traces are traces of
  // their own (hex(0xb10, 32) was small trace 2832's id, and the 10,000 spans merged into it).
  const big10k = `f${hex(0xb10, 31)}`;
  const big100k = `f${hex(0xb100, 31)}`;
  start = nowMs();
  for (let i = 0; i < 10_000; i += 5_000)
    store.applyBatches([bigTrace(big10k, 10_000, i, i + 5_000, T0 - 10_000_000_000)]);
  for (let i = 0; i < 100_000; i += 5_000)
    store.applyBatches([bigTrace(big100k, 100_000, i, i + 5_000, T0 - 20_000_000_000)]);
  const loadBigMs = nowMs() - start;
  start = nowMs();
  const { indexed } = store.indexSearch();
  const indexMs = nowMs() - start;
  store.close();
  report('Query bench: data set', [
    {
      label: `loaded ${TRACES.toLocaleString('en-US')} traces, ${(TRACES * SPANS_PER_TRACE).toLocaleString('en-US')} spans (store, no HTTP)`,
      value: loadSmallMs / 1000,
      unit: 's',
    },
    { label: 'loaded one 10,000-span and one 100,000-span trace', value: loadBigMs / 1000, unit: 's' },
    { label: `full-text indexed ${indexed.toLocaleString('en-US')} rows`, value: indexMs / 1000, unit: 's' },
  ]);

  const server = await startServer({ dbPath, port: 0 });
  try {
    const get = async (path: string) => {
      // A phase that holds the event loop for seconds (the in-process store calls on a loaded
      // machine) lets the server close the client's kept-alive socket: the first fetch after it
      // fails with ECONNRESET, and once more on a fresh socket succeeds.
      const response = await fetch(server.url + path).catch(() => fetch(server.url + path));
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
      return response.text();
    };
    const list = async (label: string, path: string, runs = 40) => {
      const times = await sample(() => get(path), runs);
      return { label, value: median(times), unit: 'ms', note: `p95 ${percentile(times, 95).toFixed(1)} ms` };
    };
    // A cursor 100 pages deep.
    let cursor: string | null = null;
    for (let page = 0; page < 100; page++) {
      const body = JSON.parse(
        await get(`/api/traces?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
      ) as { nextCursor: string | null };
      cursor = body.nextCursor;
    }
    const first = await list('GET /api/traces (newest 50), median', '/api/traces');
    const direct = await sample(() => server.store.listTraces({}), 40);
    report(`Trace list over ${TRACES.toLocaleString('en-US')} traces (HTTP, median of 40)`, [
      { ...first, goal: { max: 50 } },
      { label: 'same, store call without HTTP', value: median(direct), unit: 'ms' },
      await list('limit=500', '/api/traces?limit=500', 20),
      await list('page 101 by cursor', `/api/traces?cursor=${encodeURIComponent(cursor!)}`),
      await list('status=error', '/api/traces?status=error'),
      await list('model=claude-3-5-haiku', '/api/traces?model=claude-3-5-haiku'),
      await list('tag=nightly', '/api/traces?tag=nightly'),
      await list('name=run 4242 (substring)', '/api/traces?name=run%204242', 10),
      await list(
        'since/until (one day)',
        `/api/traces?since=${T0 / 1000 + 86_400_000}&until=${T0 / 1000 + 2 * 86_400_000}`,
      ),
      await list(
        `q= a word in payloads (full-text)`,
        `/api/traces?q=${encodeURIComponent(text(7, 6).trim())}`,
        20,
      ),
      await list(`q= a rare word (full-text)`, '/api/traces?q=uxuxux', 20),
    ]);

    // Every filter and combination against the roll-up query (the newest page, no filter), in the
    // store: a first page with whatever total it carries. The exact count of a combination is its
    // own request (GET /api/traces/count), printed alongside without a goal.
    {
      const rollUp = median(await sample(() => server.store.listTraces({}), 40));
      const word = text(7, 6).trim();
      const filters: [string, TraceListQuery][] = [
        ['status=error', { status: 'error' }],
        ['model=claude-3-5-haiku', { model: 'claude-3-5-haiku' }],
        ['model=gpt (two models)', { model: 'gpt' }],
        ['tag=nightly', { tag: 'nightly' }],
        ['name=run 4242 (substring of 100,000 distinct names)', { name: 'run 4242' }],
        ['since/until (one day)', { since: T0 / 1000 + 86_400_000, until: T0 / 1000 + 2 * 86_400_000 }],
        ['status=error & model=claude', { status: 'error', model: 'claude' }],
        ['model=claude & tag=nightly', { model: 'claude', tag: 'nightly' }],
        ['status=error & tag=nightly & model=gpt', { status: 'error', tag: 'nightly', model: 'gpt' }],
        ['q= rare word & model=llama', { q: 'uxuxux', model: 'llama' }],
        [`q= a word in payloads & tag=nightly`, { q: word, tag: 'nightly' }],
        [`q= a word in payloads & status=error`, { q: word, status: 'error' }],
      ];
      const figures: Figure[] = [
        { label: 'roll-up: newest 50, no filter (store call)', value: rollUp, unit: 'ms' },
      ];
      const newest50 = server.store.db.prepare(
        'SELECT rowid FROM span_fts WHERE span_fts MATCH ? ORDER BY rowid DESC LIMIT 50',
      );
      for (const [label, query] of filters) {
        const ms = median(await sample(() => server.store.listTraces(query), 20));
        if (query.q) {
          // A search with a filter is held to the search's goal: against FTS5's own newest 50 of
          // the word, which no search can beat (the roll-up reads no doclist at all).
          const ceiling = median(await sample(() => newest50.all(`"${query.q}"*`), 20));
          figures.push({
            label: `  ${label} / FTS5 newest-50`,
            value: ms / ceiling,
            unit: '×',
            goal: { max: 10 },
            note: `${ms.toFixed(2)} ms; ${(ms / rollUp).toFixed(1)} × the roll-up`,
          });
          continue;
        }
        const countMs = median(await sample(() => server.store.countTraces(query), 5, 1));
        figures.push({
          label: `  ${label} / roll-up`,
          value: ms / rollUp,
          unit: '×',
          goal: { max: 10 },
          note: `${ms.toFixed(2)} ms; exact count ${countMs.toFixed(1)} ms`,
        });
      }
      report(
        `Filters against the roll-up query over ${TRACES.toLocaleString('en-US')} traces (store, median)`,
        figures,
      );
    }

    const skeleton = async (traceId: string, runs: number) =>
      median(await sample(() => get(`/api/traces/${traceId}`), runs, 1));
    // The path SQLite-built JSON replaces: rows as JS objects, mapped, then JSON.stringify.
    const viaObjects = (traceId: string) => {
      const rows = server.store.db
        .prepare(
          `SELECT s.span_id, s.parent_span_id, s.name, s.type, s.step_order, s.start_us, s.end_us, s.status, s.model, s.provider,
             s.prompt_tokens, s.completion_tokens, s.total_tokens, s.cost_usd, s.cost_source, s.error_json, s.destructive,
             s.input_preview, s.output_preview, s.ttft_ms, s.kind, s.input_bytes, s.output_bytes
           FROM spans s JOIN traces t ON t.id = s.trace_pk WHERE t.trace_id = ? ORDER BY s.start_us IS NULL, s.start_us, s.id`,
        )
        .all(traceId) as Record<string, unknown>[];
      return JSON.stringify(
        rows.map((r) => ({
          spanId: r.span_id,
          traceId,
          parentSpanId: r.parent_span_id || null,
          name: r.name,
          type: r.type,
          stepOrder: r.step_order,
          startTime: (r.start_us as number) / 1000,
          endTime: (r.end_us as number) / 1000,
          durationMs: ((r.end_us as number) - (r.start_us as number)) / 1000,
          status: r.status ?? 'success',
          model: r.model,
          provider: r.provider,
          promptTokens: r.prompt_tokens,
          completionTokens: r.completion_tokens,
          totalTokens: r.total_tokens,
          costUsd: r.cost_usd,
          costSource: r.cost_source,
          error: r.error_json ? JSON.parse(r.error_json as string) : null,
          destructive: r.destructive === 1,
          inputPreview: r.input_preview,
          outputPreview: r.output_preview,
          timeToFirstTokenMs: r.ttft_ms,
          kind: r.kind,
          inputBytes: r.input_bytes,
          outputBytes: r.output_bytes,
        })),
      );
    };
    const big100kHttp = await skeleton(big100k, 5);
    const big100kStore = median(await sample(() => server.store.getTraceJson(big100k), 5, 1));
    const big100kObjects = median(await sample(() => viaObjects(big100k), 5, 1));
    const big100kBytes = (await get(`/api/traces/${big100k}`)).length;
    // The columnar form the UI loads (docs/protocol.md): same spans, a fraction of the bytes.
    const big100kColumnsHttp = median(await sample(() => get(`/api/traces/${big100k}?format=columns`), 5, 1));
    const big100kColumnsStore = median(
      await sample(() => [...server.store.traceColumnsPieces(big100k)!].join(''), 5, 1),
    );
    const big100kColumnsBytes = (await get(`/api/traces/${big100k}?format=columns`)).length;
    const big10kHttp = await skeleton(big10k, 10);
    const payloads10k = median(await sample(() => get(`/api/traces/${big10k}?include=payloads`), 5, 1));
    const oneSpan = median(await sample(() => get(`/api/traces/${big100k}/spans/${hex(54_321, 16)}`), 100));
    report('Trace loads (HTTP, median)', [
      {
        label: '100,000-span trace skeleton, GET /api/traces/:id',
        value: big100kHttp,
        unit: 'ms',
        note: `${(big100kBytes / 1e6).toFixed(1)} MB of JSON, received and decoded by fetch in the same process`,
      },
      { label: 'same answer built by the store (JSON in SQLite, no HTTP)', value: big100kStore, unit: 'ms' },
      { label: 'same spans as JS objects + JSON.stringify (no HTTP)', value: big100kObjects, unit: 'ms' },
      {
        label: 'speed-up: JSON built in SQLite vs JS objects',
        value: big100kObjects / big100kStore,
        unit: '×',
      },
      {
        label: '100,000-span trace skeleton, columnar (?format=columns)',
        value: big100kColumnsHttp,
        unit: 'ms',
        note: `${(big100kColumnsBytes / 1e6).toFixed(1)} MB of JSON`,
      },
      { label: 'same columnar answer built by the store (no HTTP)', value: big100kColumnsStore, unit: 'ms' },
      { label: '10,000-span trace skeleton', value: big10kHttp, unit: 'ms' },
      { label: '10,000-span trace with include=payloads', value: payloads10k, unit: 'ms' },
      { label: 'one span with payloads, GET …/spans/:spanId', value: oneSpan, unit: 'ms' },
    ]);
    // Last: these store calls hold the event loop for seconds, after which the HTTP client's
    // kept-alive socket may already be closed by the server (ECONNRESET on the next fetch).
    // Search against its ceiling: FTS5's own newest-50 for the same words (the doclist read
    // newest-first, no mapping to traces), in the same run. A common word (in most payloads) and a
    // rare one: the q= plan must stop early for the first and not walk every trace for the second.
    const searchFigures = [];
    for (const [label, word] of [
      ['common word (in most payloads)', 'kakaka'],
      ['rare word', 'uxuxux'],
      ['a word in payloads', text(7, 6).trim()],
    ] as const) {
      const match = `"${word}"*`;
      const newest50 = server.store.db.prepare(
        'SELECT rowid FROM span_fts WHERE span_fts MATCH ? ORDER BY rowid DESC LIMIT 50',
      );
      const ceiling = median(await sample(() => newest50.all(match), 40));
      const search = median(await sample(() => server.store.listTraces({ q: word }), 40));
      const matches = server.store.db
        .prepare('SELECT count(*) FROM span_fts WHERE span_fts MATCH ?')
        .pluck()
        .get(match) as number;
      searchFigures.push(
        { label: `q=${word}: store call (newest 50 traces)`, value: search, unit: 'ms', note: label },
        {
          label: `  FTS5 newest-50 rowids (ceiling)`,
          value: ceiling,
          unit: 'ms',
          note: `${matches} FTS rows match`,
        },
        { label: `  q= / ceiling`, value: search / ceiling, unit: '×', goal: { max: 10 } },
      );
    }
    report('Full-text search against FTS5 newest-50 (store, median of 40)', searchFigures);
    report('Full-text search while ingest runs (store, median of 40)', await searchDuringIngest(server));
  } finally {
    await server.close();
  }
} finally {
  dir.remove();
}
