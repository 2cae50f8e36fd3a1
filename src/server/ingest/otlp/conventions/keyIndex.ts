// Which dotted key prefixes a span's attributes have, computed once per attribute object. The
// convention modules ask for a dozen flattened lists and prefixed groups per span; with this
// index a prefix the span does not use costs one Set lookup instead of a scan over every key.
const MAX_SEGMENTS = 3;
const indexes = new WeakMap<object, Set<string>>();

function build(attrs: Record<string, unknown>): Set<string> {
  const prefixes = new Set<string>();
  for (const key in attrs) {
    let dot = -1;
    for (let n = 0; n < MAX_SEGMENTS; n++) {
      dot = key.indexOf('.', dot + 1);
      if (dot < 0) break;
      prefixes.add(key.slice(0, dot));
    }
  }
  return prefixes;
}

/** False only when no key starts with `prefix.` (prefix of at most three dotted segments). */
export function mayHavePrefix(attrs: Record<string, unknown>, prefix: string): boolean {
  let index = indexes.get(attrs);
  if (!index) {
    index = build(attrs);
    indexes.set(attrs, index);
  }
  return index.has(prefix);
}
