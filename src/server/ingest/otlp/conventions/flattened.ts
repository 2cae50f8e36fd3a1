// Rebuilds lists that OpenInference and legacy OpenLLMetry flatten into indexed keys
// (`llm.input_messages.0.message.role`, `gen_ai.completion.0.tool_calls.1.name`). Indices are
// compacted in numeric order; sparse or huge indices cost nothing (objects, never sparse arrays).
import { mayHavePrefix } from './keyIndex.ts';

/** Keys with more segments than this after the list index are not rebuilt (kept flat in attributes). */
const MAX_SEGMENTS = 12;

type Tree = { [key: string]: Tree | unknown };

const INDEX = /^\d{1,9}$/;

function insert(tree: Tree, segments: string[], value: unknown): void {
  let node = tree;
  for (let i = 0; i < segments.length - 1; i++) {
    const seg = segments[i]!;
    const next = node[seg];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) {
      // A leaf and a branch under one name: the branch wins, the leaf stays in raw attributes.
      const branch: Tree = Object.create(null);
      node[seg] = branch;
      node = branch;
    } else node = next as Tree;
  }
  const last = segments[segments.length - 1]!;
  if (!(last in node) || typeof node[last] !== 'object') node[last] = value;
}

/** Objects whose keys are all indices become arrays ordered by index. Depth is at most MAX_SEGMENTS. */
function finish(node: unknown): unknown {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return node;
  const keys = Object.keys(node);
  if (keys.length > 0 && keys.every((k) => INDEX.test(k))) {
    return keys
      .map(Number)
      .sort((a, b) => a - b)
      .map((k) => finish((node as Tree)[String(k)]));
  }
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    if (key === '__proto__') continue;
    out[key] = finish((node as Tree)[key]);
  }
  return out;
}

/** `prefix.<i>.<rest>` → list of objects built from `<rest>`, ordered by `<i>`; undefined when none. */
export function unflattenList(
  attrs: Record<string, unknown>,
  prefix: string,
): Array<Record<string, unknown>> | undefined {
  if (!mayHavePrefix(attrs, prefix)) return undefined;
  const head = `${prefix}.`;
  let root: Tree | undefined;
  for (const key in attrs) {
    if (!key.startsWith(head)) continue;
    const segments = key.slice(head.length).split('.');
    if (segments.length < 2 || segments.length > MAX_SEGMENTS + 1 || !INDEX.test(segments[0]!)) continue;
    root ??= Object.create(null) as Tree;
    insert(root, segments, attrs[key]);
  }
  if (!root) return undefined;
  const list = finish(root);
  return Array.isArray(list)
    ? (list.filter((item) => item && typeof item === 'object') as Array<Record<string, unknown>>)
    : undefined;
}
