// The collector's HTTP API, same origin in both desktop and headless modes (relative URLs).
import type {
  ApiErrorBody,
  HealthResponse,
  PricingInfo,
  SpanWithPayloads,
  TraceListQuery,
  TraceListResponse,
  TraceResponse,
  TraceValueField,
  TraceValuesResponse,
} from '../../../shared/types.ts';
import { decodeTraceColumns, type TraceColumnsAnswer } from '../../../shared/traceColumns.ts';
import { withVisibleName } from '../lib/bidi.ts';

/** An answer the UI cannot use, with the collector's own reason when it gave one. */
export class ApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return requestJson<T>(path, { signal, headers: { accept: 'application/json' } });
}

async function requestJson<T>(path: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new ApiError(0, `Cannot reach the Spyglass collector (${path}). Is it still running?`);
  }
  if (!response.ok) {
    let reason = `${response.status} ${response.statusText}`;
    try {
      const body = (await response.json()) as Partial<ApiErrorBody>;
      if (typeof body.error === 'string') reason = body.error;
    } catch {
      // Not JSON: keep the status line.
    }
    throw new ApiError(response.status, reason);
  }
  return (await response.json()) as T;
}

export function traceListPath(query: TraceListQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `/api/traces?${text}` : '/api/traces';
}

export async function fetchTraceList(
  query: TraceListQuery,
  signal?: AbortSignal,
): Promise<TraceListResponse> {
  const answer = await getJson<TraceListResponse>(traceListPath(query), signal);
  return { ...answer, traces: answer.traces.map(withVisibleName) };
}

/** Known values of a list filter with their trace counts, for the filter's suggestions. */
export function fetchTraceValues(
  field: TraceValueField,
  contains: string,
  signal?: AbortSignal,
): Promise<TraceValuesResponse> {
  const params = new URLSearchParams({ field, limit: '20' });
  if (contains.trim()) params.set('q', contains.trim());
  return getJson(`/api/trace-values?${params}`, signal);
}

export function fetchTrace(traceId: string, signal?: AbortSignal): Promise<TraceResponse> {
  return getJson(`/api/traces/${encodeURIComponent(traceId)}`, signal);
}

/**
 * A trace with its span skeletons, fetched in the columnar form (a fraction of the default
 * answer's size, so a 100,000-span trace arrives and parses several times faster) and decoded
 * to the default answer's spans.
 */
export async function fetchTraceSkeleton(traceId: string, signal?: AbortSignal): Promise<TraceResponse> {
  const answer = await getJson<TraceColumnsAnswer>(
    `/api/traces/${encodeURIComponent(traceId)}?format=columns`,
    signal,
  );
  return { trace: withVisibleName(answer.trace), spans: decodeTraceColumns(answer).map(withVisibleName) };
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
