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

/**
 * One price table and its lookup cache. Each running server owns one (startServer), so two servers
 * in one process price with their own tables; the free functions below use a process default for
 * the callers outside a server (the CLI import, provider inference in the decoder thread).
 */
export class PriceBook {
  private table: PriceTable | null = null;
  private bundled = true;
  private readonly lookups = new Map<string, PricedModel | null>();

  private currentTable(): PriceTable {
    if (this.table) return this.table;
    const override = process.env.SPYGLASS_PRICES;
    if (override) {
      try {
        this.table = priceTableFromFile(override);
        this.bundled = false;
        return this.table;
      } catch (err) {
        // A broken override must not stop ingest: say so and price with the bundled table.
        console.warn(`spyglass: SPYGLASS_PRICES ignored: ${(err as Error).message}`);
      }
    }
    this.table = bundledPriceTable();
    return this.table;
  }

  private install(next: PriceTable, isBundled: boolean): PriceTableInfo {
    this.table = next;
    this.bundled = isBundled;
    this.lookups.clear();
    return this.info();
  }

  /** Replaces the price table with a user file. Throws (and keeps the current table) if it is unusable. */
  loadFile(path: string): PriceTableInfo {
    return this.install(priceTableFromFile(path), false);
  }

  /**
   * Replaces the price table with a file's text (a file chosen in the app). Throws an Error saying
   * what is wrong with it, and keeps the current table, if it is unusable.
   */
  loadText(text: string, file: { name: string; date: string }): PriceTableInfo {
    return this.install(priceTableFromText(text, file), false);
  }

  /** Back to the bundled snapshot (ignores SPYGLASS_PRICES). */
  applyBundled(): PriceTableInfo {
    return this.install(bundledPriceTable(), true);
  }

  info(): PriceTableInfo {
    const t = this.currentTable();
    return { source: t.source, date: t.date, models: modelCount(t), bundled: this.bundled };
  }

  private lookup(model: string, provider: string | null | undefined): PricedModel | null {
    const key = `${provider ?? ''}\u0000${model}`;
    const cached = this.lookups.get(key);
    if (cached !== undefined) return cached;
    const found = findPricedModel(this.currentTable(), model, provider);
    if (this.lookups.size >= LOOKUP_CACHE_LIMIT) this.lookups.clear();
    this.lookups.set(key, found);
    return found;
  }

  /** USD cost of one model call, or null when the model is not in the table (unknown is never 0). */
  estimateCostUsd(input: CostInput): number | null {
    if (!input.model?.trim()) return null;
    const model = this.lookup(input.model, input.provider);
    const rates = model?.ratesAt(new Date());
    return rates ? costOf(rates, input) : null;
  }

  /** Which entry would price this model (for display and tests). */
  pricedModelId(model: string, provider?: string | null): { provider: string; id: string } | null {
    const found = this.lookup(model, provider);
    return found ? { provider: found.provider, id: found.id } : null;
  }
}

const processDefault = new PriceBook();

export const loadPriceTable = (path: string): PriceTableInfo => processDefault.loadFile(path);
export const loadPriceText = (text: string, file: { name: string; date: string }): PriceTableInfo =>
  processDefault.loadText(text, file);
export const applyBundledPriceTable = (): PriceTableInfo => processDefault.applyBundled();
export const priceTableInfo = (): PriceTableInfo => processDefault.info();
export const estimateCostUsd = (input: CostInput): number | null => processDefault.estimateCostUsd(input);
export const pricedModelId = (
  model: string,
  provider?: string | null,
): { provider: string; id: string } | null => processDefault.pricedModelId(model, provider);
