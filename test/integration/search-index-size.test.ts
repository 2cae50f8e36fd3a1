// The full-text index's share of the disk. Searches match words as prefixes anywhere in a field
// (queries.ts ftsQuery), so the index keeps which rows hold a word and not where in them
// (migrations.ts v12): with agent-sized payloads, word positions were close to half the payload's
// size again on disk.
import { afterEach, describe, expect, it } from 'vitest';
import type { NormalizedBatch } from '../../src/server/ingest/model.ts';
import { Store } from '../../src/server/store/index.ts';
import { makeTempDir, type TempDir } from '../helpers/tmp.ts';

let dir: TempDir;
let store: Store;
afterEach(() => {
  store?.close();
  dir?.remove();
});

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const WORDS = Array.from({ length: 2_000 }, (_, i) => `w${(i * 7919).toString(36)}`);

/** Prose-like text: frequent words often, rare ones seldom (as in messages and tool results). */
function prose(seed: number, chars: number): string {
  let out = '';
  let x = seed * 2_654_435_761;
  while (out.length < chars) {
    x = (Math.imul(x, 1_103_515_245) + 12_345) >>> 0;
    const u = x / 4_294_967_296;
    out += `${WORDS[Math.floor(WORDS.length * u * u * u)]} `;
  }
  return out;
}

function batch(trace: number): NormalizedBatch {
  return {
    traces: [],
    spans: Array.from({ length: 50 }, (_, i) => ({
      traceId: hex(trace, 32),
      spanId: hex(i + 1, 16),
      name: 'llm call',
      startUs: 1_700_000_000_000_000 + trace * 1_000 + i,
      endUs: 1_700_000_000_000_100 + trace * 1_000 + i,
      input: { messages: [{ role: 'user', content: prose(trace * 100 + i, 6_000) }] },
      output: prose(trace * 100 + i + 50, 2_000),
    })),
    rejected: [],
  };
}

describe('full-text index size', () => {
  it('takes under a quarter of the payload bytes it indexes', async () => {
    dir = makeTempDir();
    store = new Store(dir.file('size.db'));
    for (let t = 1; t <= 8; t++) store.applyBatches([batch(t)]);
    await store.catchUpSearch();
    expect(store.listTraces({ q: WORDS[1_999]!.slice(0, 4) }).searchLagMs ?? 0).toBe(0);
    store.db.pragma('search.wal_checkpoint(TRUNCATE)');
    const bytes = (sql: string) => store.db.prepare(sql).pluck().get() as number;
    const payload = bytes('SELECT sum(length(input) + length(output)) FROM span_payloads');
    const index = bytes(`SELECT sum(pgsize) FROM dbstat('search') WHERE name LIKE 'span_fts%'`);
    // With word positions (detail=full) this was ~0.5; without them ~0.12.
    expect(index / payload).toBeLessThan(0.25);
    expect(index).toBeGreaterThan(0);
  });

  it('finds words joined by underscores, as one word and by each part', async () => {
    dir = makeTempDir();
    store = new Store(dir.file('words.db'));
    const traceId = hex(1, 32);
    store.applyBatches([
      {
        traces: [],
        spans: [
          {
            traceId,
            spanId: hex(1, 16),
            name: 'tool',
            startUs: 1_700_000_000_000_000,
            input: 'calling lookup_weather(city)',
          },
        ],
        rejected: [],
      },
    ]);
    await store.catchUpSearch();
    const found = (q: string) => store.listTraces({ q }).traces.map((t) => t.traceId);
    expect(found('lookup_weather')).toEqual([traceId]);
    expect(found('weather')).toEqual([traceId]);
    expect(found('look_weat')).toEqual([traceId]); // every part as a prefix
    expect(found('lookup_rain')).toEqual([]);
  });
});
