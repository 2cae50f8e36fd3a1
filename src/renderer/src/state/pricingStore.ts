// The collector's model price table, as the status bar and the settings dialog show it, and the
// two ways to change it from the app: a price file chosen here, or back to the bundled snapshot.
import { ApiError, fetchPricingInfo, resetPriceTable, uploadPriceFile } from '../api/http.ts';
import type { PricingInfo } from '../../../shared/types.ts';
import { createStore } from './createStore.ts';

export interface PricingState {
  info: PricingInfo | null;
  busy: boolean;
  /** Why the last change was refused, in the collector's words. */
  error: string | null;
}

export const pricingStore = createStore<PricingState>({ info: null, busy: false, error: null });

export async function refreshPricing(): Promise<void> {
  try {
    pricingStore.set({ ...pricingStore.get(), info: await fetchPricingInfo() });
  } catch {
    // An older collector without /api/pricing: the status bar simply shows no prices.
  }
}

async function change(action: () => Promise<PricingInfo>): Promise<void> {
  pricingStore.set({ ...pricingStore.get(), busy: true, error: null });
  try {
    pricingStore.set({ info: await action(), busy: false, error: null });
  } catch (error) {
    const message = error instanceof ApiError ? error.message : String(error);
    pricingStore.set({ ...pricingStore.get(), busy: false, error: message });
  }
}

export const loadPriceFile = (file: File): Promise<void> => change(() => uploadPriceFile(file));
export const restoreBundledPrices = (): Promise<void> => change(resetPriceTable);

/** "genai-prices@0.0.40, 2026-10-01" — what the status bar says. */
export function pricingLabel(info: PricingInfo): string {
  return `${info.source}, ${info.date}`;
}
