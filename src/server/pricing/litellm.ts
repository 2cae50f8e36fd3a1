// Converts a LiteLLM-style cost map (`model_prices_and_context_window.json`, also used by
// tokencost) into PriceTable providers, so a user can refresh prices from that file. Keys are
// model names (sometimes "provider/model"), values carry USD-per-token rates.
import { canonicalProvider } from './providers.ts';
import type { ModelRates, PricedModel, PricedProvider, Rate } from './types.ts';

const TIER_KEY =
  /^(input|output|cache_read_input_token|cache_creation_input_token)_cost(?:_per_token)?_above_(\d+)k_tokens$/;

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function tiered(base: number | undefined, tiers: Array<{ start: number; rate: number }>): Rate | undefined {
  if (base === undefined) return undefined;
  return tiers.length === 0 ? base : { base, tiers: tiers.sort((a, b) => a.start - b.start) };
}

function ratesOf(entry: Record<string, unknown>): ModelRates | null {
  const tiers: Record<string, Array<{ start: number; rate: number }>> = {
    input: [],
    output: [],
    cache_read_input_token: [],
    cache_creation_input_token: [],
  };
  for (const [key, value] of Object.entries(entry)) {
    const m = TIER_KEY.exec(key);
    const rate = num(value);
    if (m && rate !== undefined) tiers[m[1]!]!.push({ start: Number(m[2]) * 1000, rate });
  }
  const rates: ModelRates = {
    input: tiered(num(entry.input_cost_per_token), tiers.input!),
    output: tiered(num(entry.output_cost_per_token), tiers.output!),
    cacheRead: tiered(num(entry.cache_read_input_token_cost), tiers.cache_read_input_token!),
    cacheWrite: tiered(num(entry.cache_creation_input_token_cost), tiers.cache_creation_input_token!),
  };
  return rates.input === undefined && rates.output === undefined ? null : rates;
}

export function fromLiteLLM(data: unknown): PricedProvider[] {
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new Error('a LiteLLM price map must be a JSON object keyed by model name');
  }
  const byProvider = new Map<string, PricedModel[]>();
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (key === 'sample_spec' || !value || typeof value !== 'object') continue;
    const entry = value as Record<string, unknown>;
    const rates = ratesOf(entry);
    if (!rates) continue; // image/audio/search-only entries have no token rates
    const provider =
      canonicalProvider(typeof entry.litellm_provider === 'string' ? entry.litellm_provider : '') ??
      'unknown';
    const name = key.toLowerCase();
    const models = byProvider.get(provider) ?? [];
    models.push({ provider, id: key, matches: (candidate) => candidate === name, ratesAt: () => rates });
    byProvider.set(provider, models);
  }
  return [...byProvider].map(([id, models]) => ({
    id,
    ownsModel: () => false,
    fallbacks: [],
    aggregator: false,
    models,
  }));
}
