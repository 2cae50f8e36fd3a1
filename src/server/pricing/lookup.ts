// Finds the price entry for a (model, provider) pair. Search order, first hit wins:
//   1. the named provider (or the "provider/" prefix of the model name) and the providers it resells,
//   2. first-party providers whose own model pattern matches the name (gpt-* → openai),
//   3. every other first-party provider, 4. aggregators (openrouter, huggingface_*, …).
// Within each step the name candidates go from most to least specific (modelNames.ts), so an
// exact dated entry beats the undated family price.
import { modelNameCandidates } from './modelNames.ts';
import { canonicalProvider } from './providers.ts';
import type { PricedModel, PricedProvider, PriceTable } from './types.ts';

function firstMatch(providers: Iterable<PricedProvider>, names: string[]): PricedModel | null {
  for (const name of names) {
    for (const provider of providers) {
      const hit = provider.models.find((model) => model.matches(name));
      if (hit) return hit;
    }
  }
  return null;
}

export function findPricedModel(
  table: PriceTable,
  model: string,
  provider: string | null | undefined,
): PricedModel | null {
  const slash = model.indexOf('/');
  const hint = canonicalProvider(provider) ?? (slash > 0 ? canonicalProvider(model.slice(0, slash)) : null);
  const names = modelNameCandidates(model, hint);
  const byId = new Map(table.providers.map((p) => [p.id, p]));

  if (hint && byId.has(hint)) {
    const named = byId.get(hint)!;
    const scoped = [named, ...named.fallbacks.map((id) => byId.get(id)).filter((p) => p !== undefined)];
    const hit = firstMatch(scoped, names);
    if (hit) return hit;
  }
  const firstParty = table.providers.filter((p) => !p.aggregator);
  for (const name of names) {
    const hit = firstMatch(
      firstParty.filter((p) => p.ownsModel(name)),
      [name],
    );
    if (hit) return hit;
  }
  return (
    firstMatch(firstParty, names) ??
    firstMatch(
      table.providers.filter((p) => p.aggregator),
      names,
    )
  );
}
