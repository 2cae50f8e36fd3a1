// The size budget of every digest (the MCP tools' answers and the CLI's views), in one place.
// A digest is read by a model with a bounded context, so each has a ceiling in characters
// (~4 characters a token) that holds whatever the trace's size: large inputs are summarised,
// never cut off mid-line without saying what was left out.

/** Characters of a whole digest when the caller names no budget (~3,000 tokens). */
export const DEFAULT_BUDGET_CHARS = 12_000;
/** The smallest and largest budget a caller may ask for. */
export const MIN_BUDGET_CHARS = 2_000;
export const MAX_BUDGET_CHARS = 100_000;

/** A span's input/output preview on a tree line. */
export const PREVIEW_CHARS = 60;
/** An error message on a tree line or in a list. */
export const ERROR_CHARS = 160;
/** One page of a span's payload in the span digest. */
export const PAGE_CHARS = 6_000;
export const MIN_PAGE_CHARS = 200;
export const MAX_PAGE_CHARS = 50_000;
/** Siblings of one name and type in a row, past which the rest are folded into one line. */
export const FOLD_SIBLINGS_AFTER = 3;
/** Failures shown whole in a tree or failure digest; the rest are counted. */
export const MAX_FAILURES = 10;
/** A search snippet: characters either side of the match. */
export const SNIPPET_CONTEXT_CHARS = 50;
/** Lines of a stack trace kept in failure and span digests. */
export const STACK_LINES = 8;

export function clampBudget(chars: number | undefined): number {
  if (chars === undefined || !Number.isFinite(chars)) return DEFAULT_BUDGET_CHARS;
  return Math.min(MAX_BUDGET_CHARS, Math.max(MIN_BUDGET_CHARS, Math.floor(chars)));
}
