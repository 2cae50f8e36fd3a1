// Attribute filters of the trace list (`GET /api/traces?attr=EXPR`, repeatable): `key` (the span
// attribute exists), `key=value`, `key!=value`, `key>n`, `key>=n`, `key<n`, `key<=n`. A trace
// matches when one of its spans matches each filter. Parsed once here, so the collector's 400 and
// the UI's chip say the same thing about a bad expression.

export type AttrOperator = 'exists' | '=' | '!=' | '>' | '>=' | '<' | '<=';

export interface AttrFilter {
  key: string;
  operator: AttrOperator;
  /** The text after the operator (absent for `exists`). */
  value?: string;
  /** `value` as a number when it reads as one; always set for the ordering operators. */
  number?: number;
}

/** More filters than this in one query is a mistake, not a search (each is a correlated scan). */
export const MAX_ATTR_FILTERS = 8;
const MAX_KEY_LENGTH = 256;

/** Two-character operators first, so `a>=1` is not read as `a>` `=1`. */
const OPERATORS: readonly Exclude<AttrOperator, 'exists'>[] = ['!=', '>=', '<=', '=', '>', '<'];
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

export class AttrFilterError extends Error {}

/** The first operator in the text and where it starts, or null for a bare key. */
function findOperator(text: string): { operator: Exclude<AttrOperator, 'exists'>; at: number } | null {
  for (let at = 0; at < text.length; at++) {
    const found = OPERATORS.find((op) => text.startsWith(op, at));
    if (found) return { operator: found, at };
  }
  return null;
}

function checkKey(key: string, expression: string): void {
  if (key === '') throw new AttrFilterError(`"${expression}" has no attribute key before its operator`);
  if (key.length > MAX_KEY_LENGTH)
    throw new AttrFilterError(`attribute key is longer than ${MAX_KEY_LENGTH} characters`);
  // The key becomes a quoted label of a SQLite JSON path, which has no escape for a quote.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/["\u0000-\u001f]/.test(key))
    throw new AttrFilterError(`attribute key "${key}" contains a quote or a control character`);
}

/** Parses one expression; throws AttrFilterError naming what is wrong. */
export function parseAttrFilter(expression: string): AttrFilter {
  const text = expression.trim();
  if (text === '') throw new AttrFilterError('is empty; write key, key=value or key>number');
  const found = findOperator(text);
  if (found === null) {
    checkKey(text, expression);
    return { key: text, operator: 'exists' };
  }
  const key = text.slice(0, found.at).trim();
  const value = text.slice(found.at + found.operator.length).trim();
  checkKey(key, expression);
  if (value === '')
    throw new AttrFilterError(
      `"${expression}" has no value after "${found.operator}"; write "${key}" alone to ask whether it exists`,
    );
  const number = NUMBER.test(value) ? Number(value) : undefined;
  if (found.operator !== '=' && found.operator !== '!=' && number === undefined)
    throw new AttrFilterError(
      `"${expression}" compares with "${found.operator}", which needs a number (got "${value}")`,
    );
  return number === undefined
    ? { key, operator: found.operator, value }
    : { key, operator: found.operator, value, number };
}

/** The expression as the user would write it (the inverse of parseAttrFilter, spacing aside). */
export function formatAttrFilter(filter: AttrFilter): string {
  return filter.operator === 'exists' ? filter.key : `${filter.key}${filter.operator}${filter.value}`;
}
