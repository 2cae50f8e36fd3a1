// Model prices: estimates the USD cost of a model call that reported tokens but no cost.
// The table is a dated snapshot of @pydantic/genai-prices (data/, refreshed by
// scripts/update-prices.ts); a user file replaces it via loadPriceTable(path) or the
// SPYGLASS_PRICES environment variable (genai-prices or LiteLLM JSON).
import { costOf } from './cost.ts';
import type { PricingInfo } from '../../shared/types.ts';
import { bundledPriceTable, modelCount, priceTableFromFile, priceTableFromText } from './loadTable.ts';
import { findPricedModel } from './lookup.ts';
import type { PricedModel, PriceTable } from './types.ts';

export type PriceTableInfo = PricingInfo;

export interface CostInput {
  model: string;
  provider?: string | null;
  promptTokens: number;
  completionTokens: number;
  /** Part of promptTokens that was read from the provider's prompt cache. */
  cacheReadTokens?: number;
  /** Part of promptTokens that was written to the prompt cache. */
  cacheWriteTokens?: number;
}

const LOOKUP_CACHE_LIMIT = 4096;
let table: PriceTable | null = null;
let bundled = true;
const lookups = new Map<string, PricedModel | null>();

function currentTable(): PriceTable {
  if (table) return table;
  const override = process.env.SPYGLASS_PRICES;
  if (override) {
    try {
      table = priceTableFromFile(override);
      bundled = false;
      return table;
    } catch (err) {
      // A broken override must not stop ingest: say so once and price with the bundled table.
      console.warn(`spyglass: SPYGLASS_PRICES ignored: ${(err as Error).message}`);
    }
  }
  table = bundledPriceTable();
  return table;
}

function install(next: PriceTable, isBundled: boolean): PriceTableInfo {
  table = next;
  bundled = isBundled;
  lookups.clear();
  return priceTableInfo();
}

/** Replaces the price table with a user file. Throws (and keeps the current table) if it is unusable. */
export function loadPriceTable(path: string): PriceTableInfo {
  return install(priceTableFromFile(path), false);
}

/**
 * Replaces the price table with a file's text (a file chosen in the app). Throws an Error saying
 * what is wrong with it, and keeps the current table, if it is unusable.
 */
export function loadPriceText(text: string, file: { name: string; date: string }): PriceTableInfo {
  return install(priceTableFromText(text, file), false);
}

/** Back to the bundled snapshot (ignores SPYGLASS_PRICES). */
export function applyBundledPriceTable(): PriceTableInfo {
  return install(bundledPriceTable(), true);
}

export function priceTableInfo(): PriceTableInfo {
  const t = currentTable();
  return { source: t.source, date: t.date, models: modelCount(t), bundled };
}

function lookup(model: string, provider: string | null | undefined): PricedModel | null {
  const key = `${provider ?? ''}\u0000${model}`;
  const cached = lookups.get(key);
  if (cached !== undefined) return cached;
  const found = findPricedModel(currentTable(), model, provider);
  if (lookups.size >= LOOKUP_CACHE_LIMIT) lookups.clear();
  lookups.set(key, found);
  return found;
}

/** USD cost of one model call, or null when the model is not in the table (unknown is never 0). */
export function estimateCostUsd(input: CostInput): number | null {
  if (!input.model?.trim()) return null;
  const model = lookup(input.model, input.provider);
  const rates = model?.ratesAt(new Date());
  return rates ? costOf(rates, input) : null;
}

/** Which entry would price this model (for display and tests). */
export function pricedModelId(
  model: string,
  provider?: string | null,
): { provider: string; id: string } | null {
  const found = lookup(model, provider);
  return found ? { provider: found.provider, id: found.id } : null;
}
