// Myers' O((N+M)·D) diff over tokens (lines or words), iterative, for the compare view's text
// diffs of prompts, tool arguments and outputs. Common prefix and suffix are trimmed first (the
// usual case is two long prompts differing in one place); past `maxEdits` edits the middle is
// reported as one deletion plus one insertion instead of spending O(D²) memory on the trace.

export type DiffOpKind = 'equal' | 'insert' | 'delete';

export interface DiffOp {
  op: DiffOpKind;
  text: string;
}

export interface TextDiff {
  ops: DiffOp[];
  /** False when the edit limit was reached and the differing middle is shown as replaced whole. */
  exact: boolean;
  /** Tokens inserted / deleted (a word or a line each, depending on the granularity). */
  inserted: number;
  deleted: number;
}

export type DiffGranularity = 'line' | 'word';

const DEFAULT_MAX_EDITS = 2000;

/** Splits keeping every character, so joining the tokens gives the text back. */
export function tokenize(text: string, granularity: DiffGranularity): string[] {
  if (text === '') return [];
  const pattern = granularity === 'line' ? /[^\n]*\n|[^\n]+$/g : /\s+|[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu;
  return text.match(pattern) ?? [text];
}

export function diffText(
  a: string,
  b: string,
  granularity: DiffGranularity = 'word',
  maxEdits = DEFAULT_MAX_EDITS,
): TextDiff {
  return diffTokens(tokenize(a, granularity), tokenize(b, granularity), maxEdits);
}

export function diffTokens(
  a: readonly string[],
  b: readonly string[],
  maxEdits = DEFAULT_MAX_EDITS,
): TextDiff {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const out = new OpList();
  for (let i = 0; i < start; i++) out.push('equal', a[i]!);
  const middle = myersMiddle(a, b, start, endA, start, endB, maxEdits);
  if (middle) {
    for (const [op, token] of middle) out.push(op, token);
  } else {
    for (let i = start; i < endA; i++) out.push('delete', a[i]!);
    for (let j = start; j < endB; j++) out.push('insert', b[j]!);
  }
  for (let i = endA; i < a.length; i++) out.push('equal', a[i]!);
  return { ops: out.ops, exact: middle !== null, inserted: out.inserted, deleted: out.deleted };
}

/** Consecutive tokens of one kind are merged into one op. */
class OpList {
  ops: DiffOp[] = [];
  inserted = 0;
  deleted = 0;
  push(op: DiffOpKind, token: string): void {
    if (op === 'insert') this.inserted++;
    else if (op === 'delete') this.deleted++;
    const last = this.ops[this.ops.length - 1];
    if (last && last.op === op) last.text += token;
    else this.ops.push({ op, text: token });
  }
}

/**
 * The shortest edit script of a[a0..a1) → b[b0..b1) as (op, token) in order, or null when it needs
 * more than maxEdits edits. `trace[d]` keeps the furthest x on diagonals -d..d after round d.
 */
function myersMiddle(
  a: readonly string[],
  b: readonly string[],
  a0: number,
  a1: number,
  b0: number,
  b1: number,
  maxEdits: number,
): Array<[DiffOpKind, string]> | null {
  const n = a1 - a0;
  const m = b1 - b0;
  const limit = Math.min(n + m, maxEdits);
  const offset = limit + 1;
  const v = new Int32Array(2 * limit + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= limit && found < 0; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!)
          ? v[offset + k + 1]!
          : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[a0 + x] === b[b0 + y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) found = d;
    }
    trace.push(v.slice(offset - d, offset + d + 1));
  }
  if (found < 0) return null;

  const reversed: Array<[DiffOpKind, string]> = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d - 1]!;
    const at = (k: number) => prev[k + d - 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX + (down ? 0 : 1) && y > prevY + (down ? 1 : 0)) {
      reversed.push(['equal', a[a0 + x - 1]!]);
      x--;
      y--;
    }
    if (down) reversed.push(['insert', b[b0 + prevY]!]);
    else reversed.push(['delete', a[a0 + prevX]!]);
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    reversed.push(['equal', a[a0 + x - 1]!]);
    x--;
    y--;
  }
  return reversed.reverse();
}
