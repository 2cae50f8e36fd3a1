// The argument shapes of the explicit lifecycle. Both spellings the vendors document are
// accepted (snake_case from one, camelCase from the other).
import type { WireSpanType } from './protocol.ts';

export interface TraceOptions {
  name?: string;
  input?: unknown;
  tags?: string[];
  sessionId?: string;
  session_id?: string;
  userId?: string;
  user_id?: string;
  metadata?: Record<string, unknown>;
  /** Continue a trace whose id was made elsewhere (32 lowercase hex digits). */
  traceId?: string;
}

/** What updateTrace() changes on a started trace; tags are added, metadata merged key by key. */
export interface TraceUpdate {
  name?: string;
  input?: unknown;
  output?: unknown;
  tags?: string[];
  sessionId?: string;
  session_id?: string;
  userId?: string;
  user_id?: string;
  metadata?: Record<string, unknown>;
  /** The trace to change; default: the current one. */
  traceId?: string;
}

export interface TraceResult {
  output?: unknown;
  status?: 'success' | 'error' | string;
  error?: unknown;
}

export interface SpanOptions {
  name?: string;
  type?: WireSpanType | string;
  model?: string;
  provider?: string;
  input?: unknown;
  parentSpanId?: string;
  parent_span_id?: string;
  traceId?: string;
  trace_id?: string;
  stepOrder?: number;
  step_order?: number;
  destructive?: boolean;
  isDestructive?: boolean;
  attributes?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
}

export interface SpanResult {
  /** Renames the span now (e.g. to the model that answered). */
  name?: string;
  output?: unknown;
  status?: 'success' | 'error' | string;
  error?: unknown;
  model?: string;
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
  cost_usd?: number;
  promptTokens?: number;
  completionTokens?: number;
  totalTokens?: number;
  costUsd?: number;
  /** An OpenAI `usage` object (chat or responses API spelling). */
  usage?: Record<string, unknown>;
  timeToFirstTokenMs?: number;
  attributes?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
}
