// The playground (issue 6, "Re-run an LLM span"): re-send one recorded LLM call, edited, to an
// OpenAI-compatible endpoint, stream the answer, and record it as a new trace linked to the span
// it came from. docs/replay.md describes the endpoints; these are their shapes.
import type { TraceSummary } from './types.ts';

/** The tag every re-run trace carries, so lists can mark it (and filters find it). */
export const REPLAY_TAG = 'replay';

/** A chat message as OpenAI's chat completions API takes it (other fields pass through). */
export interface ChatMessage {
  role: string;
  content?: unknown;
  name?: string;
  tool_calls?: ChatToolCall[];
  tool_call_id?: string;
  [key: string]: unknown;
}

export interface ChatToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/**
 * The request body sent to `POST {baseUrl}/chat/completions`, minus `stream` and
 * `stream_options`, which the server sets. Any other parameter (response_format, seed, stop, …)
 * passes through unchanged.
 */
export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  tools?: unknown[];
  tool_choice?: unknown;
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  [param: string]: unknown;
}

/** Body of `POST /api/replay/llm`. The API key is never in the body: see docs/replay.md. */
export interface ReplayRequest {
  sourceTraceId: string;
  sourceSpanId: string;
  request: ChatRequest;
  /** Default: SPYGLASS_OPENAI_BASE_URL, else https://api.openai.com/v1. */
  endpoint?: { baseUrl: string };
}

export interface ReplayUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

/** What the re-run trace's metadata carries (`trace.metadata.replayOf`). */
export interface ReplayLink {
  traceId: string;
  spanId: string;
}

/** Server-Sent Events of `POST /api/replay/llm`, one JSON object per `data:` line. */
export type ReplayEvent =
  /** First event: the ids under which the re-run is being recorded. */
  | { type: 'start'; traceId: string; spanId: string; model: string; baseUrl: string }
  /** A piece of the answer's text. */
  | { type: 'delta'; text: string }
  /** A piece of a tool call: `id` and `name` come with its first piece, `arguments` accumulate. */
  | { type: 'tool_call'; index: number; id?: string; name?: string; arguments: string }
  | {
      type: 'done';
      traceId: string;
      spanId: string;
      /** null when the endpoint reported no usage. */
      usage: ReplayUsage | null;
      latencyMs: number;
      timeToFirstTokenMs: number | null;
      /** Reported or estimated (src/server/pricing); null when the model has no known price. */
      costUsd: number | null;
      finishReason: string | null;
      /** The assembled assistant message, as stored as the span's output. */
      output: ChatMessage;
    }
  /** The call failed (provider error, unreachable endpoint, cancelled); the failure is recorded too. */
  | { type: 'error'; traceId: string; spanId: string; message: string; status?: number };

/** One re-run in `GET /api/traces/:traceId/replays`. */
export interface ReplaySummary extends TraceSummary {
  replayOf: ReplayLink;
}

export interface ReplayListResponse {
  replays: ReplaySummary[];
}
