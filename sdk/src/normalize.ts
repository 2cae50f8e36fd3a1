// Reads the loosely-typed arguments agents pass (both vendors' spellings: snake_case and
// camelCase) into wire fields. Anything of the wrong type is ignored rather than rejected: a
// tracing call must never fail the agent.
import type { WireError, WireSpanType, WireStatus } from './protocol.ts';

const SPAN_TYPES: readonly WireSpanType[] = [
  'llm',
  'tool',
  'retrieval',
  'embedding',
  'agent',
  'chain',
  'reranker',
  'guardrail',
  'evaluator',
  'custom',
];
const TYPE_ALIASES: Record<string, WireSpanType> = {
  chat: 'llm',
  completion: 'llm',
  generation: 'llm',
  function: 'tool',
  retriever: 'retrieval',
  search: 'retrieval',
  embeddings: 'embedding',
  workflow: 'chain',
  task: 'chain',
  rerank: 'reranker',
  eval: 'evaluator',
};

export type Loose = Record<string, unknown>;

export function asObject(value: unknown): Loose {
  return typeof value === 'object' && value !== null ? (value as Loose) : {};
}

/** The first of the given keys that holds a value of the wanted kind. */
export function pick(obj: Loose, keys: string[], kind: 'string' | 'number' | 'boolean'): any {
  for (const key of keys) {
    const value = obj[key];
    if (typeof value === kind && (kind !== 'number' || Number.isFinite(value))) return value;
  }
  return undefined;
}

export function count(obj: Loose, keys: string[]): number | undefined {
  const value = pick(obj, keys, 'number') as number | undefined;
  return value !== undefined && value >= 0 ? value : undefined;
}

export function spanType(value: unknown, fallback: WireSpanType): WireSpanType {
  if (typeof value !== 'string') return fallback;
  const lower = value.toLowerCase();
  if ((SPAN_TYPES as readonly string[]).includes(lower)) return lower as WireSpanType;
  return TYPE_ALIASES[lower] ?? 'custom';
}

export function status(value: unknown): WireStatus | undefined {
  if (typeof value !== 'string') return undefined;
  const lower = value.toLowerCase();
  if (['success', 'ok', 'completed', 'done'].includes(lower)) return 'success';
  if (['error', 'failed', 'failure', 'fail'].includes(lower)) return 'error';
  return undefined;
}

function text(value: unknown, max: number): string {
  let out: string;
  try {
    out = String(value);
  } catch {
    out = '[unprintable]';
  }
  return out.length > max ? `${out.slice(0, max)}…` : out;
}

/** An Error, a string, or an { message, type, stack } object, as a WireError. */
export function wireError(value: unknown): WireError | undefined {
  if (value === undefined || value === null || value === false) return undefined;
  try {
    if (value instanceof Error) {
      const ctor = (value.constructor as { name?: string } | undefined)?.name;
      const type = ctor && ctor !== 'Error' ? ctor : value.name;
      return {
        message: text(value.message, 10_000),
        type,
        ...(value.stack ? { stack: text(value.stack, 20_000) } : {}),
      };
    }
    if (typeof value === 'object') {
      const obj = value as Loose;
      const message = typeof obj.message === 'string' ? obj.message : text(JSON.stringify(obj), 10_000);
      return {
        message: text(message, 10_000),
        ...(typeof obj.type === 'string'
          ? { type: obj.type }
          : typeof obj.name === 'string'
            ? { type: obj.name }
            : {}),
        ...(typeof obj.stack === 'string' ? { stack: text(obj.stack, 20_000) } : {}),
      };
    }
    return { message: text(value, 10_000) };
  } catch {
    return { message: '[unreadable error]' };
  }
}

export function tags(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out = value
    .filter((tag): tag is string => typeof tag === 'string' && tag !== '')
    .map((tag) => tag.slice(0, 200));
  return out.length > 0 ? out : undefined;
}
