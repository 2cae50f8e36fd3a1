import { describe, expect, it } from 'vitest';
import { makeSpan } from '../../bench/fixtures/spans.ts';
import type { Span, TraceSummary } from '../../src/shared/types.ts';
import {
  mergeLiveTraces,
  matchesFilters,
  nextTraceSort,
  sortTraces,
} from '../../src/renderer/src/state/traceListModel.ts';
import {
  EMPTY_FILTERS,
  filtersToQuery,
  parseUrlState,
  serializeUrlState,
} from '../../src/renderer/src/state/urlState.ts';
import { DEFAULT_PREFERENCES, parsePreferences } from '../../src/renderer/src/state/preferences.ts';
import { mergeSpans } from '../../src/renderer/src/state/traceCache.ts';
import { matchSpans } from '../../src/renderer/src/state/spanSearch.ts';

function trace(id: string, startTime: number | null, extra: Partial<TraceSummary> = {}): TraceSummary {
  return {
    traceId: id,
    name: id,
    status: 'success',
    startTime,
    endTime: null,
    durationMs: 10,
    spanCount: 1,
    errorCount: 0,
    promptTokens: 0,
    completionTokens: 0,
    totalTokens: 0,
    costUsd: 0,
    tags: [],
    sessionId: null,
    userId: null,
    service: null,
    models: [],
    updatedAt: 1,
    ...extra,
  };
}

/** A running tool span; `extra` names what a case cares about. */
const span = (id: string, extra: Partial<Span> = {}): Span =>
  makeSpan({ spanId: id, traceId: 't', type: 'tool', startTime: 0, endTime: null, ...extra });

const ids = (rows: readonly TraceSummary[]) => rows.map((row) => row.traceId);

describe('URL state', () => {
  it('round-trips filters, trace, span and view', () => {
    const search =
      '?q=refund+failed&status=error&model=gpt-4o&tag=prod&attr=app.tenant%3Dacme&attr=temp%3E0.5&since=1700000000000&trace=abc&span=def&view=flame';
    const state = parseUrlState(search);
    expect(state).toEqual({
      filters: {
        q: 'refund failed',
        status: 'error',
        model: 'gpt-4o',
        tag: 'prod',
        attr: ['app.tenant=acme', 'temp>0.5'],
        since: 1700000000000,
        until: null,
      },
      traceId: 'abc',
      spanId: 'def',
      view: 'flame',
    });
    expect(parseUrlState(serializeUrlState(state))).toEqual(state);
  });

  it('round-trips the sessions list: open session, search, user filter and column sort', () => {
    const state = parseUrlState('?list=sessions&session=s1&search=checkout+2&user=ada&sort=-turns');
    expect(state).toMatchObject({
      list: 'sessions',
      sessionId: 's1',
      sessionSearch: 'checkout 2',
      sessionUser: 'ada',
      sessionSort: { key: 'turns', descending: true },
    });
    expect(parseUrlState(serializeUrlState(state))).toEqual(state);
    expect(parseUrlState('?list=sessions&sort=user').sessionSort).toEqual({ key: 'user', descending: false });
    // An unknown column is no sort; search, user and sort mean nothing outside the sessions list.
    expect(parseUrlState('?list=sessions&sort=-bogus').sessionSort).toBeUndefined();
    expect(parseUrlState('?user=ada&sort=turns')).not.toHaveProperty('sessionUser');
    expect(parseUrlState('?search=s1')).not.toHaveProperty('sessionSearch');
    expect(
      serializeUrlState({ ...state, list: undefined, sessionId: null, traceId: null, spanId: null }),
    ).toBe('');
  });

  it('ignores unknown statuses and views, and drops span/view without a trace', () => {
    const state = parseUrlState('?status=weird&view=nope&span=x');
    expect(state.filters.status).toBe('');
    expect(state.view).toBeNull();
    expect(serializeUrlState(state)).toBe('');
  });

  it('turns filters into the collector query, leaving out empty ones', () => {
    expect(filtersToQuery({ ...EMPTY_FILTERS, q: '  hello ', tag: '' })).toEqual({ q: 'hello' });
    expect(filtersToQuery({ ...EMPTY_FILTERS, attr: ['a=1', 'b'] })).toEqual({ attr: ['a=1', 'b'] });
  });
});

describe('preferences', () => {
  it('falls back field by field on damaged storage', () => {
    expect(parsePreferences('not json')).toEqual(DEFAULT_PREFERENCES);
    const prefs = parsePreferences(
      JSON.stringify({ theme: 'light', panes: { outline: -5, inspector: 500 }, activeTab: 'bogus' }),
    );
    expect(prefs.theme).toBe('light');
    expect(prefs.panes.outline).toBe(DEFAULT_PREFERENCES.panes.outline);
    expect(prefs.panes.inspector).toBe(500);
    expect(prefs.activeTab).toBe(DEFAULT_PREFERENCES.activeTab);
  });

  it('keeps the outline per tab: hidden beside the waterfall by default, an old "hidden" kept for all', () => {
    expect(DEFAULT_PREFERENCES.outlineVisible).toEqual({
      waterfall: false,
      flame: true,
      tree: true,
      transcript: true,
    });
    expect(parsePreferences(JSON.stringify({ outlineVisible: true })).outlineVisible).toEqual(
      DEFAULT_PREFERENCES.outlineVisible,
    );
    expect(parsePreferences(JSON.stringify({ outlineVisible: false })).outlineVisible).toEqual({
      waterfall: false,
      flame: false,
      tree: false,
      transcript: false,
    });
    expect(
      parsePreferences(JSON.stringify({ outlineVisible: { waterfall: true, tree: 'x' } })).outlineVisible,
    ).toEqual({ waterfall: true, flame: true, tree: true, transcript: true });
  });
});

describe('live merge into the trace list', () => {
  const rows = [trace('c', 300), trace('b', 200), trace('a', 100)];

  it('inserts new traces newest first and replaces known ones in place', () => {
    const result = mergeLiveTraces(
      rows,
      [trace('d', 400), trace('ab', 150), trace('b', 200, { status: 'error', updatedAt: 2 })],
      EMPTY_FILTERS,
      false,
    );
    expect(ids(result.rows)).toEqual(['d', 'c', 'b', 'ab', 'a']);
    expect(result.rows[2]!.status).toBe('error');
  });

  it('keeps a newer copy over an older live message', () => {
    const held = [trace('x', 1, { status: 'success', updatedAt: 5 })];
    expect(
      mergeLiveTraces(held, [trace('x', 1, { status: 'running', updatedAt: 4 })], EMPTY_FILTERS, false)
        .rows[0]!.status,
    ).toBe('success');
  });

  it('applies the filters it can check and counts what a text search might match', () => {
    const errorsOnly = { ...EMPTY_FILTERS, status: 'error' as const };
    const result = mergeLiveTraces(
      [trace('c', 300, { status: 'error' })],
      [trace('c', 300, { status: 'success', updatedAt: 2 }), trace('e', 500, { status: 'error' })],
      errorsOnly,
      false,
    );
    expect(ids(result.rows)).toEqual(['e']);
    const searched = mergeLiveTraces(rows, [trace('z', 999)], { ...EMPTY_FILTERS, q: 'refund' }, false);
    expect(ids(searched.rows)).toEqual(['c', 'b', 'a']);
    expect(searched.unseen).toBe(1);
  });

  it('leaves traces older than the loaded page to paging', () => {
    expect(ids(mergeLiveTraces(rows, [trace('old', 50)], EMPTY_FILTERS, true).rows)).toEqual(['c', 'b', 'a']);
    expect(ids(mergeLiveTraces(rows, [trace('old', 50)], EMPTY_FILTERS, false).rows)).toEqual([
      'c',
      'b',
      'a',
      'old',
    ]);
  });

  it('matches model and tag as substrings, case-insensitive, as the collector does', () => {
    const t = trace('m', 1, { models: ['gpt-4o-mini-2024-07-18'], tags: ['customer:acme'] });
    expect(matchesFilters(t, { ...EMPTY_FILTERS, model: 'GPT-4o' })).toBe(true);
    expect(matchesFilters(t, { ...EMPTY_FILTERS, model: 'gpt-4o-mini', tag: 'acme' })).toBe(true);
    expect(matchesFilters(t, { ...EMPTY_FILTERS, model: 'claude' })).toBe(false);
    // Span attributes are not in a summary: only the collector can say.
    expect(matchesFilters(t, { ...EMPTY_FILTERS, attr: ['app.tenant=acme'] })).toBe('unknown');
    expect(matchesFilters(t, { ...EMPTY_FILTERS, attr: ['app.tenant=acme'], model: 'claude' })).toBe(false);
    expect(matchesFilters(t, { ...EMPTY_FILTERS, tag: 'prod' })).toBe(false);
  });
});

describe('client-side sort', () => {
  it('sorts stably and returns the same array with no order', () => {
    const rows = [
      trace('a', 1, { costUsd: 2 }),
      trace('b', 2, { costUsd: 5 }),
      trace('c', 3, { costUsd: 2 }),
    ];
    expect(ids(sortTraces(rows, { key: 'cost', descending: true }))).toEqual(['b', 'a', 'c']);
    expect(ids(sortTraces(rows, { key: 'cost', descending: false }))).toEqual(['a', 'c', 'b']);
    expect(sortTraces(rows, null)).toBe(rows);
  });

  it('cycles a header: the name A to Z first, figures largest first, then flipped, then off', () => {
    expect(nextTraceSort(null, 'name')).toEqual({ key: 'name', descending: false });
    expect(nextTraceSort({ key: 'name', descending: false }, 'name')).toEqual({
      key: 'name',
      descending: true,
    });
    expect(nextTraceSort({ key: 'name', descending: true }, 'name')).toBeNull();
    expect(nextTraceSort({ key: 'name', descending: true }, 'cost')).toEqual({
      key: 'cost',
      descending: true,
    });
    expect(nextTraceSort({ key: 'cost', descending: true }, 'cost')).toEqual({
      key: 'cost',
      descending: false,
    });
    expect(nextTraceSort({ key: 'cost', descending: false }, 'cost')).toBeNull();
  });
});

describe('span merge and search', () => {
  it('never lets a still-running copy replace an ended one', () => {
    const ended = span('s', { endTime: 10, status: 'success' });
    const merged = mergeSpans(new Map([['s', ended]]), [span('s'), span('n')]);
    expect(merged.get('s')).toBe(ended);
    expect(merged.has('n')).toBe(true);
  });

  it('finds spans by name, model, error and preview, case-insensitively', () => {
    const spans = [
      span('a', { name: 'check_stock' }),
      span('b', { model: 'GPT-4o' }),
      span('c', { error: { message: 'Timeout', type: null, stack: null } }),
    ];
    expect([...matchSpans(spans, 'STOCK')!]).toEqual(['a']);
    expect([...matchSpans(spans, 'gpt')!]).toEqual(['b']);
    expect([...matchSpans(spans, 'timeout')!]).toEqual(['c']);
    expect(matchSpans(spans, '  ')).toBeNull();
  });
});

describe('trace list columns at narrow widths', () => {
  it('keeps status, name and start time in a 205 px list, and dates older traces in full', async () => {
    const { columnsForWidth } = await import('../../src/renderer/src/features/traceList/columns.tsx');
    const { formatClockTime } = await import('../../src/renderer/src/lib/formatClockTime.ts');
    expect(columnsForWidth(205).map((c) => c.key)).toEqual(['status', 'name', 'start']);
    expect(columnsForWidth(300).map((c) => c.key)).toEqual(['status', 'name', 'duration', 'start']);
    const older = formatClockTime(new Date(2026, 10, 30, 14, 5).getTime(), new Date(2026, 11, 2));
    expect(older).toMatch(/Nov/);
    expect(older).toMatch(/14:05/);
  });
});
