// The price table in the one shape every source (bundled genai-prices data, a user's LiteLLM or
// genai-prices file) is converted to. Rates are USD per single token, so a cost is a plain product.

/** A rate that rises once the prompt passes a threshold (long-context pricing). */
export interface TieredRate {
  base: number;
  /** Ascending by `start`; a tier applies to the whole request when promptTokens > start. */
  tiers: Array<{ start: number; rate: number }>;
}

export type Rate = number | TieredRate;

export interface ModelRates {
  input?: Rate;
  output?: Rate;
  cacheRead?: Rate;
  cacheWrite?: Rate;
}

export interface PricedModel {
  /** Canonical provider id (see providers.ts), e.g. "openai", "anthropic", "google". */
  provider: string;
  id: string;
  /** `name` is already lowercased. */
  matches(name: string): boolean;
  /** The rates in force at `at` (some sources carry dated price changes). */
  ratesAt(at: Date): ModelRates | null;
}

export interface PricedProvider {
  id: string;
  /** Whether a model name (lowercased) looks like this provider's own model. */
  ownsModel(name: string): boolean;
  /** Providers whose catalogue this one resells (e.g. azure → openai). */
  fallbacks: string[];
  /** Aggregators (openrouter, huggingface_*) are searched last when no provider is named. */
  aggregator: boolean;
  models: PricedModel[];
}

export interface PriceTable {
  source: string;
  /** YYYY-MM-DD of the data (publication date of the snapshot, or the file's date). */
  date: string;
  providers: PricedProvider[];
}
