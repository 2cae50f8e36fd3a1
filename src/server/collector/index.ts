// The collector: one node:http server for the API, OTLP, the UI, and the WebSocket upgrade.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { NormalizedBatch } from '../ingest/model.ts';
import type { PriceBook } from '../pricing/index.ts';
import type { ChangeSet, Store } from '../store/index.ts';
import { FEED_POSITION_HEADER } from '../../shared/feedPosition.ts';
import { LiveFeed } from './feed.ts';
import { DEFAULT_MAX_BODY_BYTES, HttpError, readBody, sendError } from './http.ts';
import { IngestQueue } from './ingestQueue.ts';
import { StorageState } from './storageState.ts';
import {
  DEFAULT_CONNECTION_LIMITS,
  capConnections,
  serverOptionsFor,
  type ConnectionLimits,
} from './connections.ts';
import { inPlaceDecoder, type OtlpDecoder } from './decoding/decoder.ts';
import { Router, type RouteContext } from './router.ts';
import { allRoutes } from './routes/index.ts';
import { isApiPath, serveUi } from './routes/ui.ts';
import { refusalReason, type AccessPolicy } from './security.ts';
import { WsHub } from './ws.ts';

export { HttpError, sendJson, sendJsonText, readBody } from './http.ts';
export { OverloadedError } from './ingestQueue.ts';

export interface CollectorOptions {
  store: Store;
  prices: PriceBook;
  host: string;
  uiDir: string | null;
  allowedOrigins: readonly string[];
  maxBodyBytes?: number;
  maxQueuedItems?: number;
  maxSocketBacklogBytes?: number;
  /** Decodes OTLP bodies (default: on the request thread). The caller owns it and closes it. */
  otlpDecoder?: OtlpDecoder;
  /** Timeouts and the connection cap (connections.ts); tests shorten them. */
  connectionLimits?: Partial<ConnectionLimits>;
  /** How often WebSocket peers are pinged; one that has not answered the last ping is dropped. */
  wsPingIntervalMs?: number;
  /** Called after each exclusive (bulk) write settles, e.g. to give its memory back. */
  afterBulkWrite?(): void;
  log(line: string): void;
}

export interface Collector {
  server: Server;
  /** Commit a batch, publish it to the live feed; resolves after the commit (see IngestQueue). */
  ingest(batch: NormalizedBatch): Promise<ChangeSet>;
  /** Publishes changes made outside ingest (the idle-trace sweep) to the live feed. */
  publish(changes: ChangeSet): void;
  /** Stops accepting, commits what is queued, closes sockets. Does not close the store. */
  close(): Promise<void>;
}

export function createCollector(options: CollectorOptions): Collector {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const feed = new LiveFeed(options.store);
  const storage = new StorageState(options.store.path, (health) =>
    feed.announce({ type: 'storage', storage: health }),
  );
  const queue = new IngestQueue(options.store, {
    maxQueuedItems: options.maxQueuedItems,
    onCommit: (changes) => {
      storage.committed();
      feed.publish(changes);
    },
    onError: (error) => options.log(`ingest failed: ${String(error)}`),
  });
  queue.indexWhenIdle(); // a backlog left by an earlier run (e.g. a crash) is indexed at start-up
  const otlpDecoder = options.otlpDecoder ?? inPlaceDecoder;
  const router = new Router(allRoutes);
  const limits = { ...DEFAULT_CONNECTION_LIMITS, ...options.connectionLimits };
  const server = createServer(serverOptionsFor(limits));
  capConnections(server, limits.maxConnections);
  // Read once listening: server.address() is a system call, too slow for every request's Host check.
  let listeningPort = 0;
  server.on('listening', () => {
    const address = server.address();
    listeningPort = typeof address === 'object' && address ? address.port : 0;
  });
  const port = () => listeningPort;
  const policy: AccessPolicy = { host: options.host, port, allowedOrigins: options.allowedOrigins };
  const ctx: RouteContext = {
    store: options.store,
    prices: options.prices,
    ingest: (batch, submitOptions) =>
      queue.submit(batch, submitOptions).catch((error: unknown) => {
        throw storage.failed(error);
      }),
    writeExclusive: (work) =>
      queue
        .exclusive(work)
        .catch((error: unknown) => {
          throw storage.failed(error);
        })
        .finally(() => options.afterBulkWrite?.()),
    storageHealth: () => storage.health,
    readPosition: () => ({ [FEED_POSITION_HEADER]: feed.position() }),
    readBody: (req) => readBody(req, maxBodyBytes),
    decodeOtlp: (body, encoding) => otlpDecoder.decode(body, encoding),
    uiDir: options.uiDir,
    log: options.log,
  };
  const ws = new WsHub({
    feed,
    ctx,
    maxPayloadBytes: maxBodyBytes,
    maxBacklogBytes: options.maxSocketBacklogBytes,
    pingIntervalMs: options.wsPingIntervalMs,
    refusal: (req) => refusalReason(req, policy),
  });

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    void handle(req, res).catch((error: unknown) => {
      if (error instanceof HttpError) {
        if (!res.headersSent) sendError(res, error);
        else res.destroy();
        return;
      }
      options.log(`${req.method} ${req.url} failed: ${(error as Error)?.stack ?? String(error)}`);
      if (!res.headersSent)
        sendError(res, new HttpError(500, 'Internal error in the collector; see its log'));
      else res.destroy();
    });
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) =>
    ws.handleUpgrade(req, socket, head),
  );
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return;
    // Headers or body not received in time (connections.ts): 408, as Node itself would answer.
    if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT')
      socket.end('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n');
    else socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const refusal = refusalReason(req, policy);
    if (refusal) {
      req.resume();
      throw new HttpError(403, refusal);
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    let match: ReturnType<typeof router.match>;
    try {
      match = router.match(method, url.pathname);
    } catch (error) {
      const uiRequest = (method === 'GET' || method === 'HEAD') && !isApiPath(url.pathname);
      if (!(error instanceof HttpError) || error.status !== 404 || !uiRequest) {
        req.resume();
        throw error;
      }
      return serveUi({ req, res, url, params: {}, ctx });
    }
    await match.route.handle({ req, res, url, params: match.params, ctx });
  }

  return {
    server,
    ingest: ctx.ingest,
    publish: (changes) => feed.publish(changes),
    async close() {
      ws.close();
      queue.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
