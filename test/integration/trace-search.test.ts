// The trace list's full-text search (`q`): newest first with early stop (store/searchList.ts). Its
// answers are checked against the plain plan (every match collected, then sorted) over data whose
// span rowids are not in list order: a future-dated trace stored first, an old 3,000-span trace
// stored last (split by another trace), a long trace whose spans arrive among later traces.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NormalizedBatch, SpanPatch } from '../../src/server/ingest/model.ts';
import { Store } from '../../src/server/store/index.ts';
import { ftsQuery } from '../../src/server/store/queries.ts';
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
    for (const q of ['common', 'zyzzyva', 'middling', 'comm', 'common middling', 'late']) {
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
    const rare = store.listTraces({ q: 'zyzzyva', limit: 2 });
    expect(rare.total).toBe(expected({ q: 'zyzzyva' }).length);
    expect(rare.nextCursor).not.toBeNull();
    // A common word stops at the page: how many match in all is not known. (Without the
    // future-dated trace, which only a whole read of the doclist can decide.)
    const common = store.listTraces({ q: 'common', tag: 'dev', limit: 10 });
    expect(common.traces).toHaveLength(10);
    expect(common.total).toBeUndefined();
    // The walk reached the end: the first page holds every match.
    const all = store.listTraces({ q: 'common', name: 'special', limit: 50 });
    expect(all.total).toBe(all.traces.length);
    expect(all.nextCursor).toBeNull();
    // Later pages never carry one.
    expect(store.listTraces({ q: 'zyzzyva', limit: 2, cursor: rare.nextCursor! }).total).toBeUndefined();
  });

  it('plans every statement without a sort of the matches', () => {
    const statements = store.searchListStatements({ q: 'common' })!;
    const params = {
      ...statements.params,
      q: ftsQuery('common'),
      below: 2 ** 52,
      limit: 51,
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
    const [spanHits, traceHits, walk, walkBelow] = plans as [string, string, string, string];
    // The doclists are read in rowid order by FTS5 itself; hits map to traces by primary key.
    expect(spanHits).toMatch(/SCAN f VIRTUAL TABLE/);
    expect(spanHits).toMatch(/SEARCH s USING COVERING INDEX spans_trace_of/);
    expect(traceHits).toMatch(/SCAN trace_fts VIRTUAL TABLE/);
    // Traces newest first along the list's index; each one's first span from its own index.
    for (const plan of [walk, walkBelow]) {
      expect(plan).toMatch(/traces_by_sort/);
      expect(plan).toMatch(/spans_by_trace\b/);
    }
  });
});
