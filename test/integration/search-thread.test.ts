// The full-text index in a file of its own, written by the search thread (store/searchThread.ts):
// what is committed becomes searchable, changes to indexed rows are indexed again, a search file
// that is missing or belongs to another store is made again, a thread that cannot start leaves
// indexing on the store's thread, and a collector killed mid-indexing loses nothing searchable.
import { copyFileSync, existsSync, rmSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { NormalizedBatch } from '../../src/server/ingest/model.ts';
import { Store } from '../../src/server/store/index.ts';
import { SOURCE_SEARCH_THREAD_ENTRY } from '../../src/server/store/searchThreadClient.ts';
import {
  getJson,
  ingestRequest,
  postIngest,
  startCollectorProcess,
  startTestServer,
  wire,
} from '../helpers/server.ts';
import { makeTempDir, type TempDir } from '../helpers/tmp.ts';

const BROKEN_ENTRY = new URL('../fixtures/decoder/brokenWorker.ts', import.meta.url);
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

let dir: TempDir;
const stores: Store[] = [];
/** Stops and closes every store the test opened. */
async function closeStores(): Promise<void> {
  for (const store of stores.splice(0)) {
    await store.stopSearchThread();
    store.close();
  }
}

afterEach(async () => {
  await closeStores();
  dir?.remove();
});

function open(path: string, entry: URL | null = SOURCE_SEARCH_THREAD_ENTRY, log?: (line: string) => void) {
  const store = new Store(path, { searchThreadEntry: entry, log });
  stores.push(store);
  return store;
}

function spans(trace: number, count: number, input: (i: number) => string, output?: string): NormalizedBatch {
  return {
    traces: [],
    spans: Array.from({ length: count }, (_, i) => ({
      traceId: hex(trace, 32),
      spanId: hex(i + 1, 16),
      name: 'llm call',
      startUs: 1_700_000_000_000_000 + trace * 10_000 + i,
      input: input(i),
      ...(output ? { output } : {}),
    })),
    rejected: [],
  };
}

async function found(store: Store, q: string): Promise<string[]> {
  for (;;) {
    await store.catchUpSearch();
    const answer = store.listTraces({ q });
    if (answer.searchLagMs === undefined) return answer.traces.map((t) => t.traceId);
  }
}

describe('the search thread', () => {
  it('indexes what the store commits, in a file beside it, and changes to rows it indexed', async () => {
    dir = makeTempDir();
    const store = open(dir.file('a.db'));
    for (let t = 1; t <= 5; t++) store.applyBatches([spans(t, 400, (i) => `step ${i} of trace${t}`)]);
    expect(await found(store, 'trace3')).toEqual([hex(3, 32)]);
    expect(existsSync(dir.file('a.db-search'))).toBe(true);
    // The span's output arrives later (span.end): a change to a row that is indexed already.
    store.applyBatches([spans(2, 1, () => 'step 0 of trace2', 'answered with kumquats')]);
    expect(await found(store, 'kumquats')).toEqual([hex(2, 32)]);
    expect(store.searchLagMs()).toBe(0);
  });

  it('makes the index again when its file is missing or belongs to another store', async () => {
    dir = makeTempDir();
    const first = open(dir.file('first.db'));
    first.applyBatches([spans(1, 10, () => 'only in the first store: aardvark')]);
    expect(await found(first, 'aardvark')).toEqual([hex(1, 32)]);
    const second = open(dir.file('second.db'));
    second.applyBatches([spans(2, 10, () => 'only in the second store: zebu')]);
    expect(await found(second, 'zebu')).toEqual([hex(2, 32)]);
    await closeStores();
    // The first store with the second one's index beside it, then with none at all.
    copyFileSync(dir.file('second.db-search'), dir.file('first.db-search'));
    let store = open(dir.file('first.db'));
    expect(await found(store, 'zebu')).toEqual([]);
    expect(await found(store, 'aardvark')).toEqual([hex(1, 32)]);
    await closeStores();
    rmSync(dir.file('first.db-search'));
    store = open(dir.file('first.db'));
    expect(await found(store, 'aardvark')).toEqual([hex(1, 32)]);
  });

  it('finds a word after a line break, a tab or a \\u escape in a structured payload', async () => {
    dir = makeTempDir();
    const store = open(dir.file('escapes.db'));
    const message = (content: string) => ({ messages: [{ role: 'user', content }] });
    const batch = spans(1, 1, () => '');
    batch.spans[0]!.input = message('first line\nlinebroken\ttabbed and a bell\u0007ringer');
    batch.spans[0]!.output = { answer: 'one\r\nwindowsline "quoted"' };
    // A string that holds JSON text, as OpenInference's input.value often does.
    const nested = spans(2, 1, () => JSON.stringify({ query: 'what\nnestedword' }));
    // A string that is not JSON keeps its backslashes: a Windows path's "\n" is not a line break.
    const path = spans(3, 1, () => 'open C:\\new\\tables.csv');
    store.applyBatches([batch, nested, path]);
    expect(await found(store, 'nestedword')).toEqual([hex(2, 32)]);
    expect(await found(store, 'new tables')).toEqual([hex(3, 32)]);
    for (const word of ['linebroken', 'tabbed', 'ringer', 'windowsline', 'quoted'])
      expect(await found(store, word)).toEqual([hex(1, 32)]);
    expect(store.searchSpans(hex(1, 32), 'linebroken')?.spanIds).toEqual([hex(1, 16)]);
  });

  it('finds a Chinese or Japanese word inside a sentence, as it is written, without spaces', async () => {
    dir = makeTempDir();
    const store = open(dir.file('cjk.db'));
    const chinese = spans(1, 1, () => '');
    // Stored as Python's json.dumps sends it by default: each character outside ASCII as a \u escape.
    const escaped = JSON.stringify({
      messages: [{ role: 'user', content: '请问今天北京的天气怎么样？' }],
    }).replace(/[^ -~]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    expect(escaped).toContain('\\u5929\\u6c14');
    delete chinese.spans[0]!.input;
    chinese.spans[0]!.encoded = { input: { json: escaped, preview: '', bytes: escaped.length } };
    chinese.spans[0]!.output = '北京今天晴，最高气温25度。';
    const japanese = spans(2, 1, () => '東京の天気予報を教えてください');
    japanese.spans[0]!.name = 'GPT模型の呼び出し';
    // Cantonese, with a character outside the Basic Multilingual Plane (𨋢, "lift").
    const cantonese = spans(3, 1, () => '佢哋喺𨋢入面等緊你');
    store.applyBatches([chinese, japanese, cantonese]);
    for (const word of ['天气', '北京', '天气怎么样', '气温', '样', '请问 北京'])
      expect(await found(store, word), word).toEqual([hex(1, 32)]);
    for (const word of ['天気予報', '予報', '教えて', 'GPT', '模型', '呼び出し'])
      expect(await found(store, word), word).toEqual([hex(2, 32)]);
    for (const word of ['𨋢', '喺𨋢', '𨋢入面', '等緊'])
      expect(await found(store, word), word).toEqual([hex(3, 32)]);
    expect(await found(store, '上海')).toEqual([]);
    expect(await found(store, '天气预报')).toEqual([]);
    expect(store.searchSpans(hex(1, 32), '天气')?.spanIds).toEqual([hex(1, 16)]);
  });

  it('makes the index again when an earlier version of the indexing made it', async () => {
    dir = makeTempDir();
    const path = dir.file('format.db');
    let store = open(path);
    const batch = spans(1, 1, () => '');
    batch.spans[0]!.input = { messages: [{ role: 'user', content: 'before\nafterword' }] };
    store.applyBatches([batch]);
    expect(await found(store, 'afterword')).toEqual([hex(1, 32)]);
    await closeStores();
    // The file as the first format left it: the word indexed with the escape's letter, no format.
    const search = new Database(dir.file('format.db-search'));
    const rowid = (search.prepare('SELECT max(rowid) FROM span_fts').pluck().get() as number) - 1;
    search
      .prepare('INSERT OR REPLACE INTO span_fts (rowid, text) VALUES (?, ?)')
      .run(rowid, 'before nafterword');
    search.prepare("DELETE FROM search_progress WHERE key = 'format'").run();
    search.close();
    store = open(path);
    expect(await found(store, 'afterword')).toEqual([hex(1, 32)]);
    expect(await found(store, 'nafterword')).toEqual([]);
  });

  it('makes the index again when the store was rolled back under it (an older copy put back)', async () => {
    dir = makeTempDir();
    const path = dir.file('rolled.db');
    let store = open(path);
    store.applyBatches([spans(1, 10, () => 'kept: capybara')]);
    expect(await found(store, 'capybara')).toEqual([hex(1, 32)]);
    await closeStores();
    copyFileSync(path, dir.file('backup.db'));
    store = open(path);
    store.applyBatches([spans(2, 10, () => 'lost with the rollback: narwhal')]);
    expect(await found(store, 'narwhal')).toEqual([hex(2, 32)]);
    await closeStores();
    // The older copy goes back; its index stays. The next spans take the rolled-back rows' ids.
    copyFileSync(dir.file('backup.db'), path);
    store = open(path);
    store.applyBatches([spans(3, 10, () => 'after the rollback: okapi')]);
    expect(await found(store, 'okapi')).toEqual([hex(3, 32)]);
    expect(await found(store, 'narwhal')).toEqual([]);
    expect(await found(store, 'capybara')).toEqual([hex(1, 32)]);
  });

  it("checkpoints the store's WAL on the thread, in small steps, never on the ingest thread", async () => {
    dir = makeTempDir();
    const store = open(dir.file('wal.db'));
    // SQLite's automatic checkpoint (a 64 MB copy and a sync inside a commit) is off here.
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const payload = (i: number) => `${'a realistic tool result with many words '.repeat(300)} ${i}`;
    for (let t = 1; t <= 40; t++) {
      store.applyBatches([spans(t, 100, payload)]); // ~1.2 MB a batch, 48 MB in all
      await store.catchUpSearch(); // as requests come: each commit, then the thread's turn
    }
    await store.catchUpSearch();
    // Checkpointed as the thread went: nowhere near the 48 MB written (nor the 64 MB threshold).
    expect(statSync(dir.file('wal.db-wal')).size).toBeLessThan(24 * 1024 * 1024);
    // Without a thread, the store's own connection checkpoints as before.
    const plain = open(dir.file('plain.db'), null);
    expect(plain.db.pragma('wal_autocheckpoint', { simple: true })).toBe(4096);
  }, 60_000);

  it('indexes on the store thread when the search thread cannot start, and says so once', async () => {
    dir = makeTempDir();
    const lines: string[] = [];
    const store = open(dir.file('broken.db'), BROKEN_ENTRY, (line) => lines.push(line));
    store.applyBatches([spans(1, 50, (i) => `message ${i} about ocelots`)]);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the thread's failure is noticed
    store.applyBatches([spans(2, 50, (i) => `message ${i} about ocelots`)]);
    expect(await found(store, 'ocelots')).toEqual([hex(2, 32), hex(1, 32)]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/search thread stopped, indexing on the main thread/);
  });

  it("says when a thread's module is missing, and does that work on the request thread", async () => {
    const lines: string[] = [];
    const missing = (name: string) => new URL(`./no-such-${name}.js`, import.meta.url);
    const server = await startTestServer({
      decoderThreadEntry: missing('decoder'),
      searchThreadEntry: missing('search'),
      log: (line) => lines.push(line),
    });
    try {
      expect(lines.filter((line) => line.includes('runs on the request thread'))).toEqual([
        expect.stringMatching(
          /^spyglass: full-text indexing runs on the request thread: .*no-such-search\.js is missing$/,
        ),
        expect.stringMatching(
          /^spyglass: OTLP decoding runs on the request thread: .*no-such-decoder\.js is missing$/,
        ),
      ]);
      expect(server.store.indexesOnThread).toBe(false);
      const sent = await postIngest(
        server.url,
        ingestRequest([wire.traceStart(hex(7, 32), Date.now(), { name: 'wombats at work' })]),
      );
      expect(sent.status).toBe(200);
      expect(await found(server.store, 'wombats')).toEqual([hex(7, 32)]);
    } finally {
      await server.close();
    }
    // With the modules there (the sources, by default) nothing is said.
    const quiet: string[] = [];
    const plain = await startTestServer({ log: (line) => quiet.push(line) });
    await plain.close();
    expect(quiet.filter((line) => line.includes('runs on the request thread'))).toEqual([]);
  });

  it('loses nothing searchable when the collector is killed while the thread indexes', async () => {
    dir = makeTempDir();
    const dbPath = dir.file('killed.db');
    let collector = await startCollectorProcess(dbPath);
    const events = [];
    for (let t = 1; t <= 20; t++) {
      const traceId = hex(t, 32);
      for (let i = 1; i <= 100; i++) {
        const spanId = hex(i, 16);
        const text = `${'filler words for the index '.repeat(30)} marker${t}x${i}`;
        events.push(wire.spanStart(traceId, spanId, null, 1_700_000_000_000 + t, { input: text }));
        events.push(wire.spanEnd(traceId, spanId, 1_700_000_000_001 + t));
      }
    }
    expect((await postIngest(collector.url, ingestRequest(events))).status).toBe(200);
    await collector.stop('SIGKILL');
    collector = await startCollectorProcess(dbPath);
    try {
      for (const t of [1, 20]) {
        let traces: { traceId: string }[] = [];
        for (;;) {
          const { body } = await getJson(`${collector.url}/api/traces?q=marker${t}x100`);
          traces = body.traces;
          if (body.searchLagMs === undefined) break;
        }
        expect(traces.map((trace) => trace.traceId)).toEqual([hex(t, 32)]);
      }
    } finally {
      await collector.stop();
    }
  }, 60_000);
});
