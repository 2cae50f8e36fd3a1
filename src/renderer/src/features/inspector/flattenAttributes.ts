// Attribute maps as rows for the inspector's table.

/** Nested objects become dotted keys (OTel's own convention), arrays stay values. */
export function flattenAttributes(
  attributes: Record<string, unknown>,
  prefix = '',
  out: [string, unknown][] = [],
): [string, unknown][] {
  for (const [key, value] of Object.entries(attributes)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      Object.keys(value).length > 0
    ) {
      flattenAttributes(value as Record<string, unknown>, path, out);
    } else out.push([path, value]);
  }
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
