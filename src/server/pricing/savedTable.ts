// A price table chosen in the app is kept beside the database, so it is still the table after a
// restart. The file holds the original text with the name and date it was loaded under.
// `--prices` and SPYGLASS_PRICES, asked for at start, win over it (restoreSavedPriceTable).
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { PriceBook } from './index.ts';

export interface SavedTable {
  name: string;
  date: string;
  text: string;
}

export const savedPricesPath = (dbPath: string): string => `${dbPath}.prices.json`;

/** Keeps a price file (already loaded) for the next start. */
export function savePriceText(dbPath: string, file: SavedTable): void {
  const path = savedPricesPath(dbPath);
  // Written aside and renamed, so a crash mid-write never leaves half a file to restore.
  writeFileSync(`${path}.tmp`, JSON.stringify(file));
  renameSync(`${path}.tmp`, path);
}

export function forgetSavedPriceTable(dbPath: string): void {
  rmSync(savedPricesPath(dbPath), { force: true });
}

/**
 * At start: the table saved beside this database, unless another was asked for (`--prices`,
 * SPYGLASS_PRICES). A saved file that no longer loads is reported and left for the bundled table.
 */
export function restoreSavedPriceTable(prices: PriceBook, dbPath: string, log: (line: string) => void): void {
  const path = savedPricesPath(dbPath);
  if (!existsSync(path) || !prices.info().bundled) return;
  try {
    const saved = JSON.parse(readFileSync(path, 'utf8')) as SavedTable;
    prices.loadText(saved.text, { name: saved.name, date: saved.date });
  } catch (error) {
    log(
      `spyglass: the price table saved in ${path} was not loaded (${(error as Error).message}); using the bundled one`,
    );
  }
}
