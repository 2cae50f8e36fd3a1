// The collector's HTTP API, same origin in both desktop and headless modes (relative URLs).
import type {
  ApiErrorBody,
  HealthResponse,
  SpanWithPayloads,
  TraceListQuery,
  TraceListResponse,
  TraceResponse,
} from '../../../shared/types.ts';
import { decodeTraceColumns, type TraceColumnsAnswer } from '../../../shared/traceColumns.ts';

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
  let response: Response;
  try {
    response = await fetch(path, { signal, headers: { accept: 'application/json' } });
  } catch (error) {
    if (signal?.aborted) throw error;
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

export function fetchTraceList(query: TraceListQuery, signal?: AbortSignal): Promise<TraceListResponse> {
  return getJson(traceListPath(query), signal);
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
  const answer = await getJson<TraceColumnsAnswer>(`/api/traces/${encodeURIComponent(traceId)}?format=columns`, signal);
  return { trace: answer.trace, spans: decodeTraceColumns(answer) };
}

export async function fetchSpan(traceId: string, spanId: string, signal?: AbortSignal): Promise<SpanWithPayloads> {
  const path = `/api/traces/${encodeURIComponent(traceId)}/spans/${encodeURIComponent(spanId)}`;
  const body = await getJson<SpanWithPayloads | { span: SpanWithPayloads }>(path, signal);
  // SPEC answers the span itself; accept a { span } envelope too rather than show nothing.
  return 'span' in body && typeof body.span === 'object' ? body.span : (body as SpanWithPayloads);
}

export function fetchHealth(signal?: AbortSignal): Promise<HealthResponse> {
  return getJson('/api/health', signal);
}

/** The price table's provenance, if the collector exposes it (GET /api/pricing is optional). */
export interface PricingInfo {
  source: string | null;
  updatedAt: string | null;
}

export async function fetchPricingInfo(signal?: AbortSignal): Promise<PricingInfo | null> {
  try {
    const body = await getJson<Record<string, unknown>>('/api/pricing', signal);
    const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : null);
    return {
      source: text('source') ?? text('name'),
      updatedAt: text('updatedAt') ?? text('date') ?? text('fetchedAt') ?? text('version'),
    };
  } catch {
    return null;
  }
}
