// Background delivery of events to the collector: POST /api/ingest in batches, off the agent's
// path. A failed batch goes back to the front of the bounded buffer and is retried with capped
// exponential backoff; nothing here ever throws to the caller, and every timer is unref'd so
// the SDK never keeps a process alive.
import { SendBuffer } from './buffer.ts';
import type { Queued } from './buffer.ts';
import { PROTOCOL_VERSION } from './protocol.ts';
import type { IngestResponse, WireEvent } from './protocol.ts';

type Fetch = (
  url: string,
  init: {
    method: string;
    headers: Record<string, string>;
    body: string;
    signal?: unknown;
    keepalive?: boolean;
  },
) => Promise<{ status: number; ok: boolean; text(): Promise<string> }>;

export interface TransportOptions {
  /** Collector base URL, e.g. http://127.0.0.1:4318 */
  url: string;
  fetch: Fetch | undefined;
  headers: Record<string, string>;
  flushIntervalMs: number;
  maxBatchEvents: number;
  maxBatchBytes: number;
  maxBufferEvents: number;
  maxBufferBytes: number;
  requestTimeoutMs: number;
  sdk: { name: string; version: string };
  warn(key: string, message: string): void;
}

export interface TransportStats {
  queued: number;
  queuedBytes: number;
  sent: number;
  dropped: number;
  rejected: number;
  failedRequests: number;
  lastError: string | null;
}

const MAX_BACKOFF_MS = 5000;

function unref(timer: unknown): void {
  (timer as { unref?: () => void } | undefined)?.unref?.();
}

export class Transport {
  private readonly options: TransportOptions;
  private readonly buffer: SendBuffer;
  private readonly endpoint: string;
  private timer: unknown = null;
  private sending: Promise<void> | null = null;
  private failures = 0;
  private batchBytes: number;
  private counts = { sent: 0, rejected: 0, failedRequests: 0 };
  private lastError: string | null = null;

  constructor(options: TransportOptions) {
    this.options = options;
    this.buffer = new SendBuffer(options.maxBufferEvents, options.maxBufferBytes);
    this.endpoint = `${options.url.replace(/\/+$/, '')}/api/ingest`;
    this.batchBytes = options.maxBatchBytes;
  }

  enqueue(event: WireEvent, approxBytes: number): void {
    if (this.buffer.push({ event, approxBytes }) > 0) {
      this.options.warn(
        'dropping',
        `Spyglass: the send buffer is full (collector at ${this.options.url} not taking events); dropping the oldest events. See stats().dropped.`,
      );
    }
    if (this.timer === null && this.sending === null) {
      this.schedule(this.buffer.length >= this.options.maxBatchEvents ? 0 : this.options.flushIntervalMs);
    }
  }

  stats(): TransportStats {
    return {
      queued: this.buffer.length,
      queuedBytes: this.buffer.approxBytes,
      sent: this.counts.sent,
      dropped: this.buffer.dropped,
      rejected: this.counts.rejected,
      failedRequests: this.counts.failedRequests,
      lastError: this.lastError,
    };
  }

  /** Sends everything queued now, skipping any backoff wait; resolves after one attempt at most. */
  async flush(): Promise<void> {
    this.cancelTimer();
    if (this.sending) await this.sending;
    // Bounded by what is queued now, so a flush under a steady flood still returns.
    await this.drain(this.buffer.length);
  }

  private schedule(delayMs: number): void {
    this.cancelTimer();
    const timer = setTimeout(() => {
      this.timer = null;
      void this.drain(Infinity);
    }, delayMs);
    unref(timer);
    this.timer = timer;
  }

  private cancelTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer as ReturnType<typeof setTimeout>);
    this.timer = null;
  }

  private drain(maxEvents: number): Promise<void> {
    if (this.sending) return this.sending;
    this.sending = this.sendAll(maxEvents).finally(() => {
      this.sending = null;
      if (this.buffer.length > 0 && this.timer === null) this.schedule(this.backoffMs());
    });
    return this.sending;
  }

  private backoffMs(): number {
    if (this.failures === 0) return this.options.flushIntervalMs;
    const base = Math.min(MAX_BACKOFF_MS, 100 * 2 ** (this.failures - 1));
    return base * (0.8 + Math.random() * 0.4);
  }

  private async sendAll(maxEvents: number): Promise<void> {
    let left = maxEvents;
    while (this.buffer.length > 0 && left > 0) {
      const batch = this.buffer.take(this.options.maxBatchEvents, this.batchBytes);
      const outcome = await this.post(batch);
      if (outcome === 'retry') {
        this.failures++;
        this.counts.failedRequests++;
        if (this.buffer.unshift(batch) > 0) {
          this.options.warn(
            'dropping',
            `Spyglass: the send buffer is full (collector at ${this.options.url} not taking events); dropping the oldest events. See stats().dropped.`,
          );
        }
        return;
      }
      this.failures = 0;
      left -= batch.length;
    }
  }

  private async post(batch: Queued[]): Promise<'done' | 'retry'> {
    const fetchFn = this.options.fetch;
    if (!fetchFn) return 'retry';
    const body = JSON.stringify({
      protocol: PROTOCOL_VERSION,
      sdk: this.options.sdk,
      events: batch.map((q) => q.event),
    });
    try {
      const timeout = (AbortSignal as { timeout?: (ms: number) => unknown }).timeout?.(
        this.options.requestTimeoutMs,
      );
      const response = await fetchFn(this.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...this.options.headers },
        body,
        signal: timeout,
      });
      const text = await response.text().catch(() => '');
      return this.judge(response.status, text, batch);
    } catch (error) {
      this.lastError =
        error instanceof Error
          ? `${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ''}`
          : String(error);
      this.options.warn(
        'unreachable',
        `Spyglass: cannot reach the collector at ${this.options.url} (${this.lastError}). Events are buffered and retried; start Spyglass or set SPYGLASS_URL.`,
      );
      return 'retry';
    }
  }

  private judge(status: number, text: string, batch: Queued[]): 'done' | 'retry' {
    if (status >= 200 && status < 300) {
      let answer: Partial<IngestResponse> = {};
      try {
        answer = JSON.parse(text) as IngestResponse;
      } catch {
        // An empty or odd body still means the collector took the batch.
      }
      const rejected = typeof answer.rejected === 'number' ? answer.rejected : 0;
      this.counts.rejected += rejected;
      this.counts.sent += batch.length - rejected;
      if (rejected > 0) this.warnRejected(answer.errors?.[0]);
      return 'done';
    }
    this.lastError = `HTTP ${status}: ${text.slice(0, 200)}`;
    if (status === 413 && batch.length > 1) {
      this.batchBytes = Math.max(1024, Math.floor(this.batchBytes / 2));
      return 'retry';
    }
    if (status === 400 || status === 413 || status === 422) {
      // The collector will never accept this batch as it is: retrying would block the queue.
      this.counts.rejected += batch.length;
      this.warnRejected({ field: '', message: this.lastError });
      return 'done';
    }
    this.options.warn(
      'unreachable',
      `Spyglass: the collector at ${this.options.url} answered ${this.lastError}. Events are buffered and retried.`,
    );
    return 'retry';
  }

  private warnRejected(first: { field: string; message: string } | undefined): void {
    this.options.warn(
      'rejected',
      `Spyglass: the collector rejected some events${first ? ` (${first.field ? `${first.field}: ` : ''}${first.message})` : ''}. See stats().rejected.`,
    );
  }
}
