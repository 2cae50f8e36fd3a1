// Depth limits on decoded JSON, applied once where a request, message or file is parsed.
// V8's JSON.parse reads any depth, but JSON.stringify (and every recursive walk after it) overflows
// the stack at a few thousand levels: one value nested 10,000 deep in a batch used to answer 500
// and lose the whole batch. So whatever is parsed from outside is cut at a fixed depth right after
// parsing; the cut part becomes a marker string the user sees where the value was.

/**
 * Nesting kept in a parsed document. Deep enough for OTLP/JSON, whose AnyValue costs 4 JSON levels
 * per level and is itself cut at 32 (ingest/otlp/values.ts), and far below where JSON.stringify
 * overflows.
 */
export const MAX_JSON_DEPTH = 160;

export const depthMarker = (maxDepth: number): string =>
  `[spyglass: value nested deeper than ${maxDepth} levels was cut here]`;

/**
 * Replaces, in place, every array or object nested deeper than `maxDepth` below `value` with a
 * marker string, and returns `value`. Linear in the size of the document; the walk's own
 * recursion is bounded by `maxDepth`.
 */
export function boundDepth<T>(value: T, maxDepth = MAX_JSON_DEPTH): T {
  if (typeof value === 'object' && value !== null) cut(value as object, 1, maxDepth);
  return value;
}

function cut(node: object, depth: number, maxDepth: number): void {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const child: unknown = node[i];
      if (typeof child !== 'object' || child === null) continue;
      if (depth >= maxDepth) node[i] = depthMarker(maxDepth);
      else cut(child, depth + 1, maxDepth);
    }
    return;
  }
  const record = node as Record<string, unknown>;
  for (const key in record) {
    const child = record[key];
    if (typeof child !== 'object' || child === null) continue;
    // defineProperty: a key named "__proto__" (JSON.parse makes it an own property) must not
    // reach the prototype setter.
    if (depth >= maxDepth)
      Object.defineProperty(record, key, {
        value: depthMarker(maxDepth),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else cut(child, depth + 1, maxDepth);
  }
}
