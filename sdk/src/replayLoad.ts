// Fetching what a replay serves from: a recorded trace from the collector, a Spyglass trace file
// from disk (Node only, read synchronously so a file replay is ready before the first call), or a
// fork (GET /api/forks/:id names the trace, the span and the edited output; then the trace).
import { nodeFs } from './nodeFs.ts';
import { ReplayLoadError } from './replayErrors.ts';
import type { ForkPoint } from './replayMatch.ts';
import { recordingFromTrace, traceFromFile } from './replayRecording.ts';
import type { Recording } from './replayRecording.ts';

export type ReplaySource =
  | { kind: 'trace'; traceId: string }
  | { kind: 'file'; path: string; traceId?: string }
  | { kind: 'fork'; forkId: string };

export interface Loaded {
  recording: Recording;
  fork: ForkPoint | null;
  /** Merged into the metadata of every trace the replayed run records. */
  metadata: Record<string, unknown>;
}

type Fetch = (
  url: string,
  init?: { signal?: unknown; headers?: Record<string, string> },
) => Promise<{ status: number; text(): Promise<string> }>;

export interface LoadContext {
  url: string;
  fetch: unknown;
  timeoutMs: number;
  headers: Record<string, string>;
}

async function getJson(ctx: LoadContext, path: string, what: string): Promise<unknown> {
  const fetchFn = ctx.fetch as Fetch | undefined;
  if (typeof fetchFn !== 'function')
    throw new ReplayLoadError(
      `No fetch in this runtime to load ${what} from ${ctx.url}; pass { fetch } or replay from a file`,
    );
  let status: number;
  let text: string;
  try {
    const signal = (AbortSignal as { timeout?: (ms: number) => unknown }).timeout?.(ctx.timeoutMs);
    const response = await fetchFn(`${ctx.url}${path}`, { signal, headers: ctx.headers });
    status = response.status;
    text = await response.text();
  } catch (error) {
    throw new ReplayLoadError(
      `Cannot reach the collector at ${ctx.url} to load ${what} (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (status === 404) throw new ReplayLoadError(`The collector at ${ctx.url} has no ${what}`);
  if (status !== 200)
    throw new ReplayLoadError(
      `The collector at ${ctx.url} answered HTTP ${status} for ${what}: ${text.slice(0, 200)}`,
    );
  try {
    return JSON.parse(text);
  } catch {
    throw new ReplayLoadError(`The collector at ${ctx.url} sent something that is not JSON for ${what}`);
  }
}

async function traceFromCollector(ctx: LoadContext, traceId: string): Promise<Recording> {
  const answer = await getJson(
    ctx,
    `/api/traces/${encodeURIComponent(traceId)}?include=payloads`,
    `trace ${traceId}`,
  );
  return recordingFromTrace(answer, `trace ${traceId}`);
}

/** Reads a recording from a file; synchronous, Node only. */
export function loadFile(path: string, traceId?: string): Loaded {
  const fs = nodeFs();
  if (!fs)
    throw new ReplayLoadError(`Replaying from a file needs node:fs, which this runtime lacks (${path})`);
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ReplayLoadError(
      `Cannot read the recording ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const recording = recordingFromTrace(traceFromFile(doc, path, traceId), path);
  return { recording, fork: null, metadata: { replayOfRun: { traceId: recording.traceId, source: 'file' } } };
}

export async function loadRemote(
  ctx: LoadContext,
  source: Exclude<ReplaySource, { kind: 'file' }>,
): Promise<Loaded> {
  if (source.kind === 'trace') {
    const recording = await traceFromCollector(ctx, source.traceId);
    return {
      recording,
      fork: null,
      metadata: { replayOfRun: { traceId: recording.traceId, source: 'collector' } },
    };
  }
  const spec = (await getJson(
    ctx,
    `/api/forks/${encodeURIComponent(source.forkId)}`,
    `fork ${source.forkId}`,
  )) as { traceId?: unknown; spanId?: unknown; output?: unknown };
  if (typeof spec?.traceId !== 'string' || typeof spec.spanId !== 'string')
    throw new ReplayLoadError(`Fork ${source.forkId} does not name a trace and a span`);
  const recording = await traceFromCollector(ctx, spec.traceId);
  if (!recording.steps.some((s) => s.span.spanId === spec.spanId)) {
    throw new ReplayLoadError(
      `Fork ${source.forkId}: span ${spec.spanId} is not a replayable step of trace ${spec.traceId} (only wrapOpenAI, wrapToolCall, and traced llm/tool spans are)`,
    );
  }
  return {
    recording,
    fork: { spanId: spec.spanId, output: spec.output },
    metadata: { forkOf: { traceId: spec.traceId, spanId: spec.spanId, forkId: source.forkId } },
  };
}
