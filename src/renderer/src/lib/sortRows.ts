// A table's client-side sort: by one column's value, either direction, stable (rows that tie keep
// the order the server gave them). The trace list and the sessions list sort through it.

export interface ColumnSort<Key extends string> {
  key: Key;
  descending: boolean;
}

export type ColumnValues<Row, Key extends string> = Record<Key, (row: Row) => number | string>;

export function sortRows<Row, Key extends string>(
  rows: readonly Row[],
  order: ColumnSort<Key> | null,
  values: ColumnValues<Row, Key>,
): readonly Row[] {
  if (!order) return rows;
  const value = values[order.key];
  const sign = order.descending ? -1 : 1;
  return rows
    .map((row, index) => ({ row, index, key: value(row) }))
    .sort((a, b) => (a.key < b.key ? -sign : a.key > b.key ? sign : a.index - b.index))
    .map((entry) => entry.row);
}

/**
 * A header click on `key`: the first sorts it (`firstDescending`: figures newest or largest first,
 * text A to Z), the second flips it, the third gives the server's order back (null).
 */
export function nextColumnSort<Key extends string>(
  current: ColumnSort<Key> | null,
  key: Key,
  firstDescending: boolean,
): ColumnSort<Key> | null {
  if (current?.key !== key) return { key, descending: firstDescending };
  if (current.descending === firstDescending) return { key, descending: !current.descending };
  return null;
}
