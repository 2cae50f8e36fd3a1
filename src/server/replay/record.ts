// The re-run as a trace of its own: "Re-run of <span name>", one llm span whose input is the
// request's messages and whose output is the assembled answer. The trace's metadata links it to
// the span it came from (`replayOf`), which is how GET /api/traces/:id/replays finds it. Recorded
// in two commits, start and end, so the live feed shows the re-run while it streams.
import {
  type ChatMessage,
  type ChatRequest,
  REPLAY_TAG,
  type ReplayLink,
  type ReplayUsage,
} from '../../shared/replay.ts';
import type { SpanError } from '../../shared/types.ts';
import type { NormalizedBatch } from '../ingest/model.ts';

export { REPLAY_TAG };

export interface ReplayRecord {
  traceId: string;
  spanId: string;
  source: ReplayLink;
  sourceName: string;
  request: ChatRequest;
  baseUrl: string;
  provider: string | null;
  startUs: number;
}

export interface ReplayOutcome {
  endUs: number;
  output?: ChatMessage;
  usage: ReplayUsage | null;
  timeToFirstTokenMs: number | null;
  /** The model that answered, when the endpoint said. */
  model: string | null;
  finishReason: string | null;
  error?: SpanError;
}

function requestParameters(request: ChatRequest): Record<string, unknown> {
  const { messages: _messages, ...params } = request;
  return params;
}

export function startBatch(r: ReplayRecord): NormalizedBatch {
  return {
    traces: [
      {
        traceId: r.traceId,
        name: `Re-run of ${r.sourceName}`,
        startUs: r.startUs,
        input: r.request.messages,
        tags: [REPLAY_TAG],
        metadata: { replayOf: r.source, replayEndpoint: r.baseUrl },
      },
    ],
    spans: [
      {
        traceId: r.traceId,
        spanId: r.spanId,
        parentSpanId: null,
        name: r.sourceName,
        type: 'llm',
        stepOrder: 0,
        startUs: r.startUs,
        model: r.request.model,
        ...(r.provider ? { provider: r.provider } : {}),
        input: r.request.messages,
        attributes: {
          'spyglass.replay.request': requestParameters(r.request),
          'spyglass.replay.base_url': r.baseUrl,
        },
        links: [
          {
            traceId: r.source.traceId,
            spanId: r.source.spanId,
            attributes: { 'spyglass.link': 'replay-of' },
          },
        ],
      },
    ],
    rejected: [],
  };
}

export function endBatch(r: ReplayRecord, o: ReplayOutcome): NormalizedBatch {
  const status = o.error ? 'error' : 'success';
  const span: NormalizedBatch['spans'][number] = {
    traceId: r.traceId,
    spanId: r.spanId,
    endUs: o.endUs,
    status,
  };
  if (o.model && o.model !== r.request.model) span.model = o.model;
  if (o.output) span.output = o.output;
  if (o.usage) {
    span.promptTokens = o.usage.promptTokens;
    span.completionTokens = o.usage.completionTokens;
    span.totalTokens = o.usage.totalTokens;
  }
  if (o.timeToFirstTokenMs !== null) span.timeToFirstTokenMs = o.timeToFirstTokenMs;
  if (o.finishReason) span.attributes = { 'gen_ai.response.finish_reasons': [o.finishReason] };
  if (o.error) span.error = o.error;
  const trace: NormalizedBatch['traces'][number] = {
    traceId: r.traceId,
    endUs: o.endUs,
    ended: true,
    status,
  };
  if (o.output) trace.output = o.output;
  if (o.error) trace.error = o.error;
  return { traces: [trace], spans: [span], rejected: [] };
}
