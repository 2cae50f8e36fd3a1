// WebSocket at /api/ws: the SDK's ingest protocol (acked after commit) and the live feed.
// The upgrade passes the same Host/Origin checks as HTTP. Each socket's send backlog is bounded:
// a consumer that stops reading is closed (1013) instead of making the server buffer without limit.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ClientMessage, ServerMessage } from '../../shared/feed.ts';
import { APP_VERSION } from '../../shared/version.ts';
import { boundDepth } from '../ingest/boundDepth.ts';
import type { FeedSubscriber, LiveFeed } from './feed.ts';
import { HttpError } from './http.ts';
import type { RouteContext } from './router.ts';
import { IngestRequestError, ingestSdkRequest } from './sdkIngest.ts';

export const WS_PATH = '/api/ws';
/** Bytes a socket may have queued before it is treated as a slow consumer and closed. */
export const DEFAULT_MAX_SOCKET_BACKLOG_BYTES = 16 * 1024 * 1024;
const TRACE_ID = /^[0-9a-f]{32}$/;
const DEFAULT_PING_INTERVAL_MS = 30_000;

export interface WsOptions {
  feed: LiveFeed;
  ctx: RouteContext;
  maxPayloadBytes: number;
  maxBacklogBytes?: number;
  /** Keepalive: every socket is pinged this often; one that did not pong since the last ping is dropped. */
  pingIntervalMs?: number;
  refusal(req: IncomingMessage): string | null;
}

export class WsHub {
  private readonly wss: WebSocketServer;
  private readonly options: WsOptions;
  private readonly keepalive: NodeJS.Timeout;
  /** Sockets pinged and not heard from since. */
  private readonly unanswered = new WeakSet<WebSocket>();

  constructor(options: WsOptions) {
    this.options = options;
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.maxPayloadBytes,
      perMessageDeflate: false,
    });
    this.keepalive = setInterval(() => this.pingAll(), options.pingIntervalMs ?? DEFAULT_PING_INTERVAL_MS);
    this.keepalive.unref();
  }

  /** Drops peers that did not answer the previous ping (dead or vanished), pings the rest. */
  private pingAll(): void {
    for (const ws of this.wss.clients) {
      if (this.unanswered.has(ws)) {
        ws.terminate();
        continue;
      }
      this.unanswered.add(ws);
      ws.ping();
    }
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = (req.url ?? '').split('?')[0];
    if (path !== WS_PATH) {
      rejectUpgrade(socket, 404, `No WebSocket endpoint at ${path}; use ${WS_PATH}`);
      return;
    }
    const reason = this.options.refusal(req);
    if (reason) {
      rejectUpgrade(socket, 403, reason);
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.connected(ws));
  }

  close(): void {
    clearInterval(this.keepalive);
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
  }

  private connected(ws: WebSocket): void {
    // Any frame from the peer, pong or message, shows it is alive.
    ws.on('pong', () => this.unanswered.delete(ws));
    ws.on('message', () => this.unanswered.delete(ws));
    const { feed } = this.options;
    const maxBacklog = this.options.maxBacklogBytes ?? DEFAULT_MAX_SOCKET_BACKLOG_BYTES;
    let closing = false;
    const subscriber: FeedSubscriber = {
      wantsTraces: false,
      traces: new Set(),
      send(json) {
        if (closing || ws.readyState !== ws.OPEN) return;
        if (ws.bufferedAmount > maxBacklog) {
          closing = true;
          feed.remove(subscriber);
          ws.close(1013, 'slow consumer: the feed backlog passed its limit; reconnect and reload');
          setTimeout(() => ws.terminate(), 1000).unref();
          return;
        }
        ws.send(json);
      },
    };
    const reply = (message: ServerMessage) => subscriber.send(JSON.stringify(message));
    feed.add(subscriber);
    ws.on('close', () => feed.remove(subscriber));
    ws.on('error', () => feed.remove(subscriber));
    reply({ type: 'hello', version: APP_VERSION });
    const storage = this.options.ctx.storageHealth();
    if (!storage.ok) reply({ type: 'storage', storage });
    ws.on('message', (data, isBinary) => {
      if (isBinary) return reply({ type: 'error', error: 'Send text frames holding JSON messages' });
      let message: ClientMessage;
      try {
        message = boundDepth(JSON.parse(data.toString())) as ClientMessage;
      } catch (error) {
        return reply({ type: 'error', error: `The message is not valid JSON: ${(error as Error).message}` });
      }
      void this.dispatch(message, subscriber, reply);
    });
  }

  private async dispatch(
    message: ClientMessage,
    subscriber: FeedSubscriber,
    reply: (m: ServerMessage) => void,
  ): Promise<void> {
    if (typeof message !== 'object' || message === null) {
      return reply({ type: 'error', error: 'A message must be a JSON object with a "type"' });
    }
    const { feed } = this.options;
    switch (message.type) {
      case 'subscribe-traces':
        subscriber.wantsTraces = true;
        return reply({ type: 'subscribed', request: message.type, position: feed.position() });
      case 'subscribe-trace':
      case 'unsubscribe-trace': {
        const traceId = typeof message.traceId === 'string' ? message.traceId.toLowerCase() : '';
        if (!TRACE_ID.test(traceId)) {
          return reply({ type: 'error', error: 'traceId must be 32 hex digits', field: 'traceId' });
        }
        if (message.type === 'unsubscribe-trace') {
          subscriber.traces.delete(traceId);
          return reply({ type: 'subscribed', request: message.type, traceId });
        }
        subscriber.traces.add(traceId);
        return reply({
          type: 'subscribed',
          request: message.type,
          traceId,
          changedAt: feed.traceChangedAt(traceId),
        });
      }
      case 'ingest': {
        const id = message.id;
        if (typeof id !== 'number')
          return reply({ type: 'error', error: 'An ingest message needs a numeric "id"', field: 'id' });
        try {
          const answer = await ingestSdkRequest(message.batch, this.options.ctx);
          return reply({ type: 'ack', id, ...answer });
        } catch (error) {
          if (error instanceof IngestRequestError) {
            return reply({
              type: 'error',
              id,
              error: `${error.field ? `batch.${error.field}` : 'batch'} ${error.message}`,
              field: error.field ? `batch.${error.field}` : 'batch',
            });
          }
          const text = error instanceof HttpError ? error.message : 'The batch could not be stored';
          if (!(error instanceof HttpError)) this.options.ctx.log(`ws ingest failed: ${String(error)}`);
          return reply({ type: 'error', id, error: text });
        }
      }
      default:
        return reply({
          type: 'error',
          error: `Unknown message type ${JSON.stringify((message as { type?: unknown }).type)}; use subscribe-traces, subscribe-trace, unsubscribe-trace or ingest`,
          field: 'type',
        });
    }
  }
}

function rejectUpgrade(socket: Duplex, status: number, message: string): void {
  const body = JSON.stringify({ error: message });
  const reason = status === 403 ? 'Forbidden' : 'Not Found';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
