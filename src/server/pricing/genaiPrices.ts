// Converts genai-prices provider data (the bundled snapshot, or upstream's data.json supplied by
// the user) into a PriceTable. Prices there are USD per million tokens ("*_mtok"), optionally
// tiered by prompt size, and optionally a list of dated price changes.
import { compileMatch } from './matchLogic.ts';
import type { ModelRates, PricedModel, PricedProvider, Rate } from './types.ts';

const AGGREGATOR =
  /^(openrouter|huggingface_|together|novita|fireworks|avian|quicksilverpro|doubleword|github-copilot|cursor|typesafe)/;

const PER_MILLION = 1e-6;

function toRate(value: unknown): Rate | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value * PER_MILLION;
  if (value && typeof value === 'object' && typeof (value as { base?: unknown }).base === 'number') {
    const { base, tiers } = value as { base: number; tiers?: Array<{ start?: unknown; price?: unknown }> };
    const clean = (tiers ?? [])
      .filter((t) => typeof t.start === 'number' && typeof t.price === 'number')
      .map((t) => ({ start: t.start as number, rate: (t.price as number) * PER_MILLION }))
      .sort((a, b) => a.start - b.start);
    return { base: base * PER_MILLION, tiers: clean };
  }
  return undefined;
}

function toRates(prices: unknown): ModelRates | null {
  if (!prices || typeof prices !== 'object') return null;
  const p = prices as Record<string, unknown>;
  const rates: ModelRates = {
    input: toRate(p.input_mtok),
    output: toRate(p.output_mtok),
    cacheRead: toRate(p.cache_read_mtok),
    cacheWrite: toRate(p.cache_write_mtok),
  };
  return rates.input === undefined && rates.output === undefined ? null : rates;
}

interface Conditional {
  startDate: number;
  timeOfDay: boolean;
  rates: ModelRates | null;
}

/**
 * A model's price list may be a list of `{constraint?, prices}`: the latest entry whose
 * start_date has passed wins. Time-of-day discounts (off-peak hours) are ignored: we cannot
 * know the caller's billing window, and the regular price is the safe estimate.
 */
function ratesResolver(prices: unknown): (at: Date) => ModelRates | null {
  if (!Array.isArray(prices)) {
    const fixed = toRates(prices);
    return () => fixed;
  }
  const entries: Conditional[] = prices.map(
    (entry: { constraint?: Record<string, unknown>; prices?: unknown }) => {
      const c = entry.constraint;
      const startDate =
        c?.type === 'start_date' && typeof c.start_date === 'string' ? Date.parse(c.start_date) : 0;
      return {
        startDate: Number.isNaN(startDate) ? 0 : startDate,
        timeOfDay: c?.type === 'time_of_date',
        rates: toRates(entry.prices),
      };
    },
  );
  return (at) => {
    let best: Conditional | undefined;
    for (const entry of entries) {
      if (entry.timeOfDay || entry.startDate > at.getTime()) continue;
      if (!best || entry.startDate >= best.startDate) best = entry;
    }
    return best?.rates ?? null;
  };
}

export function fromGenaiPrices(data: unknown): PricedProvider[] {
  if (!Array.isArray(data)) throw new Error('genai-prices data must be an array of providers');
  return data.map((raw: Record<string, unknown>, index): PricedProvider => {
    if (typeof raw?.id !== 'string' || !Array.isArray(raw.models)) {
      throw new Error(`genai-prices provider [${index}] needs an "id" and a "models" array`);
    }
    const providerId = raw.id;
    const models = (raw.models as Array<Record<string, unknown>>).map(
      (model): PricedModel => ({
        provider: providerId,
        id: String(model.id),
        matches: compileMatch(model.match ?? { equals: String(model.id) }),
        ratesAt: ratesResolver(model.prices),
      }),
    );
    return {
      id: providerId,
      ownsModel: compileMatch(raw.model_match),
      fallbacks: Array.isArray(raw.fallback_model_providers) ? raw.fallback_model_providers.map(String) : [],
      aggregator: AGGREGATOR.test(providerId),
      models,
    };
  });
}
