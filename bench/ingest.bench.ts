// Ingest throughput: end-to-end HTTP (POST /api/ingest, batches of 100 spans with ~1 KB of payload
// each, several concurrent connections, the collector in its own process) against the ceiling:
// a bare better-sqlite3 loop inserting the same rows into the same schema (same file settings, one
// transaction per batch, prepared statements, no HTTP, no JSON parsing, no merging). Also the
// cost of the full-text index, as the same bare loop without FTS rows.
import { Agent, request } from 'node:http';
import type { IngestRequest, WireEvent } from '../sdk/src/protocol.ts';
import { openDatabase } from '../src/server/store/db.ts';
import { SearchIndexer } from '../src/server/store/searchIndex.ts';
import { openSearchFile } from '../src/server/store/searchFile.ts';
import { Store } from '../src/server/store/index.ts';
import { parseJson } from '../src/server/collector/http.ts';
import { validateIngest } from '../src/server/ingest/spyglass/validate.ts';
import { startCollectorProcess } from '../test/helpers/server.ts';
import { sendAll, watchSearchLag } from './ingestLoad.ts';
import {
  benchDir,
  isolatedPhase,
  median,
  nowMs,
  percentile,
  report,
  storeBytesOnDisk,
  text,
  textLines,
} from './lib.ts';

const SPANS_PER_BATCH = 100;
/** The realistic payloads' paced run: spans a second, and requests of 100 spans. */
const PACED_REALISTIC_RATE = Number(process.env.BENCH_PACED_RATE ?? 1_500);
const PACED_REALISTIC_REQUESTS = Number(process.env.BENCH_PACED_REQUESTS ?? 100);
const BATCHES = Number(process.env.BENCH_INGEST_BATCHES ?? 250);
const CONNECTIONS = 8;
const ROUNDS = Number(process.env.BENCH_INGEST_ROUNDS ?? 5);
const NODE_FLAGS = process.env.BENCH_COLLECTOR_NODE_FLAGS
  ? process.env.BENCH_COLLECTOR_NODE_FLAGS.split(' ')
  : [];

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

interface SpanData {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  startMs: number;
  endMs: number;
  input: { messages: { role: string; content: string }[] };
  output: string;
  promptTokens: number;
  completionTokens: number;
}

/** One batch = one trace of 100 spans (a root and 99 children), ~1 KB of payload per span. */
function makeBatch(round: number, batch: number): SpanData[] {
  const traceId = hex(round * 1_000_000 + batch + 1, 32);
  const t0 = Date.UTC(2026, 0, 1) + batch * 1000;
  return Array.from({ length: SPANS_PER_BATCH }, (_, i) => ({
    traceId,
    spanId: hex(i + 1, 16),
    parentSpanId: i === 0 ? null : hex(1, 16),
    name: i === 0 ? 'agent run' : `chat step ${i}`,
    startMs: t0 + i,
    endMs: t0 + i + 0.5,
    input: { messages: [{ role: 'user', content: text(batch * 1000 + i, 600) }] },
    output: text(batch * 1000 + i + 7, 400),
    promptTokens: 120 + i,
    completionTokens: 40,
  }));
}

/**
 * The same shape with realistic payloads, as agents send them: a system prompt, a user message
 * of 0.5–6 KB and a tool result of 1–10 KB in, 0.5–4 KB out (about 2–20 KB a span).
 */
function makeRealisticBatch(round: number, batch: number): SpanData[] {
  return makeBatch(round + 500, batch).map((span, i) => {
    const seed = batch * 1000 + i;
    const size = (min: number, max: number, salt: number) => min + (((seed + 1) * 7919 * salt) % (max - min));
    return {
      ...span,
      input: {
        messages: [
          { role: 'system', content: textLines(7, 1_500) },
          { role: 'user', content: text(seed, size(500, 6_000, 3)) },
          { role: 'tool', content: textLines(seed + 11, size(1_000, 10_000, 5)) },
        ],
      },
      output: text(seed + 13, size(500, 4_000, 11)),
    };
  });
}

function toRequest(spans: SpanData[]): string {
  const events: WireEvent[] = [];
  for (const s of spans) {
    events.push({
      kind: 'span.start',
      traceId: s.traceId,
      spanId: s.spanId,
      parentSpanId: s.parentSpanId,
      name: s.name,
      type: 'llm',
      time: s.startMs,
      model: 'gpt-4o-mini',
      provider: 'openai',
      input: s.input,
    });
    events.push({
      kind: 'span.end',
      traceId: s.traceId,
      spanId: s.spanId,
      time: s.endMs,
      output: s.output,
      promptTokens: s.promptTokens,
      completionTokens: s.completionTokens,
      costUsd: 0.0001,
    });
  }
  const body: IngestRequest = { protocol: 1, events };
  return JSON.stringify(body);
}

/**
 * The ceiling: the rows an ingest commit writes (trace roll-up, spans, payloads, model lookup), the
 * same schema and settings, straight into SQLite. With `inlineFts` it also writes the full-text rows
 * in the same transaction, which is what the collector defers to idle time (searchIndex.ts).
 */
function bareLoop(
  dbPath: string,
  batches: SpanData[][],
  inlineFts: boolean,
): { spansPerSecond: number; indexPerSecond: number } {
  const db = openDatabase(dbPath);
  const insertTrace = db.prepare(
    `INSERT INTO traces (trace_id, name, status, start_us, end_us, sort_us, span_count, prompt_tokens, completion_tokens, total_tokens, cost_usd, models, updated_us)
     VALUES (?, ?, 'success', ?, ?, ?, ?, ?, ?, ?, ?, '["gpt-4o-mini"]', ?)`,
  );
  // Every value is bound, as it is when rows come from data (no constants folded into the SQL).
  const insertSpan = db.prepare(
    `INSERT INTO spans (trace_pk, span_id, parent_span_id, name, type, step_order, start_us, end_us, status, model,
       provider, prompt_tokens, completion_tokens, total_tokens, cost_usd, cost_source, ttft_ms, error_json,
       destructive, kind, input_preview, output_preview, input_bytes, output_bytes)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertPayload = db.prepare('INSERT INTO span_payloads (span_pk, input, output) VALUES (?, ?, ?)');
  // The full-text rows go where the collector keeps them, the search file (store/searchFile.ts).
  if (inlineFts) openSearchFile(db, dbPath);
  const insertFts = inlineFts ? db.prepare('INSERT INTO search.span_fts (rowid, text) VALUES (?, ?)') : null;
  const insertModel = db.prepare('INSERT OR IGNORE INTO trace_models (model, trace_pk) VALUES (?, ?)');
  const writeBatch = db.transaction((spans: SpanData[]) => {
    const first = spans[0]!;
    const startUs = Math.round(first.startMs * 1000);
    const traceRow = insertTrace.run(
      first.traceId,
      first.name,
      startUs,
      startUs + 100_000,
      startUs,
      spans.length,
      0,
      0,
      0,
      0,
      Date.now() * 1000,
    );
    const tracePk = traceRow.lastInsertRowid;
    insertModel.run('gpt-4o-mini', tracePk);
    for (const s of spans) {
      const input = JSON.stringify(s.input);
      const output = JSON.stringify(s.output);
      const row = insertSpan.run(
        tracePk,
        s.spanId,
        s.parentSpanId ?? '',
        s.name,
        'llm',
        null,
        Math.round(s.startMs * 1000),
        Math.round(s.endMs * 1000),
        'success',
        'gpt-4o-mini',
        'openai',
        s.promptTokens,
        s.completionTokens,
        null,
        0.0001,
        'reported',
        null,
        null,
        null,
        null,
        input.slice(0, 200),
        s.output.slice(0, 200),
        input.length,
        output.length,
      );
      const pk = Number(row.lastInsertRowid);
      insertPayload.run(pk, input, output);
      if (inlineFts) {
        insertFts!.run(pk * 4, s.name);
        insertFts!.run(pk * 4 + 1, input);
        insertFts!.run(pk * 4 + 2, s.output);
      }
    }
  });
  const start = nowMs();
  for (const batch of batches) writeBatch(batch);
  const elapsed = nowMs() - start;
  let indexPerSecond = NaN;
  if (!inlineFts) {
    // The deferred indexer's own rate, on what the loop wrote (spans and traces).
    const indexStart = nowMs();
    const { indexed } = new SearchIndexer(db, dbPath).run();
    indexPerSecond = indexed / ((nowMs() - indexStart) / 1000);
  }
  db.close();
  return { spansPerSecond: (batches.length * SPANS_PER_BATCH) / (elapsed / 1000), indexPerSecond };
}

/**
 * Breakdown of the HTTP figure, in this process, without HTTP: parsing + validating the bodies, and
 * the store committing the validated batches in groups of CONNECTIONS (as the ingest queue's group
 * commit mostly does). Says how much of the gap to the bare loop is the store and how much is not.
 */
function breakdown(dbPath: string, bodies: string[]): { parseMs: number; storeMs: number } {
  const buffers = bodies.map((b) => Buffer.from(b));
  let start = nowMs();
  const batches = buffers.map((b) => validateIngest(parseJson(b)).batch);
  const parseMs = nowMs() - start;
  const store = new Store(dbPath);
  start = nowMs();
  for (let i = 0; i < batches.length; i += CONNECTIONS) store.applyBatches(batches.slice(i, i + CONNECTIONS));
  const storeMs = nowMs() - start;
  store.close();
  return { parseMs, storeMs };
}

function post(agent: Agent, port: number, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/ingest',
        method: 'POST',
        agent,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function httpIngest(
  dbPath: string,
  bodies: string[],
  pollList = false,
  connections = CONNECTIONS,
): Promise<{
  diskBytes: number;
  spansPerSecond: number;
  retries: number;
  listLatencies: number[];
  searchLags: number[];
  catchUpMs: number;
}> {
  const collector = await startCollectorProcess(dbPath, { nodeFlags: NODE_FLAGS });
  const { port } = collector;
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  // One warm-up request so process start-up and JIT are not in the figure.
  await post(agent, port, toRequest(makeBatch(99, 0)));
  // Meanwhile, the UI's question: how long does the trace list take while the writer is busy?
  // (better-sqlite3 is synchronous, so every commit holds the thread that answers it.)
  // And how far the full-text index trails the writer.
  let ingesting = pollList;
  const listLatencies: number[] = [];
  const listAgent = new Agent({ keepAlive: true, maxSockets: 1 });
  const poller = (async () => {
    while (ingesting) {
      const t = nowMs();
      await get(listAgent, port, '/api/traces?limit=50');
      listLatencies.push(nowMs() - t);
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  const lagWatch = pollList ? watchSearchLag(collector.url) : null;
  const start = nowMs();
  const retries = await sendAll(bodies, connections, async (body) => ({
    status: await post(agent, port, body),
  }));
  const elapsed = nowMs() - start;
  ingesting = false;
  await poller;
  // Once the load stops: how long until every span is searchable.
  const { lags: searchLags, catchUpMs } = (await lagWatch?.stop()) ?? { lags: [], catchUpMs: 0 };
  listAgent.destroy();
  agent.destroy();
  await collector.stop(); // closing checkpoints the WAL into the file
  return {
    diskBytes: storeBytesOnDisk(dbPath),
    spansPerSecond: (bodies.length * SPANS_PER_BATCH) / (elapsed / 1000),
    retries,
    listLatencies,
    searchLags,
    catchUpMs,
  };
}

/**
 * Requests sent at a steady rate (as agents in production do, not as fast as the collector
 * answers) from `connections` clients: each request's latency runs from when it was due to its
 * answer, so time spent queued behind a slow answer counts too.
 */
async function pacedIngest(
  dbPath: string,
  bodies: string[],
  spansPerSecond: number,
  connections = 4,
): Promise<number[]> {
  const collector = await startCollectorProcess(dbPath, { nodeFlags: NODE_FLAGS });
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  try {
    await post(agent, collector.port, toRequest(makeBatch(99, 0))); // warm-up
    const gapMs = (SPANS_PER_BATCH * 1000) / spansPerSecond;
    const start = nowMs();
    const latencies = await Promise.all(
      bodies.map(async (body, i) => {
        const due = start + i * gapMs;
        const wait = due - nowMs();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const status = await post(agent, collector.port, body);
        if (status !== 200) throw new Error(`paced ingest answered ${status}`);
        return nowMs() - due;
      }),
    );
    return latencies;
  } finally {
    agent.destroy();
    await collector.stop();
  }
}

function get(agent: Agent, port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    });
    req.on('error', reject);
    req.end();
  });
}

const dir = benchDir('ingest');
try {
  const http: number[] = [];
  const bare: number[] = [];
  const bareInlineFts: number[] = [];
  const indexRates: number[] = [];
  const storeOnly: number[] = [];
  const parseRates: number[] = [];
  let retries = 0;
  let bodyBytes = 0;
  const listLatencies: number[] = [];
  const searchLags: number[] = [];
  let catchUpMs = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const batches = Array.from({ length: BATCHES }, (_, b) => makeBatch(round, b));
    const bodies = batches.map(toRequest);
    bodyBytes = bodies[0]!.length;
    const ceiling = await isolatedPhase(dir, `bare-${round}.db`, (path) => bareLoop(path, batches, false));
    bare.push(ceiling.spansPerSecond);
    indexRates.push(ceiling.indexPerSecond);
    bareInlineFts.push(
      (await isolatedPhase(dir, `bare-fts-${round}.db`, (path) => bareLoop(path, batches, true)))
        .spansPerSecond,
    );
    const parts = await isolatedPhase(dir, `store-${round}.db`, (path) => breakdown(path, bodies));
    storeOnly.push((BATCHES * SPANS_PER_BATCH) / (parts.storeMs / 1000));
    parseRates.push((BATCHES * SPANS_PER_BATCH) / (parts.parseMs / 1000));
    const result = await isolatedPhase(dir, `http-${round}.db`, (path) => httpIngest(path, bodies));
    http.push(result.spansPerSecond);
    retries += result.retries;
  }
  // A separate run for latency, so the list requests do not take from the throughput figures.
  {
    const bodies = Array.from({ length: BATCHES }, (_, b) => toRequest(makeBatch(ROUNDS, b)));
    const run = await httpIngest(dir.file('latency.db'), bodies, true);
    listLatencies.push(...run.listLatencies);
    searchLags.push(...run.searchLags);
    catchUpMs = run.catchUpMs;
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const ratios = http.map((h, i) => h / bare[i]!).sort((a, b) => a - b);
  const mid = ratios.length / 2;
  const medianRatio = ratios.length % 2 ? ratios[Math.floor(mid)]! : (ratios[mid - 1]! + ratios[mid]!) / 2;
  report(
    `Ingest: ${BATCHES} batches × ${SPANS_PER_BATCH} spans (~${Math.round(bodyBytes / 1024)} KB bodies), ${CONNECTIONS} connections, ${ROUNDS} rounds`,
    [
      {
        label: 'HTTP end to end (POST /api/ingest)',
        value: sum(http) / ROUNDS,
        unit: 'spans/s',
        note: http.map(Math.round).join(', '),
      },
      {
        label: 'bare better-sqlite3 loop, same rows and schema',
        value: sum(bare) / ROUNDS,
        unit: 'spans/s',
        note: bare.map(Math.round).join(', '),
      },
      {
        label: 'ratio HTTP / bare loop (median of pairs)',
        value: medianRatio,
        unit: '×',
        goal: { min: 0.5 },
        note: ratios.map((r) => r.toFixed(2)).join(', '),
      },
      {
        label: 'breakdown: store.applyBatches alone (no HTTP, no parsing)',
        value: sum(storeOnly) / ROUNDS,
        unit: 'spans/s',
        note: `${(sum(storeOnly) / sum(bare)).toFixed(2)} × the bare loop`,
      },
      {
        label: 'breakdown: JSON.parse + validation alone',
        value: sum(parseRates) / ROUNDS,
        unit: 'spans/s',
      },
      {
        label: 'bare loop with full-text rows in the same transaction',
        value: sum(bareInlineFts) / ROUNDS,
        unit: 'spans/s',
      },
      {
        label: 'ratio HTTP / bare loop with inline full-text rows',
        value: sum(http) / sum(bareInlineFts),
        unit: '×',
      },
      {
        label: 'deferred full-text indexer (idle time, before a search)',
        value: sum(indexRates) / ROUNDS,
        unit: 'rows/s',
        note: 'spans + traces',
      },
      { label: '503 retries during the HTTP run', value: retries, unit: 'requests' },
      {
        label: 'GET /api/traces during an HTTP ingest run: median',
        value: median(listLatencies),
        unit: 'ms',
        note: `${listLatencies.length} requests`,
      },
      {
        label: 'GET /api/traces during an HTTP ingest run: p99',
        value: percentile(listLatencies, 99),
        unit: 'ms',
        goal: { max: 200 },
      },
      {
        // Design bound: commits wait for the search thread past INDEX_LAG_LIMIT_MS (1.5 s) of
        // projected lag (without a thread, the ingest-time indexer starts at 250 ms;
        // collector/ingestQueue.ts).
        label: 'full-text index lag during the HTTP ingest run: max',
        value: Math.max(0, ...searchLags),
        unit: 'ms',
        goal: { max: 2_000 },
        note: `median ${Math.round(median(searchLags))} ms over ${searchLags.length} samples`,
      },
      {
        label: 'every span searchable after the load stopped',
        value: catchUpMs,
        unit: 'ms',
        goal: { max: 5_000 },
      },
    ],
  );

  // Realistic payloads (2–20 KB a span) from 4 clients: the figures the fixtures above flatter.
  {
    const rounds = Number(process.env.BENCH_REALISTIC_ROUNDS ?? 3);
    // 12,000 spans a run, ~3 s: long enough for the index's lag bound (collector/ingestQueue.ts
    // INDEX_LAG_LIMIT_MS) to be reached and held; at 4,000 spans a run ended before it showed.
    const batchesPerRound = Number(process.env.BENCH_REALISTIC_BATCHES ?? 120);
    const httpRates: number[] = [];
    const bareRates: number[] = [];
    const bareFtsRates: number[] = [];
    const diskPerSpan: number[] = [];
    const maxLags: number[] = [];
    const catchUps: number[] = [];
    let payloadPerSpan = 0;
    for (let round = 0; round < rounds; round++) {
      const batches = Array.from({ length: batchesPerRound }, (_, b) => makeRealisticBatch(round, b));
      const spans = batchesPerRound * SPANS_PER_BATCH;
      payloadPerSpan =
        batches
          .flat()
          .reduce((n, s) => n + JSON.stringify(s.input).length + JSON.stringify(s.output).length, 0) / spans;
      const bodies = batches.map(toRequest);
      bareRates.push(
        (await isolatedPhase(dir, `real-bare-${round}.db`, (path) => bareLoop(path, batches, false)))
          .spansPerSecond,
      );
      bareFtsRates.push(
        (await isolatedPhase(dir, `real-bare-fts-${round}.db`, (path) => bareLoop(path, batches, true)))
          .spansPerSecond,
      );
      const run = await isolatedPhase(dir, `real-http-${round}.db`, (path) =>
        httpIngest(path, bodies, true, 4),
      );
      httpRates.push(run.spansPerSecond);
      maxLags.push(Math.max(0, ...run.searchLags));
      catchUps.push(run.catchUpMs);
      diskPerSpan.push(run.diskBytes / spans);
    }
    // Paced: a steady rate the machine sustains with room to spare (about half of what the HTTP run
    // above reached here), so the figure is the latency of each request, not the length of a queue.
    const pacedBodies = Array.from({ length: PACED_REALISTIC_REQUESTS }, (_, b) =>
      toRequest(makeRealisticBatch(rounds + 1, b)),
    );
    const paced = await isolatedPhase(dir, 'real-paced.db', (path) =>
      pacedIngest(path, pacedBodies, PACED_REALISTIC_RATE),
    );
    const pairRatios = httpRates.map((h, i) => h / bareRates[i]!);
    const ftsPairRatios = httpRates.map((h, i) => h / bareFtsRates[i]!);
    report(
      `Ingest with realistic payloads: ${rounds} rounds × ${batchesPerRound} batches × ${SPANS_PER_BATCH} spans, ~${Math.round(payloadPerSpan / 1024)} KB payload a span, 4 connections`,
      [
        {
          label: 'HTTP end to end',
          value: median(httpRates),
          unit: 'spans/s',
          note: httpRates.map(Math.round).join(', '),
        },
        { label: 'bare better-sqlite3 loop, same rows', value: median(bareRates), unit: 'spans/s' },
        {
          label: 'ratio HTTP / bare loop (median of pairs)',
          value: median(pairRatios),
          unit: '×',
          goal: { min: 0.5 },
          note: pairRatios.map((r) => r.toFixed(2)).join(', '),
        },
        {
          // The collector also writes every span's full-text rows (searchable within a bounded lag):
          // with payloads this size they cost the bare loop more than its own rows do.
          label: 'bare loop with full-text rows in the same transaction',
          value: median(bareFtsRates),
          unit: 'spans/s',
        },
        {
          label: 'ratio HTTP / bare loop with inline full-text rows',
          value: median(ftsPairRatios),
          unit: '×',
          note: ftsPairRatios.map((r) => r.toFixed(2)).join(', '),
        },
        {
          label: 'full-text index lag during the HTTP runs: max',
          value: Math.max(...maxLags),
          unit: 'ms',
          goal: { max: 2_000 },
          note: maxLags.map(Math.round).join(', '),
        },
        {
          label: 'every span searchable after the load stopped: max',
          value: Math.max(...catchUps),
          unit: 'ms',
          goal: { max: 5_000 },
        },
        {
          label: `paced at ${PACED_REALISTIC_RATE.toLocaleString('en-US')} spans/s (4 clients): latency p99`,
          value: percentile(paced, 99),
          unit: 'ms',
          goal: { max: 100 },
          note: `p50 ${median(paced).toFixed(1)} ms, max ${Math.max(...paced).toFixed(0)} ms over ${paced.length} requests`,
        },
        {
          label: 'bytes on disk per span / payload bytes per span',
          value: median(diskPerSpan) / payloadPerSpan,
          unit: '×',
          goal: { max: 1.5 },
          note: `${Math.round(median(diskPerSpan))} B on disk for ${Math.round(payloadPerSpan)} B of payload`,
        },
      ],
    );
  }
} finally {
  dir.remove();
}
