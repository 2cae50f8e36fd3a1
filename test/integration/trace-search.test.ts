// The trace list's full-text search (`q`): newest first with early stop (store/searchList.ts),
// reading doclists by blocks of row ids in order of their sort-key bounds (store/searchBlocks.ts).
// Its answers are checked against the plain plan (every match collected, then sorted) over data
// whose span rowids are not in list order: a future-dated trace stored first, an old 3,000-span
// trace stored last (split by another trace), a long trace whose spans arrive among later traces,
// an import of old traces interleaved with new ones (block bounds that go up and down), a recent
// trace spread over many blocks, a late span of an old trace stored last, and a trace whose sort
// key rises after it was indexed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NormalizedBatch, SpanPatch } from '../../src/server/ingest/model.ts';
import { Store } from '../../src/server/store/index.ts';
import { ftsQuery } from '../../src/server/store/queries.ts';
import { type ReaderLimits, SearchList } from '../../src/server/store/searchList.ts';
import type { TraceListQuery, TraceSummary } from '../../src/shared/types.ts';
import { makeTempDir, type TempDir } from '../helpers/tmp.ts';

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const T0 = 1_767_225_600_000_000; // 2026-01-01, µs
const LIVE = 3_000;
const MODELS = ['gpt-4o', 'gpt-4o-mini', 'claude-3-5-haiku'];
const FUTURE = hex(0xf00001, 32);
const OLD_BIG = hex(0xf00002, 32);
const SPLITTER = hex(0xf00003, 32);
const LONG = hex(0xf00004, 32);
const NAMED = hex(0xf00005, 32);
const WIDE = hex(0xf00006, 32);
const OLD_LATE = hex(0xf00007, 32);
const RAISED = hex(0xf00008, 32);
const NEWER = [hex(0xf00009, 32), hex(0xf0000a, 32)];
const YEAR_US = 365 * 86_400 * 1_000_000;

let dir: TempDir;
let store: Store;

const span = (traceId: string, n: number, startUs: number, input: string, extra: Partial<SpanPatch> = {}) =>
  ({
    traceId,
    spanId: hex(n, 16),
    parentSpanId: n === 1 ? null : hex(1, 16),
    name: n === 1 ? 'agent' : 'step',
    type: n === 1 ? 'agent' : 'llm',
    startUs,
    endUs: startUs + 500,
    input,
    ...extra,
  }) satisfies SpanPatch;

/** Live trace i: two spans; "common" in most, "zyzzyva" in a few, "middling" in every 29th. */
function live(from: number, to: number): NormalizedBatch {
  const batch: NormalizedBatch = { traces: [], spans: [], rejected: [] };
  for (let i = from; i < to; i++) {
    const traceId = hex(i + 1, 32);
    const startUs = T0 + i * 1_000_000;
    const words = [
      i % 13 ? 'common' : 'plain',
      i % 397 === 5 ? 'zyzzyva' : '',
      i % 29 === 0 ? 'middling' : '',
    ].join(' ');
    batch.traces.push({ traceId, name: `run ${i}`, tags: i % 10 === 0 ? ['nightly'] : ['dev'] });
    batch.spans.push(span(traceId, 1, startUs, `question ${words}`));
    batch.spans.push(
      span(traceId, 2, startUs + 10, `prompt ${words}`, {
        model: MODELS[i % MODELS.length],
        output: `answer ${words}`,
      }),
    );
  }
  return batch;
}

const one = (traceId: string, spans: SpanPatch[], name = 'special'): NormalizedBatch => ({
  traces: [{ traceId, name }],
  spans,
  rejected: [],
});

beforeAll(() => {
  dir = makeTempDir();
  store = new Store(dir.file('search.db'));
  // First seen without a start, so sorted by arrival (now), in the first block of trace ids with
  // older traces; its start, far in the future, comes once it is indexed and two other future
  // traces (in a later block) are stored: its key rises above theirs.
  store.applyBatches([{ traces: [{ traceId: RAISED, name: 'zyzzyva raised' }], spans: [], rejected: [] }]);
  // Newest in list order, lowest span rowids: stored before everything else.
  store.applyBatches([one(FUTURE, [span(FUTURE, 1, T0 + 1e12, 'common zyzzyva')])]);
  store.applyBatches([one(LONG, [span(LONG, 1, T0 + 100_500_000, 'long start')])]);
  for (let i = 0; i < LIVE; i += 500) store.applyBatches([live(i, i + 500)]);
  // The long trace's later spans come among the last live traces' (one batch).
  store.applyBatches([
    {
      ...live(LIVE, LIVE + 20),
      spans: [
        ...live(LIVE, LIVE + 20).spans,
        ...[2, 3, 4].map((n) => span(LONG, n, T0 + 100_600_000 + n, 'common late middling')),
      ],
    },
  ]);
  // Oldest in list order, highest rowids: 3,000 spans stored last, split by another old trace.
  const big = (from: number, to: number) =>
    Array.from({ length: to - from }, (_, k) =>
      span(OLD_BIG, from + k + 1, T0 - 1e9 + from + k, `common ${from + k === 2_500 ? 'zyzzyva' : ''}`),
    );
  store.applyBatches([one(OLD_BIG, big(0, 1_500))]);
  store.applyBatches([one(SPLITTER, [span(SPLITTER, 1, T0 - 5e8, 'common middling')])]);
  store.applyBatches([one(OLD_BIG, big(1_500, 3_000))]);
  // Matched by its trace name only (trace_fts), no span text.
  store.applyBatches([one(NAMED, [span(NAMED, 1, T0 + 1_500_500_000, 'nothing here')], 'zyzzyva report')]);
  // An import of old traces interleaved with new ones, ~1 block (256 spans) each: block bounds go
  // up and down. A recent trace's 1,200 spans come in pieces among them (many blocks), and an old
  // trace's first span is among them while its late span is stored last of all.
  store.applyBatches([one(OLD_LATE, [span(OLD_LATE, 1, T0 - 3e9, 'oldlate begins')])]);
  for (let round = 0; round < 12; round++) {
    const traces = (base: number, startUs: number, word: string) =>
      Array.from({ length: 130 }, (_, k) => {
        const traceId = hex(base + round * 1_000 + k, 32);
        const text = `${k % 3 ? 'common' : 'plain'} ${word} ${k % 41 === 7 ? 'interleaf' : ''}`;
        return one(
          traceId,
          [span(traceId, 1, startUs + (round * 130 + k) * 1_000, text), span(traceId, 2, startUs + 1, text)],
          'run',
        );
      });
    store.applyBatches(traces(0xa00000, T0 - 9e8, 'imported'));
    store.applyBatches(traces(0xb00000, T0 + 2e9, 'fresh'));
    store.applyBatches([
      one(
        WIDE,
        Array.from({ length: 100 }, (_, k) =>
          span(
            WIDE,
            round * 100 + k + 1,
            T0 + 1.9e9 + round * 100 + k,
            k === 50 ? 'widespan interleaf' : 'filler',
          ),
        ),
      ),
    ]);
  }
  store.applyBatches([one(OLD_LATE, [span(OLD_LATE, 2, T0 - 3e9 + 5, 'zyzzyva interleaf latecomer')])]);
  store.indexSearch();
  const nowUs = Date.now() * 1000;
  NEWER.forEach((traceId, k) => {
    store.applyBatches([one(traceId, [span(traceId, 1, nowUs + YEAR_US + k, 'zyzzyva newer')])]);
  });
  store.applyBatches([
    one(RAISED, [span(RAISED, 1, nowUs + 2 * YEAR_US, 'nothing to find')], 'zyzzyva raised'),
  ]);
  store.indexSearch();
}, 120_000);
afterAll(() => {
  store?.close();
  dir?.remove();
});

/** Every page of a query, following nextCursor. */
function allPages(query: TraceListQuery): { traces: TraceSummary[]; pages: number } {
  const traces: TraceSummary[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = store.listTraces({ ...query, ...(cursor ? { cursor } : {}) });
    traces.push(...page.traces);
    cursor = page.nextCursor ?? undefined;
    pages++;
  } while (cursor);
  return { traces, pages };
}

/** The answer the plain plan gives: every match collected, the filtered list intersected with it. */
function expected(query: TraceListQuery): string[] {
  const matched = new Set(
    store.db
      .prepare(
        `SELECT t.trace_id FROM traces t WHERE t.id IN (
           SELECT s.trace_pk FROM spans s WHERE s.id IN (SELECT rowid >> 2 FROM span_fts WHERE span_fts MATCH @q)
           UNION SELECT rowid >> 2 FROM trace_fts WHERE trace_fts MATCH @q)`,
      )
      .pluck()
      .all({ q: ftsQuery(query.q!) }) as string[],
  );
  const { q: _, ...filters } = query;
  return allPages({ ...filters, limit: 500 })
    .traces.map((t) => t.traceId)
    .filter((id) => matched.has(id));
}

const ids = (traces: TraceSummary[]) => traces.map((t) => t.traceId);

describe('full-text trace list', () => {
  it('answers newest first, exactly as collecting every match would', () => {
    for (const q of [
      'common',
      'zyzzyva',
      'middling',
      'comm',
      'common middling',
      'late',
      'interleaf',
      'imported',
    ]) {
      const want = expected({ q });
      expect(want.length, q).toBeGreaterThan(0);
      const first = store.listTraces({ q, limit: 50 });
      expect(ids(first.traces), q).toEqual(want.slice(0, 50));
    }
    // The future-dated trace (lowest rowids) still comes first, the old big one last.
    const common = expected({ q: 'common' });
    expect(common[0]).toBe(FUTURE);
    expect(common.at(-1)).toBe(OLD_BIG);
    expect(common).toContain(LONG);
    expect(ids(store.listTraces({ q: 'zyzzyva' }).traces)).toContain(NAMED);
  });

  it('pages by cursor without duplicates or misses, for common and rare words', () => {
    for (const [q, limit] of [
      ['common', 37],
      ['zyzzyva', 3],
      ['middling', 11],
    ] as const) {
      const { traces, pages } = allPages({ q, limit });
      const got = ids(traces);
      expect(new Set(got).size, q).toBe(got.length);
      expect(got, q).toEqual(expected({ q }));
      expect(pages, q).toBe(Math.max(1, Math.ceil(got.length / limit)));
    }
  });

  it('combines with model, tag, name, status and time filters', () => {
    const cases: TraceListQuery[] = [
      { q: 'common', model: 'claude' },
      { q: 'common', tag: 'nightly' },
      { q: 'common', name: 'run 1' },
      { q: 'middling', model: 'mini', tag: 'dev' },
      { q: 'zyzzyva', tag: 'nightly' },
      { q: 'common', status: 'success', since: (T0 + 2_000_000_000) / 1000 },
      { q: 'common', until: (T0 + 500_000_000) / 1000 },
      { q: 'common', name: 'special' },
    ];
    for (const query of cases) {
      const want = expected(query);
      expect(ids(allPages({ ...query, limit: 100 }).traces), JSON.stringify(query)).toEqual(want);
    }
  });

  it('gives the total only when it is exact for free: every match was known', () => {
    // Every block read (the page holds every match): the total is the page.
    const all = store.listTraces({ q: 'zyzzyva', limit: 500 });
    expect(all.total).toBe(expected({ q: 'zyzzyva' }).length);
    expect(all.nextCursor).toBeNull();
    expect(store.listTraces({ q: 'common', name: 'special', limit: 50 }).total).toBe(
      expected({ q: 'common', name: 'special' }).length,
    );
    // Stopped at the page: how many match in all is not known. (Readers that never read on past
    // the block they were opened for: on data this small the store's read on through all of it.)
    const search = new SearchList(store.db, { readThroughBlocks: 0, maxOpens: 8 });
    const noFilters = { where: [], params: {} };
    const rare = search.list(ftsQuery('zyzzyva')!, noFilters, null, 2);
    expect(rare.rows).toHaveLength(2);
    expect(rare.more).toBe(true);
    expect(rare.total).toBeUndefined();
    const common = search.list(ftsQuery('common')!, noFilters, null, 10);
    expect(common.rows).toHaveLength(10);
    expect(common.total).toBeUndefined();
    // Later pages never carry one.
    const first = store.listTraces({ q: 'zyzzyva', limit: 2 });
    expect(store.listTraces({ q: 'zyzzyva', limit: 2, cursor: first.nextCursor! }).total).toBeUndefined();
  });

  it('sorts a trace whose start became later after it was indexed by its new start', () => {
    // Its trace_fts row was written while it sorted by arrival; two traces that start later than
    // that arrival, earlier than its new start, must not be answered first.
    const want = expected({ q: 'zyzzyva' });
    expect(want.slice(0, 3)).toEqual([RAISED, NEWER[1], NEWER[0]]);
    for (const limit of [1, 2])
      expect(ids(store.listTraces({ q: 'zyzzyva', limit }).traces)).toEqual(want.slice(0, limit));
  });

  it('gives the same pages whichever way its readers open (reading on, reopening, reading all)', () => {
    const limitsTried: ReaderLimits[] = [
      { readThroughBlocks: 0, maxOpens: 1_000 },
      { readThroughBlocks: 0, maxOpens: 2 },
      { readThroughBlocks: 3, maxOpens: 4 },
    ];
    for (const limits of limitsTried) {
      const search = new SearchList(store.db, limits);
      for (const [q, limit] of [
        ['common', 97],
        ['interleaf', 4],
        ['zyzzyva', 3],
        ['imported', 50],
      ] as const) {
        const got: string[] = [];
        let cursor: { sortUs: number; id: number } | null = null;
        for (;;) {
          const page = search.list(ftsQuery(q)!, { where: [], params: {} }, cursor, limit);
          got.push(...page.rows.map((r) => r.trace_id));
          if (!page.more) break;
          const last = page.rows.at(-1)!;
          cursor = { sortUs: last.sort_us, id: last.id };
        }
        expect(got, `${q} ${JSON.stringify(limits)}`).toEqual(expected({ q }));
      }
    }
  });

  it('plans every statement without a sort of the matches', () => {
    const statements = store.searchListStatements({ q: 'common', tag: 'nightly' })!;
    const params = {
      ...statements.params,
      q: ftsQuery('common'),
      below: 2 ** 52,
      afterSort: 0,
      afterId: 0,
      pks: '[]',
    };
    const plans = statements.sql.map((sql) =>
      (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[])
        .map((r) => r.detail)
        .join('\n'),
    );
    for (const plan of plans) expect(plan).not.toMatch(/TEMP B-TREE/);
    const [spanHits, traceHits, spanBlocks, traceBlocks, check, checkBelow] = plans as string[];
    // The doclists are read in rowid order by FTS5 itself; hits map to traces by primary key.
    expect(spanHits).toMatch(/SCAN f VIRTUAL TABLE/);
    expect(spanHits).toMatch(/SEARCH s USING COVERING INDEX spans_trace_of/);
    expect(traceHits).toMatch(/SCAN trace_fts VIRTUAL TABLE/);
    // Blocks highest bound first, along their index.
    expect(spanBlocks).toMatch(/SCAN span_fts_blocks USING COVERING INDEX span_fts_blocks_by_top/);
    expect(traceBlocks).toMatch(/SCAN trace_fts_blocks USING COVERING INDEX trace_fts_blocks_by_top/);
    // The traces found are looked up by key, not by scanning the list.
    for (const plan of [check, checkBelow]) expect(plan).toMatch(/SEARCH t USING INTEGER PRIMARY KEY/);
    // Also when a filter has an index of its own, which would walk every trace with that status.
    const byStatus = store.searchListStatements({ q: 'common', status: 'success' })!;
    for (const sql of byStatus.sql.slice(4)) {
      const plan = (
        store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ ...params, ...byStatus.params }) as {
          detail: string;
        }[]
      )
        .map((r) => r.detail)
        .join('\n');
      expect(plan).toMatch(/SEARCH t USING INTEGER PRIMARY KEY/);
      expect(plan).not.toMatch(/traces_by_status/);
    }
  });
});
