// Cost of one model call from per-token rates. Cached prompt tokens are part of promptTokens
// (GenAI and OpenInference semantics) and are billed at their own rates; if the cache counts
// exceed the prompt, the sender reported Anthropic's raw input_tokens (which excludes the
// cache), so the whole prompt is taken as uncached and the cache tokens are billed on top.
import type { ModelRates, Rate } from './types.ts';

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
}

/** Long-context tiers apply to the whole request once the prompt passes their threshold. */
function rateFor(rate: Rate | undefined, promptTokens: number): number | undefined {
  if (rate === undefined || typeof rate === 'number') return rate;
  let value = rate.base;
  for (const tier of rate.tiers) if (promptTokens > tier.start) value = tier.rate;
  return value;
}

export function costOf(rates: ModelRates, usage: TokenUsage): number | null {
  const prompt = Math.max(0, usage.promptTokens || 0);
  const completion = Math.max(0, usage.completionTokens || 0);
  const cacheRead = Math.max(0, usage.cacheReadTokens ?? 0);
  const cacheWrite = Math.max(0, usage.cacheWriteTokens ?? 0);

  const input = rateFor(rates.input, prompt);
  const output = rateFor(rates.output, prompt);
  // A rate we do not have for tokens that were used makes the whole figure unknown, not cheaper.
  if ((prompt > 0 && input === undefined) || (completion > 0 && output === undefined)) return null;

  const uncached = cacheRead + cacheWrite > prompt ? prompt : prompt - cacheRead - cacheWrite;
  const cost =
    uncached * (input ?? 0) +
    cacheRead * (rateFor(rates.cacheRead, prompt) ?? input ?? 0) +
    cacheWrite * (rateFor(rates.cacheWrite, prompt) ?? input ?? 0) +
    completion * (output ?? 0);
  return Number.isFinite(cost) ? cost : null;
}
