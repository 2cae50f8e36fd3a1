// Builds a PriceTable from the bundled snapshot or from a user's JSON file, telling the two
// accepted formats apart by shape: genai-prices data is an array of providers (or upstream's
// `{ providers: [...] }` wrapper); a LiteLLM / tokencost cost map is an object keyed by model.
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import bundledData from './data/genai-prices.json' with { type: 'json' };
import bundledSource from './data/genai-prices.source.json' with { type: 'json' };
import { fromGenaiPrices } from './genaiPrices.ts';
import { fromLiteLLM } from './litellm.ts';
import type { PriceTable } from './types.ts';

export function bundledPriceTable(): PriceTable {
  return { source: bundledSource.source, date: bundledSource.date, providers: fromGenaiPrices(bundledData) };
}

export function priceTableFromJson(data: unknown, source: string, date: string): PriceTable {
  if (Array.isArray(data))
    return { source: `${source} (genai-prices format)`, date, providers: fromGenaiPrices(data) };
  if (data && typeof data === 'object' && Array.isArray((data as { providers?: unknown }).providers)) {
    return {
      source: `${source} (genai-prices format)`,
      date,
      providers: fromGenaiPrices((data as { providers: unknown }).providers),
    };
  }
  return { source: `${source} (LiteLLM format)`, date, providers: fromLiteLLM(data) };
}

/** Reads a price file; throws an Error naming the file and what is wrong with it. */
export function priceTableFromFile(path: string): PriceTable {
  let text: string;
  let date: string;
  try {
    text = readFileSync(path, 'utf8');
    date = statSync(path).mtime.toISOString().slice(0, 10);
  } catch (err) {
    throw new Error(`cannot read price file ${path}: ${(err as Error).message}`);
  }
  return priceTableFromText(text, { name: basename(path), shownAs: path, date });
}

/**
 * A price file's text → PriceTable; throws an Error saying what is wrong with it. `name` labels
 * the table's source, `shownAs` names the file in messages.
 */
export function priceTableFromText(
  text: string,
  file: { name: string; shownAs?: string; date: string },
): PriceTable {
  const shownAs = file.shownAs ?? file.name;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`price file ${shownAs} is not valid JSON: ${(err as Error).message}`);
  }
  const table = priceTableFromJson(data, `file ${file.name}`, file.date);
  if (modelCount(table) === 0) {
    throw new Error(
      `price file ${shownAs} holds no model with token prices (expected genai-prices or LiteLLM JSON)`,
    );
  }
  return table;
}

export const modelCount = (table: PriceTable): number =>
  table.providers.reduce((n, p) => n + p.models.length, 0);
