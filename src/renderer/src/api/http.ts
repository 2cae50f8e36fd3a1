// The collector's HTTP API, same origin in both desktop and headless modes (relative URLs). Every
// feature talks to the collector through this module (or api/forks.ts, api/replay.ts, api/exportTraces.ts,
// which use `request`): one place turns a refused answer into an ApiError with the collector's reason.
import type {
  FilterValuesResponse,
  HealthResponse,
  TraceSpanSearchResponse,
  PricingInfo,
  SessionListQuery,
  SessionListResponse,
  SessionResponse,
  SpanWithPayloads,
  TraceListQuery,
  TraceCountResponse,
  TraceListResponse,
  TraceResponse,
} from '../../../shared/types.ts';
import { FEED_POSITION_HEADER, type FeedPosition } from '../../../shared/feedPosition.ts';
import type { ReplayListResponse, ReplaySummary } from '../../../shared/replay.ts';
import { withVisibleName } from '../lib/bidi.ts';
import { yieldToEventLoop } from '../lib/slicedTask.ts';
import { readColumnsAnswer } from './columnsStream.ts';
import { ApiError, request } from './request.ts';
import { SkeletonSpans } from './skeletonSpans.ts';

export { ApiError, request } from './request.ts';

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return requestJson<T>(path, { signal, headers: { accept: 'application/json' } });
}

/**
 * An answer read from the store, with the live feed's position its read started after: the page
 * compares it with a subscription's to tell whether the answer may lack a commit the feed will
 * not send (shared/feedPosition.ts). Null from a collector that does not say.
 */
export type Read<T> = T & { readAt: FeedPosition | null };

const readAtOf = (response: Response): FeedPosition | null => response.headers.get(FEED_POSITION_HEADER);

async function getRead<T>(path: string, signal?: AbortSignal): Promise<Read<T>> {
  const response = await request(path, { signal, headers: { accept: 'application/json' } });
  return { ...((await response.json()) as T), readAt: readAtOf(response) };
}

export async function requestJson<T>(path: string, init: RequestInit = {}): Promise<T> {
  return (await (await request(path, init)).json()) as T;
}

/** A JSON body sent with a JSON answer expected. */
export function sendJson<T>(
  method: 'POST' | 'PUT',
  path: string,
  body: unknown,
  signal?: AbortSignal,
): Promise<T> {
  return requestJson<T>(path, {
    method,
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal,
  });
}

export function traceListPath(query: TraceListQuery, path = '/api/traces'): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    // `attr` repeats: one parameter per filter.
    if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
    else if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** The exact number of traces the list's filters match (`q`, `limit` and `cursor` aside). */
export async function fetchTraceCount(query: TraceListQuery, signal?: AbortSignal): Promise<number> {
  const { q: _q, limit: _limit, cursor: _cursor, ...filters } = query;
  return (await getJson<TraceCountResponse>(traceListPath(filters, '/api/traces/count'), signal)).total;
}

export async function fetchTraceList(
  query: TraceListQuery,
  signal?: AbortSignal,
): Promise<Read<TraceListResponse>> {
  const answer = await getRead<TraceListResponse>(traceListPath(query), signal);
  return { ...answer, traces: answer.traces.map(withVisibleName) };
}

export function fetchTrace(traceId: string, signal?: AbortSignal): Promise<TraceResponse> {
  return getJson(`/api/traces/${encodeURIComponent(traceId)}`, signal);
}

/**
 * A trace with its span skeletons, fetched in the columnar form (a fraction of the default
 * answer's size, so a 100,000-span trace arrives and parses several times faster) and decoded
 * to the default answer's spans. The answer comes a part of a few thousand spans at a time
 * (columnsStream.ts); each part is parsed and decoded in a task of its own, a few ms each.
 *
 * Read here rather than in a worker: handing a parsed part to this thread costs it a structured
 * clone, which took about as long as parsing the part's text, so the worker only added its own
 * parse and the copy (measured in docs/architecture.md, "Read path").
 */
export async function fetchTraceSkeleton(
  traceId: string,
  signal?: AbortSignal,
): Promise<Read<TraceResponse>> {
  const path = `/api/traces/${encodeURIComponent(traceId)}?format=columns`;
  const response = await request(path, { signal, headers: { accept: 'application/json' } });
  if (!response.body) throw new ApiError(0, 'The trace answer has no body.');
  let skeleton: SkeletonSpans | null = null;
  for await (const item of readColumnsAnswer(response.body)) {
    if ('head' in item) {
      skeleton = new SkeletonSpans(item.head);
      continue;
    }
    // Give the thread back after each part, so opening a big trace is many short tasks instead
    // of one long one. (The head always comes first.)
    skeleton!.add(item.part);
    await yieldToEventLoop();
  }
  if (!skeleton) throw new ApiError(0, 'The trace answer has no head.');
  return { trace: withVisibleName(skeleton.head.trace), spans: skeleton.all(), readAt: readAtOf(response) };
}

/** Sessions (traces sharing a session id), latest activity first. */
export function fetchSessions(
  query: SessionListQuery,
  signal?: AbortSignal,
): Promise<Read<SessionListResponse>> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return getRead(text ? `/api/sessions?${text}` : '/api/sessions', signal);
}

/** One session and a page of its turns, oldest first. */
export async function fetchSession(
  sessionId: string,
  page: { limit?: number; cursor?: string | null },
  signal?: AbortSignal,
): Promise<Read<SessionResponse>> {
  const params = new URLSearchParams();
  if (page.limit !== undefined) params.set('limit', String(page.limit));
  if (page.cursor) params.set('cursor', page.cursor);
  const text = params.toString();
  const answer = await getRead<SessionResponse>(
    `/api/sessions/${encodeURIComponent(sessionId)}${text ? `?${text}` : ''}`,
    signal,
  );
  return { ...answer, turns: answer.turns.map(withVisibleName) };
}

/** Known values of a trace list filter containing `text`, with their trace counts. */
export function fetchFilterValues(
  field: 'model' | 'tag' | 'name' | 'attr',
  text: string,
  signal?: AbortSignal,
): Promise<FilterValuesResponse> {
  return getJson(`/api/values/${field}?q=${encodeURIComponent(text)}&limit=12`, signal);
}

/** The open trace's span search, run by the collector over whole payloads (not just previews). */
export function fetchSpanSearch(
  traceId: string,
  query: string,
  signal?: AbortSignal,
): Promise<TraceSpanSearchResponse> {
  return getJson(`/api/traces/${encodeURIComponent(traceId)}/search?q=${encodeURIComponent(query)}`, signal);
}

export async function fetchSpan(
  traceId: string,
  spanId: string,
  signal?: AbortSignal,
): Promise<SpanWithPayloads> {
  const path = `/api/traces/${encodeURIComponent(traceId)}/spans/${encodeURIComponent(spanId)}`;
  const body = await getJson<SpanWithPayloads | { span: SpanWithPayloads }>(path, signal);
  // SPEC answers the span itself; accept a { span } envelope too rather than show nothing.
  return withVisibleName(
    'span' in body && typeof body.span === 'object' ? body.span : (body as SpanWithPayloads),
  );
}

/** A trace with every span's payloads (prompts and outputs whole), as the comparison diffs them. */
export async function fetchTraceWithPayloads(
  traceId: string,
  signal?: AbortSignal,
): Promise<{ trace: TraceResponse['trace']; spans: SpanWithPayloads[] }> {
  const answer = await getJson<TraceResponse>(
    `/api/traces/${encodeURIComponent(traceId)}?include=payloads`,
    signal,
  );
  return { trace: answer.trace, spans: answer.spans as SpanWithPayloads[] };
}

/** The replays made from a trace, or from one of its spans. */
export async function fetchReplays(
  traceId: string,
  spanId: string | null,
  signal?: AbortSignal,
): Promise<ReplaySummary[]> {
  const query = spanId ? `?spanId=${encodeURIComponent(spanId)}` : '';
  const answer = await getJson<ReplayListResponse>(
    `/api/traces/${encodeURIComponent(traceId)}/replays${query}`,
    signal,
  );
  return answer.replays;
}

export function fetchHealth(signal?: AbortSignal): Promise<HealthResponse> {
  return getJson('/api/health', signal);
}

export function fetchPricingInfo(signal?: AbortSignal): Promise<PricingInfo> {
  return getJson('/api/pricing', signal);
}

/** Makes a price file (genai-prices or LiteLLM JSON) the collector's price table; ApiError 422 says why a file is refused. */
export async function uploadPriceFile(file: File): Promise<PricingInfo> {
  return requestJson('/api/pricing', {
    method: 'PUT',
    headers: {
      accept: 'application/json',
      'content-type': 'application/json',
      'x-file-name': encodeURIComponent(file.name),
      'x-file-date': new Date(file.lastModified).toISOString().slice(0, 10),
    },
    body: await file.text(),
  });
}

/** Back to the price table shipped with Spyglass. */
export function resetPriceTable(): Promise<PricingInfo> {
  return requestJson('/api/pricing', { method: 'DELETE', headers: { accept: 'application/json' } });
}
