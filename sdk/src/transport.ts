// Background delivery of events to the collector: POST /api/ingest in batches, off the agent's
// path, with up to `parallel` requests in flight so sending keeps up with a fast producer (the
// collector commits one batch while the next is on the wire). A batch is serialised at a timer
// turn, never inside the agent's startSpan/endSpan. A failed batch goes back to the front of the
// bounded buffer and is retried with capped exponential backoff; nothing here ever throws to the
// caller, every timer is unref'd and so is every socket (httpPost.ts), so the SDK never keeps a
// process alive. What is queued or in flight when the process ends is handed to the exit path
// (unsent()).
import { SendBuffer } from './buffer.ts';
import type { DropKind, Queued } from './buffer.ts';
import { createPost } from './httpPost.ts';
import type { FetchLike, Post } from './httpPost.ts';
import { PROTOCOL_VERSION } from './protocol.ts';
import type { IngestResponse, TraceDropsEvent, WireEvent } from './protocol.ts';

export interface TransportOptions {
  /** Collector base URL, e.g. http://127.0.0.1:4318 */
  url: string;
  fetch: FetchLike | undefined;
  /** Send through `fetch` even on Node (it was given in the options). */
  preferFetch: boolean;
  headers: Record<string, string>;
  flushIntervalMs: number;
  maxBatchEvents: number;
  maxBatchBytes: number;
  maxBufferEvents: number;
  maxBufferBytes: number;
  requestTimeoutMs: number;
  /** flush() stops waiting when the collector has answered nothing for this long. */
  flushStallMs: number;
  /** Requests in flight at once. */
  parallel: number;
  sdk: { name: string; version: string };
  warn(key: string, message: string): void;
}

export interface TransportStats {
  queued: number;
  queuedBytes: number;
  /** Events in requests the collector has not answered yet. */
  inFlight: number;
  sent: number;
  dropped: number;
  rejected: number;
  failedRequests: number;
  lastError: string | null;
}

const MAX_BACKOFF_MS = 5000;
/**
 * A flush waits for the next answer at least this many times the slowest answer seen so far: a
 * collector that answered every batch in 1.5 s on a busy machine is slow, not gone, and giving up
 * on it after the 1 s stall budget lost the rest of a large run (64,000 of 100,000 spans arrived
 * under a load average of 12). One that never answered keeps the plain budget.
 */
const STALL_PER_SLOWEST_ANSWER = 4;
/** Never wait longer than this for one answer, however slow the collector has been. */
const MAX_STALL_MS = 15_000;

function unref(timer: unknown): void {
  (timer as { unref?: () => void } | undefined)?.unref?.();
}

export class Transport {
  private readonly options: TransportOptions;
  private readonly buffer: SendBuffer;
  private readonly post: Post;
  private timer: unknown = null;
  /** When the pending timer fires (performance.now()); Infinity with none. */
  private timerDueAt = Number.POSITIVE_INFINITY;
  private readonly inFlight = new Set<Queued[]>();
  private lanes = 0;
  private failures = 0;
  private batchBytes: number;
  private counts = { sent: 0, rejected: 0, failedRequests: 0, answered: 0 };
  /** The longest a successful request took, from send to answer (ms). */
  private slowestAnswerMs = 0;
  private lastError: string | null = null;
  /** Per trace, what the buffer had to drop (cumulative), and the traces whose count is not yet sent. */
  private readonly drops = new Map<string, { spans: number; events: number }>();
  private readonly dropsToSend = new Set<string>();
  /** Called whenever a request is answered or fails: flush() waits on it. */
  private onAnswer: Array<() => void> = [];

  constructor(options: TransportOptions) {
    this.options = options;
    this.buffer = new SendBuffer(options.maxBufferEvents, options.maxBufferBytes, (event, kind) =>
      this.countDrop(event, kind),
    );
    this.post = createPost({
      endpoint: `${options.url.replace(/\/+$/, '')}/api/ingest`,
      headers: options.headers,
      timeoutMs: options.requestTimeoutMs,
      fetch: options.fetch,
      preferFetch: options.preferFetch,
    });
    this.batchBytes = options.maxBatchBytes;
  }

  enqueue(event: WireEvent, approxBytes: number): void {
    if (this.buffer.push({ event, approxBytes }) > 0) this.warnDropping();
    if (this.failures > 0) return; // the backoff timer decides when to try again
    if (this.lanes < this.options.parallel && this.fullBatchWaiting()) {
      // Another request only for a full batch: a lane per trickle of events would send tiny
      // batches, and each costs the collector a commit. Started from a timer, not from here:
      // serialising a batch inside the agent's startSpan/endSpan would stall that one call.
      if (this.timerDueAt > performance.now()) this.schedule(0);
    } else if (this.timer === null && this.lanes === 0) {
      this.schedule(this.options.flushIntervalMs);
    }
  }

  stats(): TransportStats {
    let inFlight = 0;
    for (const batch of this.inFlight) inFlight += batch.length;
    return {
      queued: this.buffer.length,
      queuedBytes: this.buffer.approxBytes,
      inFlight,
      sent: this.counts.sent,
      dropped: this.buffer.dropped,
      rejected: this.counts.rejected,
      failedRequests: this.counts.failedRequests,
      lastError: this.lastError,
    };
  }

  /**
   * Sends what is queued now and waits for the answers, skipping any backoff wait. Returns when
   * all of it is answered, after a failed attempt (it does not wait out a down collector), or when
   * the collector has answered nothing for `flushStallMs` (one that accepts and never answers).
   * Requests still in flight go on in the background.
   */
  async flush(stallMs = this.options.flushStallMs): Promise<void> {
    this.cancelTimer();
    let pending = this.buffer.length;
    for (const batch of this.inFlight) pending += batch.length;
    // Bounded by what is queued now, so a flush under a steady flood still returns.
    const target = this.counts.answered + pending;
    const failedBefore = this.counts.failedRequests;
    while (this.counts.answered < target && this.buffer.length + this.inFlight.size > 0) {
      if (this.counts.failedRequests > failedBefore) return;
      this.failures = 0; // a flush skips the backoff
      this.startLanes();
      if (!(await this.nextAnswer(this.stallBudget(stallMs)))) return;
    }
  }

  /** Everything not yet acknowledged, oldest first: in flight, then queued. For the exit path. */
  unsent(): WireEvent[] {
    const out: WireEvent[] = [...this.drops.keys()].map((traceId) => this.dropReport(traceId));
    for (const batch of this.inFlight) for (const item of batch) out.push(item.event);
    for (const item of this.buffer.peekAll()) out.push(item.event);
    return out;
  }

  /** The collector's ingest endpoint. */
  get endpoint(): string {
    return `${this.options.url.replace(/\/+$/, '')}/api/ingest`;
  }

  get headers(): Record<string, string> {
    return this.options.headers;
  }

  /** The request body for a list of events (also used by the exit path). */
  body(events: WireEvent[]): string {
    return JSON.stringify({ protocol: PROTOCOL_VERSION, sdk: this.options.sdk, events });
  }

  private countDrop(event: WireEvent, kind: DropKind): void {
    let counts = this.drops.get(event.traceId);
    if (!counts) {
      counts = { spans: 0, events: 0 };
      this.drops.set(event.traceId, counts);
    }
    if (kind === 'span') counts.spans++;
    else counts.events++;
    this.dropsToSend.add(event.traceId);
  }

  private dropReport(traceId: string): TraceDropsEvent {
    const counts = this.drops.get(traceId) ?? { spans: 0, events: 0 };
    return {
      kind: 'trace.drops',
      traceId,
      time: Date.now(),
      droppedSpans: counts.spans,
      droppedEvents: counts.events,
    };
  }

  /** How long a flush waits for the next answer: `stallMs`, or longer for a collector known to be slow. */
  stallBudget(stallMs: number): number {
    return Math.max(stallMs, Math.min(MAX_STALL_MS, STALL_PER_SLOWEST_ANSWER * this.slowestAnswerMs));
  }

  private nextAnswer(timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      // Ref'd on purpose: an awaited flush (and the beforeExit flush) keeps the process alive
      // until the collector answers, for at most timeoutMs.
      const timer = setTimeout(() => {
        this.onAnswer = this.onAnswer.filter((fn) => fn !== done);
        resolve(false);
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.onAnswer.push(done);
    });
  }

  private answered(): void {
    const waiting = this.onAnswer;
    this.onAnswer = [];
    for (const fn of waiting) fn();
  }

  private schedule(delayMs: number): void {
    this.cancelTimer();
    const timer = setTimeout(() => {
      this.timer = null;
      this.timerDueAt = Number.POSITIVE_INFINITY;
      this.startLanes();
    }, delayMs);
    unref(timer);
    this.timer = timer;
    this.timerDueAt = performance.now() + delayMs;
  }

  private cancelTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer as ReturnType<typeof setTimeout>);
    this.timer = null;
    this.timerDueAt = Number.POSITIVE_INFINITY;
  }

  /** At least one batch's worth (in events or in bytes) is queued. */
  private fullBatchWaiting(): boolean {
    return this.buffer.length >= this.options.maxBatchEvents || this.buffer.approxBytes >= this.batchBytes;
  }

  private startLanes(): void {
    // The first lane takes whatever is queued; more lanes only while a full batch is waiting.
    while (
      this.buffer.length > 0 &&
      (this.lanes === 0 || (this.lanes < this.options.parallel && this.fullBatchWaiting()))
    ) {
      this.lanes++;
      void this.lane().finally(() => {
        this.lanes--;
        if (this.lanes === 0 && this.buffer.length > 0 && this.timer === null)
          this.schedule(this.backoffMs());
      });
    }
  }

  private backoffMs(): number {
    if (this.failures === 0) return this.options.flushIntervalMs;
    const base = Math.min(MAX_BACKOFF_MS, 100 * 2 ** (this.failures - 1));
    return base * (0.8 + Math.random() * 0.4);
  }

  /** Sends batches one after another until the buffer is empty or a request fails. */
  private async lane(): Promise<void> {
    while (this.buffer.length > 0 && this.failures === 0) {
      const batch = this.buffer.take(this.options.maxBatchEvents, this.batchBytes);
      this.inFlight.add(batch);
      // Drop counts ride along with the next batch, outside the buffer, so they are never dropped.
      const reports = [...this.dropsToSend];
      this.dropsToSend.clear();
      const outcome = await this.send(
        batch,
        reports.map((traceId) => this.dropReport(traceId)),
      );
      this.inFlight.delete(batch);
      if (outcome === 'retry') {
        for (const traceId of reports) this.dropsToSend.add(traceId);
        this.failures++;
        this.counts.failedRequests++;
        if (this.buffer.unshift(batch) > 0) this.warnDropping();
      } else {
        this.failures = 0;
        this.counts.answered += batch.length;
      }
      this.answered();
    }
  }

  private async send(batch: Queued[], reports: TraceDropsEvent[]): Promise<'done' | 'retry'> {
    try {
      const events: WireEvent[] = reports;
      for (const item of batch) events.push(item.event);
      const sentAt = performance.now();
      const answer = await this.post(this.body(events));
      const verdict = this.judge(answer.status, answer.text, batch, reports.length);
      if (verdict === 'done')
        this.slowestAnswerMs = Math.max(this.slowestAnswerMs, performance.now() - sentAt);
      return verdict;
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

  private judge(status: number, text: string, batch: Queued[], reports: number): 'done' | 'retry' {
    if (status >= 200 && status < 300) {
      let answer: Partial<IngestResponse> = {};
      try {
        answer = JSON.parse(text) as IngestResponse;
      } catch {
        // An empty or odd body still means the collector took the batch.
      }
      // A collector older than the drop reports rejects them: not the agent's events.
      const rejectedReports = (answer.errors ?? []).filter((e) => e.index < reports).length;
      const rejected = Math.max(
        0,
        (typeof answer.rejected === 'number' ? answer.rejected : 0) - rejectedReports,
      );
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

  private warnDropping(): void {
    this.options.warn(
      'dropping',
      `Spyglass: the send buffer is full (collector at ${this.options.url} not taking events fast enough); dropping payloads first, then the oldest events. Each trace shows what it lost; see stats().dropped.`,
    );
  }

  private warnRejected(first: { field: string; message: string } | undefined): void {
    this.options.warn(
      'rejected',
      `Spyglass: the collector rejected some events${first ? ` (${first.field ? `${first.field}: ` : ''}${first.message})` : ''}. See stats().rejected.`,
    );
  }
}
