// Comparing a replayed call's input with the recorded one, and saying in a line what differs:
// for LLM calls the first differing message (with the text around the first differing
// character), for anything else the JSON path of the first differing value. Both sides are
// JSON values (the recorded one came through the collector, the live one through sanitize()).

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isAbsent = (v: unknown) => v === undefined || v === null;

/** Equal as JSON: object key order ignored, absent and null the same. */
export function sameJson(a: unknown, b: unknown): boolean {
  return firstDifference(a, b, '') === null;
}

interface Difference {
  path: string;
  a: unknown;
  b: unknown;
}

/** The first place where two JSON values differ (depth first, iterative so deep values cannot overflow). */
export function firstDifference(a: unknown, b: unknown, root: string): Difference | null {
  const stack: Array<[unknown, unknown, string]> = [[a, b, root]];
  while (stack.length > 0) {
    const [x, y, path] = stack.pop()!;
    if (isAbsent(x) && isAbsent(y)) continue;
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length) return { path: `${path} (length)`, a: x.length, b: y.length };
      for (let i = x.length - 1; i >= 0; i--) stack.push([x[i], y[i], `${path}[${i}]`]);
      continue;
    }
    if (isObj(x) && isObj(y)) {
      const keys = [...new Set([...Object.keys(x), ...Object.keys(y)])].sort().reverse();
      for (const key of keys) stack.push([x[key], y[key], path ? `${path}.${key}` : key]);
      continue;
    }
    if (x !== y) return { path, a: x, b: y };
  }
  return null;
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return 'nothing';
  return JSON.stringify(value) ?? String(value);
}

/** The two texts cut to a window around their first differing character. */
export function excerpts(a: string, b: string, width = 60): [string, string] {
  let at = 0;
  while (at < a.length && at < b.length && a[at] === b[at]) at++;
  const start = Math.max(0, at - 20);
  const cut = (s: string) =>
    `${start > 0 ? '…' : ''}${s.slice(start, start + width)}${s.length > start + width ? '…' : ''}`;
  return [cut(a), cut(b)];
}

function messageText(message: unknown): string {
  if (!isObj(message)) return text(message);
  const content = message.content;
  const calls = Array.isArray(message.tool_calls) ? ` tool_calls ${text(message.tool_calls)}` : '';
  return `${typeof content === 'string' ? content : text(content)}${calls}`;
}

function messagesOf(input: unknown): unknown[] | null {
  if (Array.isArray(input)) return input;
  if (isObj(input) && Array.isArray(input.messages)) return input.messages;
  return null;
}

/** One line saying how the call's input differs from the recorded one ("recorded" is the recording's side). */
export function describeInputDifference(recorded: unknown, actual: unknown): string {
  const was = messagesOf(recorded);
  const now = messagesOf(actual);
  if (was && now) {
    const n = Math.min(was.length, now.length);
    for (let i = 0; i < n; i++) {
      if (sameJson(was[i], now[i])) continue;
      const role =
        isObj(now[i]) && typeof (now[i] as Obj).role === 'string' ? ` (${(now[i] as Obj).role})` : '';
      const [a, b] = excerpts(messageText(was[i]), messageText(now[i]));
      return `message ${i + 1}${role} differs: recorded "${a}", got "${b}"`;
    }
    if (was.length !== now.length)
      return `the call sends ${now.length} messages, the recording ${was.length}`;
  }
  const diff = firstDifference(recorded, actual, '');
  if (!diff) return 'nothing differs';
  const [a, b] = excerpts(text(diff.a), text(diff.b));
  const where = diff.path ? `input${diff.path.startsWith('[') ? '' : '.'}${diff.path}` : 'the input';
  return `${where} differs: recorded ${a}, got ${b}`;
}
