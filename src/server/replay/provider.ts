// One streamed call to `POST {baseUrl}/chat/completions` of an OpenAI-compatible endpoint.
// Yields the parsed chunks; a provider error (non-2xx) or an unreachable endpoint becomes a
// ProviderError whose message is already free of the key.
import type { ChatRequest } from '../../shared/replay.ts';
import { redact, type Endpoint } from './credentials.ts';
import { readSseData } from './sse.ts';

export class ProviderError extends Error {
  /** The provider's HTTP status, when it answered. */
  readonly status: number | undefined;
  constructor(message: string, status?: number) {
    super(message);
    this.status = status;
  }
}

const MAX_ERROR_BODY_CHARS = 2000;

function errorMessageOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    const error = parsed.error;
    if (typeof error === 'string') return error;
    if (error && typeof error.message === 'string') return error.message;
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // not JSON: show the text itself
  }
  return body.slice(0, MAX_ERROR_BODY_CHARS);
}

export async function* streamChat(
  endpoint: Endpoint,
  request: ChatRequest,
  signal: AbortSignal,
): AsyncGenerator<unknown> {
  const url = `${endpoint.baseUrl}/chat/completions`;
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'text/event-stream' };
  if (endpoint.apiKey) headers.Authorization = `Bearer ${endpoint.apiKey}`;
  const body = JSON.stringify({ ...request, stream: true, stream_options: { include_usage: true } });
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers, body, signal });
  } catch (error) {
    if (signal.aborted) throw new ProviderError('The re-run was cancelled');
    const cause = (error as { cause?: { message?: string; code?: string } }).cause;
    throw new ProviderError(
      redact(
        `Could not reach ${url}: ${cause?.code ?? cause?.message ?? (error as Error).message}`,
        endpoint.apiKey,
      ),
    );
  }
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    const why = errorMessageOf(text) || response.statusText;
    throw new ProviderError(
      redact(`The endpoint answered ${response.status}: ${why}`, endpoint.apiKey),
      response.status,
    );
  }
  const type = response.headers.get('content-type') ?? '';
  if (!response.body) throw new ProviderError('The endpoint answered with no body');
  if (type.includes('application/json')) {
    // An endpoint that ignores `stream: true` answers one completion object: treat it as one chunk.
    yield JSON.parse(await response.text()) as unknown;
    return;
  }
  try {
    for await (const data of readSseData(response.body)) {
      let chunk: unknown;
      try {
        chunk = JSON.parse(data);
      } catch {
        throw new ProviderError(
          redact(`The endpoint sent a stream event that is not JSON: ${data.slice(0, 200)}`, endpoint.apiKey),
        );
      }
      const error = (chunk as { error?: { message?: unknown } }).error;
      if (error)
        throw new ProviderError(
          redact(
            `The endpoint reported an error mid-stream: ${String(error.message ?? JSON.stringify(error))}`,
            endpoint.apiKey,
          ),
        );
      yield chunk;
    }
  } catch (error) {
    if (error instanceof ProviderError) throw error;
    if (signal.aborted) throw new ProviderError('The re-run was cancelled');
    throw new ProviderError(
      redact(`The stream from ${url} broke: ${(error as Error).message}`, endpoint.apiKey),
    );
  }
}
