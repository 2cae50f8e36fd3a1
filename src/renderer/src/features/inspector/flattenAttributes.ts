// Attribute maps as rows for the inspector's table.

/** Keys in natural order: `nested.k2` before `nested.k10`, as a reader counts. */
const KEY_ORDER = new Intl.Collator('en', { numeric: true });

const isNested = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length > 0;

/** How many rows flattenAttributes makes (the tab's count matches the table's), without sorting. */
export function countFlatAttributes(attributes: Record<string, unknown>): number {
  let rows = 0;
  for (const value of Object.values(attributes)) rows += isNested(value) ? countFlatAttributes(value) : 1;
  return rows;
}

/** Nested objects become dotted keys (OTel's own convention), arrays stay values. */
export function flattenAttributes(
  attributes: Record<string, unknown>,
  prefix = '',
  out: [string, unknown][] = [],
): [string, unknown][] {
  for (const [key, value] of Object.entries(attributes)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isNested(value)) flattenAttributes(value, path, out);
    else out.push([path, value]);
  }
  return out.sort((a, b) => KEY_ORDER.compare(a[0], b[0]));
}
