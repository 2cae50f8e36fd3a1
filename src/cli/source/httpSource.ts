// Traces from a running collector over its query API (SPEC.md "Query API shapes").
import type { SpanWithPayloads, TraceListResponse } from '../../shared/types.ts';
import { NoSourceError, type ListQuery, type TraceAnswer, type TraceSource } from './types.ts';

/** A NoSourceError: with no fallback, a collector that does not answer leaves nothing to read. */
export class CollectorUnreachableError extends NoSourceError {
  /** What happened, without the advice (the fallback adds its own). */
  readonly problem: string;
  constructor(problem: string) {
    super(
      `${problem}. Start Spyglass (the app, or \`spyglass serve\`), or read a database file with --db FILE.`,
    );
    this.problem = problem;
  }
}

export class HttpSource implements TraceSource {
  readonly url: string;
  constructor(url: string) {
    this.url = url.replace(/\/+$/, '');
  }

  describe(): string {
    return `collector at ${this.url}`;
  }

  private async get<T>(path: string): Promise<T | null> {
    let response: Response;
    try {
      response = await fetch(`${this.url}${path}`, { signal: AbortSignal.timeout(60_000) });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const reason = cause?.code ?? cause?.message ?? (error as Error).message;
      throw new CollectorUnreachableError(`no Spyglass collector answered at ${this.url} (${reason})`);
    }
    if (response.status === 404) return null;
    const text = await response.text();
    if (!response.ok) {
      let message = text;
      try {
        message = (JSON.parse(text) as { error: string }).error;
      } catch {
        // keep the text
      }
      throw new Error(`the collector at ${this.url} answered ${response.status}: ${message}`);
    }
    return JSON.parse(text) as T;
  }

  async isUp(): Promise<boolean> {
    try {
      const response = await fetch(`${this.url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      return response.ok;
    } catch {
      return false;
    }
  }

  async listTraces(query: ListQuery): Promise<TraceListResponse> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      // `attr` repeats: one parameter per filter.
      if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
      else if (value !== undefined) params.set(key, String(value));
    }
    return (await this.get<TraceListResponse>(`/api/traces?${params}`))!;
  }

  async getTrace(traceId: string, options: { payloads?: boolean } = {}): Promise<TraceAnswer | null> {
    // The default answer, not the columnar one: its skeletons carry the payload previews the
    // digests quote (the columnar skeleton leaves them out for the UI, which asks per span).
    const path = `/api/traces/${encodeURIComponent(traceId)}`;
    return this.get<TraceAnswer>(options.payloads ? `${path}?include=payloads` : path);
  }

  getSpan(traceId: string, spanId: string): Promise<SpanWithPayloads | null> {
    return this.get<SpanWithPayloads>(
      `/api/traces/${encodeURIComponent(traceId)}/spans/${encodeURIComponent(spanId)}`,
    );
  }

  close(): void {}
}
