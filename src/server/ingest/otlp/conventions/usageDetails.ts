// Usage and cost objects whose keys vary by library: Langfuse's `usage_details` accepts any key
// (input/output/total, OpenAI's prompt_tokens/completion_tokens, Anthropic's
// cache_read_input_tokens, input_cached_tokens, output_reasoning_tokens…), and so do the
// `usage_metadata` objects of LangChain and LangSmith. Read them by meaning, not by one spelling.
export interface Usage {
  promptTokens?: number;
  completionTokens?: number;
  totalTokens?: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  reasoningTokens?: number;
}

type Obj = Record<string, unknown>;

const count = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;

const PROMPT_KEYS = ['input', 'input_tokens', 'prompt_tokens', 'promptTokens', 'inputTokens', 'prompt'];
const COMPLETION_KEYS = [
  'output',
  'output_tokens',
  'completion_tokens',
  'completionTokens',
  'outputTokens',
  'completion',
];
const TOTAL_KEYS = ['total', 'total_tokens', 'totalTokens'];

function first(usage: Obj, keys: string[]): number | undefined {
  for (const key of keys) {
    const n = count(usage[key]);
    if (n !== undefined) return n;
  }
  return undefined;
}

/** Nested detail objects (`input_token_details.cache_read`, `prompt_tokens_details.cached_tokens`). */
function detail(usage: Obj, parents: string[], keys: string[]): number | undefined {
  for (const parent of parents) {
    const inner = usage[parent];
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
      const n = first(inner as Obj, keys);
      if (n !== undefined) return n;
    }
  }
  return undefined;
}

/** Flat keys by pattern: the first key that names the category (cache read, cache write, reasoning). */
function byPattern(usage: Obj, pattern: RegExp): number | undefined {
  for (const [key, value] of Object.entries(usage)) if (pattern.test(key)) return count(value);
  return undefined;
}

const INPUT_DETAILS = ['input_token_details', 'prompt_tokens_details', 'inputTokenDetails'];
const OUTPUT_DETAILS = ['output_token_details', 'completion_tokens_details', 'outputTokenDetails'];

export function readUsage(raw: unknown): Usage | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const usage = raw as Obj;
  const out: Usage = {
    promptTokens: first(usage, PROMPT_KEYS),
    completionTokens: first(usage, COMPLETION_KEYS),
    totalTokens: first(usage, TOTAL_KEYS),
    cacheReadTokens:
      detail(usage, INPUT_DETAILS, ['cache_read', 'cached_tokens', 'cacheRead']) ??
      byPattern(usage, /cache_read|cached/i),
    cacheWriteTokens:
      detail(usage, INPUT_DETAILS, ['cache_creation', 'cache_write', 'cacheWrite']) ??
      byPattern(usage, /cache_creation|cache_write/i),
    reasoningTokens:
      detail(usage, OUTPUT_DETAILS, ['reasoning', 'reasoning_tokens']) ?? byPattern(usage, /reasoning/i),
  };
  const present = Object.values(out).some((v) => v !== undefined);
  return present ? out : undefined;
}

/** A cost object: its total, else the sum of its parts (Langfuse `cost_details`, USD). */
export function readCost(raw: unknown): number | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return count(raw);
  const cost = raw as Obj;
  const total = count(cost.total) ?? count(cost.total_cost) ?? count(cost.totalCost);
  if (total !== undefined) return total;
  const parts = Object.values(cost)
    .map(count)
    .filter((n): n is number => n !== undefined);
  return parts.length > 0 ? parts.reduce((a, b) => a + b, 0) : undefined;
}
