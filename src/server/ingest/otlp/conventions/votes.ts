// The precedence combiner's ballot box. Each convention module votes for a field with the rank
// the mapping table (reference b.2) gives its attribute; the lowest rank present wins, so the
// order of the modules does not matter and each table row is one line in one module.
import type { SpanType } from '../../../../shared/types.ts';

export interface Mapped {
  model: string;
  requestModel: string;
  provider: string;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  costUsd: number;
  input: unknown;
  output: unknown;
  toolName: string;
  toolCallId: string;
  sessionId: string;
  userId: string;
  tags: string[];
  agentName: string;
  errorType: string;
  /** What failed, when the convention says it outside the OTel status (Langfuse status_message). */
  errorMessage: string;
  finishReasons: string[];
  timeToFirstTokenMs: number;
  /** Trace-level values a span may carry for its whole trace (Langfuse `langfuse.trace.*`). */
  traceName: string;
  traceInput: unknown;
  traceOutput: unknown;
}

export type Field = keyof Mapped;

export interface Votes {
  best: { [F in Field]?: { rank: number; value: Mapped[F] } };
  /** Metadata merges every source; on a key conflict the lower rank wins. */
  metadata: Array<{ rank: number; values: Record<string, unknown> }>;
  /** Span-type verdicts by step of reference section (c); the lowest step wins. */
  types: Array<{ step: number; type: SpanType | 'other' | 'guard' }>;
}

export const newVotes = (): Votes => ({ best: {}, metadata: [], types: [] });

function present(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

export function vote<F extends Field>(
  votes: Votes,
  field: F,
  rank: number,
  value: Mapped[F] | undefined,
): void {
  if (!present(value)) return;
  const current = votes.best[field];
  if (current && current.rank <= rank) return;
  (votes.best as Record<Field, { rank: number; value: unknown }>)[field] = { rank, value };
}

export function voteMetadata(votes: Votes, rank: number, values: Record<string, unknown> | undefined): void {
  if (values && Object.keys(values).length > 0) votes.metadata.push({ rank, values });
}

export function voteType(votes: Votes, step: number, type: SpanType | 'other' | 'guard' | undefined): void {
  if (type) votes.types.push({ step, type });
}

export function result(votes: Votes): Partial<Mapped> {
  const out: Partial<Mapped> = {};
  for (const [field, entry] of Object.entries(votes.best))
    (out as Record<string, unknown>)[field] = entry.value;
  return out;
}
