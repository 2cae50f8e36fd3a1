// The one call to fetch (see http.ts, which re-exports it) and its ApiError: their own module so
// that the modules http.ts uses (columnsStream.ts) throw the same error without importing it back.
import type { ApiErrorBody } from '../../../shared/types.ts';

/** An answer the UI cannot use, with the collector's own reason when it gave one. */
export class ApiError extends Error {
  /** 0 when the collector could not be reached. */
  readonly status: number;
  /** The request field the collector named as the problem, when it named one. */
  readonly field: string | undefined;
  constructor(status: number, message: string, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.field = field;
  }
}

/**
 * The one call to fetch: resolves to a 2xx response (for callers that read a stream or text),
 * else throws an ApiError with the collector's `error` and `field`, or the status line. An abort
 * is rethrown as is.
 */
export async function request(path: string, init: RequestInit = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new ApiError(0, `Cannot reach the Spyglass collector (${path}). Is it still running?`);
  }
  if (response.ok) return response;
  let reason = `${response.status} ${response.statusText}`;
  let field: string | undefined;
  try {
    const body = (await response.json()) as Partial<ApiErrorBody>;
    if (typeof body.error === 'string') reason = body.error;
    if (typeof body.field === 'string') field = body.field;
  } catch {
    // Not JSON: keep the status line.
  }
  throw new ApiError(response.status, reason, field);
}
