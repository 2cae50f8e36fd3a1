// Cache-read discounts reach the store's cost estimate: an OTLP chat span reporting cached prompt
// tokens is priced at the model's cache-read rate, and keeps that price when a later patch of the
// same span (without the cache attribute) triggers a new estimate.
import { afterEach, describe, expect, it } from 'vitest';
import { ingestOtlpTraces } from '../../src/server/ingest/otlp/index.ts';
import { estimateCostUsd, applyBundledPriceTable } from '../../src/server/pricing/index.ts';
import { Store } from '../../src/server/store/index.ts';
import { makeTempDir, type TempDir } from '../helpers/tmp.ts';

const TRACE = 'c'.repeat(32);
const SPAN = '1'.repeat(16);

let dir: TempDir;
let store: Store;
afterEach(() => {
  store?.close();
  dir?.remove();
});

function open(): Store {
  applyBundledPriceTable(); // a SPYGLASS_PRICES in the environment must not change the figures
  dir = makeTempDir();
  store = new Store(dir.file('cache.db'), { estimateCost: estimateCostUsd });
  return store;
}

/** One OTLP/JSON chat span on gpt-4o: 1,000 input tokens, 100 output, `cached` of them read from cache. */
function chatSpan(cached: number | null): Uint8Array {
  const attr = (key: string, value: Record<string, unknown>) => ({ key, value });
  const attributes = [
    attr('gen_ai.operation.name', { stringValue: 'chat' }),
    attr('gen_ai.provider.name', { stringValue: 'openai' }),
    attr('gen_ai.request.model', { stringValue: 'gpt-4o' }),
    attr('gen_ai.usage.input_tokens', { intValue: '1000' }),
    attr('gen_ai.usage.output_tokens', { intValue: '100' }),
  ];
  if (cached !== null)
    attributes.push(attr('gen_ai.usage.cache_read.input_tokens', { intValue: String(cached) }));
  const start = BigInt(Date.UTC(2026, 0, 1)) * 1_000_000n;
  const body = {
    resourceSpans: [
      {
        resource: { attributes: [attr('service.name', { stringValue: 'cache-test' })] },
        scopeSpans: [
          {
            scope: { name: 'test' },
            spans: [
              {
                traceId: TRACE,
                spanId: SPAN,
                name: 'chat gpt-4o',
                kind: 3,
                startTimeUnixNano: String(start),
                endTimeUnixNano: String(start + 1_000_000n),
                attributes,
              },
            ],
          },
        ],
      },
    ],
  };
  return Buffer.from(JSON.stringify(body));
}

function spanCost(s: Store): number | null {
  const answer = JSON.parse(s.getTraceJson(TRACE)!) as { spans: Array<{ costUsd: number | null }> };
  return answer.spans[0]!.costUsd;
}

describe('cache tokens in the store’s cost estimate', () => {
  it('prices cached prompt tokens at the cache-read rate (gpt-4o: $1.25 vs $2.50 per million)', () => {
    const s = open();
    s.applyBatches([ingestOtlpTraces(chatSpan(800), 'json').batch]);
    const expected = estimateCostUsd({
      model: 'gpt-4o',
      provider: 'openai',
      promptTokens: 1000,
      completionTokens: 100,
      cacheReadTokens: 800,
    })!;
    const uncached = estimateCostUsd({
      model: 'gpt-4o',
      provider: 'openai',
      promptTokens: 1000,
      completionTokens: 100,
    })!;
    expect(expected).toBeLessThan(uncached); // the model's cache-read price differs from its input price
    // 200 uncached × $2.50 + 800 cached × $1.25 + 100 output × $10, per million tokens.
    expect(expected).toBeCloseTo(0.0025, 12);
    expect(spanCost(s)).toBeCloseTo(expected, 12);
    expect(s.getTraceSummary(TRACE)!.costUsd).toBeCloseTo(expected, 12);
  });

  it('keeps the discount when a later patch of the span re-estimates without the cache attribute', () => {
    const s = open();
    s.applyBatches([ingestOtlpTraces(chatSpan(800), 'json').batch]);
    s.applyBatches([
      { traces: [], spans: [{ traceId: TRACE, spanId: SPAN, completionTokens: 200 }], rejected: [] },
    ]);
    const expected = estimateCostUsd({
      model: 'gpt-4o',
      provider: 'openai',
      promptTokens: 1000,
      completionTokens: 200,
      cacheReadTokens: 800,
    })!;
    expect(spanCost(s)).toBeCloseTo(expected, 12);
  });

  it('prices a span without cache tokens at the plain input rate', () => {
    const s = open();
    s.applyBatches([ingestOtlpTraces(chatSpan(null), 'json').batch]);
    expect(spanCost(s)).toBeCloseTo(0.0035, 12);
  });
});
