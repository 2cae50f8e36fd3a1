// The live feed: one WebSocket to /api/ws, reconnected with backoff, resubscribed on every
// (re)connect so nothing the UI follows is silently dropped. Messages go to the listeners;
// merging them into caches is the caches' job (state/).
import type { ClientMessage, ServerMessage } from '../../../shared/feed.ts';
import type { FeedPosition } from '../../../shared/feedPosition.ts';
import type { Span, StorageHealth, TraceSummary } from '../../../shared/types.ts';
import { createStore, type Store } from '../state/createStore.ts';
import { withVisibleName } from '../lib/bidi.ts';

export type FeedStatus = 'connecting' | 'connected' | 'reconnecting';

export interface FeedState {
  status: FeedStatus;
  /** The collector's version from its hello, once known. */
  version: string | null;
  /** Epoch ms of the next reconnect attempt while reconnecting. */
  retryAt: number | null;
  /** Whether the collector can write its database (not while its disk is full). */
  storage: StorageHealth;
}

export interface FeedHandlers {
  onTraces(traces: TraceSummary[]): void;
  onSpans(traceId: string, spans: Span[]): void;
  /**
   * The collector has acknowledged the trace-list subscription (on every connect): it sends every
   * commit from here on. A list read before `position` may lack what was committed in between
   * (state/feedCatchUp.ts); null: the collector did not say where it stands.
   */
  onFollowingTraces(position: FeedPosition | null): void;
  /**
   * The collector has acknowledged a stored trace's subscription: a read of the trace that started
   * before `changedAt`, the position of its last commit, may lack it. Null: not said.
   */
  onFollowingTrace(traceId: string, changedAt: FeedPosition | null): void;
  /** After a reconnect, before the subscriptions are acknowledged. */
  onReconnected(): void;
}

const MIN_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 10_000;

export function feedUrl(location: { protocol: string; host: string }): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/api/ws`;
}

export class LiveFeed {
  readonly state: Store<FeedState> = createStore<FeedState>({
    status: 'connecting',
    version: null,
    retryAt: null,
    storage: { ok: true },
  });
  private socket: WebSocket | null = null;
  private readonly traceSubscriptions = new Map<string, number>();
  private attempt = 0;
  private everConnected = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private readonly url: string;
  private readonly handlers: FeedHandlers;

  constructor(url: string, handlers: FeedHandlers) {
    this.url = url;
    this.handlers = handlers;
  }

  start(): void {
    this.closed = false;
    this.connect();
  }

  stop(): void {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.socket?.close();
    this.socket = null;
  }

  /** Follow one trace's spans; returns the unsubscribe. Reference-counted across views. */
  followTrace(traceId: string): () => void {
    const count = this.traceSubscriptions.get(traceId) ?? 0;
    this.traceSubscriptions.set(traceId, count + 1);
    if (count === 0) this.send({ type: 'subscribe-trace', traceId });
    return () => {
      const left = (this.traceSubscriptions.get(traceId) ?? 1) - 1;
      if (left > 0) {
        this.traceSubscriptions.set(traceId, left);
        return;
      }
      this.traceSubscriptions.delete(traceId);
      this.send({ type: 'unsubscribe-trace', traceId });
    };
  }

  private connect(): void {
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      const reconnected = this.everConnected;
      this.attempt = 0;
      this.everConnected = true;
      // Still not 'connected' (the status bar's "Live"): that waits for the subscription's ack.
      this.state.set((prev) => ({ ...prev, retryAt: null }));
      this.send({ type: 'subscribe-traces' });
      for (const traceId of this.traceSubscriptions.keys()) this.send({ type: 'subscribe-trace', traceId });
      if (reconnected) this.handlers.onReconnected();
    };
    socket.onmessage = (event) => this.receive(event.data);
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (!this.closed) this.scheduleReconnect();
    };
    // onerror is always followed by onclose, which does the work.
  }

  private scheduleReconnect(): void {
    // Exponential backoff with jitter, so many windows do not reconnect in lockstep.
    const base = Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS * 2 ** this.attempt);
    const delayMs = base / 2 + Math.random() * (base / 2);
    this.attempt += 1;
    this.state.set((prev) => ({ ...prev, status: 'reconnecting', retryAt: Date.now() + delayMs }));
    this.retryTimer = setTimeout(() => this.connect(), delayMs);
  }

  private send(message: ClientMessage): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: ServerMessage;
    try {
      message = JSON.parse(data) as ServerMessage;
    } catch {
      return; // A frame we cannot read is not worth dropping the connection for.
    }
    switch (message.type) {
      case 'hello':
        // A collector that cannot write says so right after its hello.
        this.state.set((prev) => ({ ...prev, version: message.version, storage: { ok: true } }));
        break;
      case 'storage':
        if (message.storage && typeof message.storage.ok === 'boolean')
          this.state.set((prev) => ({ ...prev, storage: message.storage }));
        break;
      case 'subscribed':
        if (message.request === 'subscribe-traces') {
          this.state.set((prev) => ({ ...prev, status: 'connected' }));
          this.handlers.onFollowingTraces(message.position ?? null);
        } else if (
          message.request === 'subscribe-trace' &&
          this.traceSubscriptions.has(message.traceId) &&
          // null: no such trace is stored, so there is nothing it could have missed.
          message.changedAt !== null
        ) {
          this.handlers.onFollowingTrace(message.traceId, message.changedAt ?? null);
        }
        break;
      case 'traces':
        if (Array.isArray(message.traces)) this.handlers.onTraces(message.traces.map(withVisibleName));
        break;
      case 'spans':
        if (Array.isArray(message.spans))
          this.handlers.onSpans(message.traceId, message.spans.map(withVisibleName));
        break;
      default:
        break;
    }
  }
}
