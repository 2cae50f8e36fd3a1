// One re-run, start to end: record the new trace as started, stream the endpoint's answer to the
// client while assembling it, then record the outcome (answer, tokens, time to first token, or
// the error) and tell the client the cost the store estimated. Every failure is both sent to the
// client as an `error` event and recorded on the span; the key never appears in either.
import { randomBytes } from 'node:crypto';
import type { ChatRequest, ReplayEvent, ReplayLink } from '../../shared/replay.ts';
import type { SpanWithPayloads } from '../../shared/types.ts';
import type { NormalizedBatch } from '../ingest/model.ts';
import type { Store } from '../store/index.ts';
import { ChatStream } from './chatStream.ts';
import { redact, type Endpoint } from './credentials.ts';
import { ProviderError, streamChat } from './provider.ts';
import { endBatch, startBatch, type ReplayOutcome, type ReplayRecord } from './record.ts';

export interface ReplayJob {
  source: ReplayLink;
  sourceSpan: SpanWithPayloads;
  request: ChatRequest;
  endpoint: Endpoint;
}

export interface ReplayDeps {
  store: Store;
  /** Commits a batch and publishes it to the live feed (the collector's ctx.ingest). */
  ingest(batch: NormalizedBatch): Promise<unknown>;
  emit(event: ReplayEvent): void;
  /** Aborted when the client goes away: the upstream call is cancelled and recorded as such. */
  signal: AbortSignal;
}

/** Providers known by host; elsewhere the source span's provider is kept (it prices the model). */
function providerOf(baseUrl: string, fallback: string | null): string | null {
  const host = new URL(baseUrl).hostname;
  if (host === 'api.openai.com') return 'openai';
  return fallback;
}

const nowMs = (): number => performance.timeOrigin + performance.now();

export async function runReplay(job: ReplayJob, deps: ReplayDeps): Promise<void> {
  const startMs = nowMs();
  const record: ReplayRecord = {
    traceId: randomBytes(16).toString('hex'),
    spanId: randomBytes(8).toString('hex'),
    source: job.source,
    sourceName: job.sourceSpan.name,
    request: job.request,
    baseUrl: job.endpoint.baseUrl,
    provider: providerOf(job.endpoint.baseUrl, job.sourceSpan.provider),
    startUs: Math.round(startMs * 1000),
  };
  const ids = { traceId: record.traceId, spanId: record.spanId };
  await deps.ingest(startBatch(record));
  deps.emit({ type: 'start', ...ids, model: job.request.model, baseUrl: job.endpoint.baseUrl });

  const stream = new ChatStream();
  let firstTokenMs: number | null = null;
  let failure: { message: string; status?: number; type: string } | null = null;
  try {
    for await (const chunk of streamChat(job.endpoint, job.request, deps.signal)) {
      const events = stream.add(chunk);
      if (firstTokenMs === null && stream.started) firstTokenMs = nowMs() - startMs;
      for (const event of events) deps.emit(event);
    }
  } catch (error) {
    failure =
      error instanceof ProviderError
        ? { message: error.message, status: error.status, type: 'ProviderError' }
        : {
            message: redact(`The re-run failed: ${(error as Error).message}`, job.endpoint.apiKey),
            type: 'Error',
          };
  }
  const endMs = nowMs();
  const outcome: ReplayOutcome = {
    endUs: Math.max(record.startUs, Math.round(endMs * 1000)),
    usage: stream.usage,
    timeToFirstTokenMs: firstTokenMs,
    model: stream.model,
    finishReason: stream.finishReason,
  };
  // A failure keeps what had streamed before it, so a cut-off answer is still visible.
  if (!failure || stream.started) outcome.output = stream.message();
  if (failure) outcome.error = { message: failure.message, type: failure.type, stack: null };
  await deps.ingest(endBatch(record, outcome));

  if (failure) {
    deps.emit({
      type: 'error',
      ...ids,
      message: failure.message,
      ...(failure.status ? { status: failure.status } : {}),
    });
    return;
  }
  const stored = deps.store.getSpan(record.traceId, record.spanId);
  deps.emit({
    type: 'done',
    ...ids,
    usage: stream.usage,
    latencyMs: endMs - startMs,
    timeToFirstTokenMs: firstTokenMs,
    costUsd: stored?.costUsd ?? null,
    finishReason: stream.finishReason,
    output: stream.message(),
  });
}
