// Traces from a running collector over its query API (SPEC.md "Query API shapes").
import { decodeTraceColumns, type TraceColumnsAnswer } from '../../shared/traceColumns.ts';
import type { SpanWithPayloads, TraceListResponse } from '../../shared/types.ts';
import { NoSourceError, type ListQuery, type TraceAnswer, type TraceSource } from './types.ts';

/** The list API's page ceiling; a session filter reads this many and filters them here. */
const SESSION_SCAN_LIMIT = 500;

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
    const { session, ...rest } = query;
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(rest)) if (value !== undefined) params.set(key, String(value));
    if (session !== undefined) params.set('limit', String(SESSION_SCAN_LIMIT));
    const answer = (await this.get<TraceListResponse>(`/api/traces?${params}`))!;
    if (session === undefined) return answer;
    const traces = answer.traces.filter((t) => t.sessionId === session).slice(0, query.limit ?? 50);
    return { traces, nextCursor: null };
  }

  async getTrace(traceId: string, options: { payloads?: boolean } = {}): Promise<TraceAnswer | null> {
    const path = `/api/traces/${encodeURIComponent(traceId)}`;
    if (options.payloads) return this.get<TraceAnswer>(`${path}?include=payloads`);
    // The columnar skeleton is a fraction of the size at 100,000 spans (docs/protocol.md).
    const columns = await this.get<TraceColumnsAnswer>(`${path}?format=columns`);
    return columns && { trace: columns.trace, spans: decodeTraceColumns(columns) };
  }

  getSpan(traceId: string, spanId: string): Promise<SpanWithPayloads | null> {
    return this.get<SpanWithPayloads>(
      `/api/traces/${encodeURIComponent(traceId)}/spans/${encodeURIComponent(spanId)}`,
    );
  }

  close(): void {}
}
