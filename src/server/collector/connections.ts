// Connection hygiene for a local server facing careless or hostile clients. Without it a socket
// that stops mid-headers stayed open for minutes, and about 1,100 of them used up a 1,024
// descriptor limit so that nothing, not even /api/health, was answered.
//
// - Timeouts: headers must arrive within headersTimeoutMs and a whole request within
//   requestTimeoutMs (Node answers 408 and closes); idle keep-alive sockets close after
//   keepAliveTimeoutMs. Node checks them every connectionsCheckingIntervalMs.
// - A cap on open connections: past it, the oldest connection with no request in progress (idle
//   keep-alive, or still sending its headers) is closed to make room; when every one is busy, the
//   newcomer is answered 503 with Retry-After and closed. Descriptors stay bounded either way.
import type { Server, ServerOptions } from 'node:http';
import type { Socket } from 'node:net';

export interface ConnectionLimits {
  maxConnections: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  connectionsCheckingIntervalMs: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  // Far more than a desktop's UI, SDKs and exporters open, far below the usual 1,024 descriptors.
  maxConnections: 512,
  headersTimeoutMs: 10_000,
  // A 240 MB import over loopback takes seconds; a stalled body is dropped after two minutes.
  requestTimeoutMs: 120_000,
  keepAliveTimeoutMs: 30_000,
  connectionsCheckingIntervalMs: 1_000,
};

/** The createServer options that carry the limits (connectionsCheckingInterval is only read there). */
export function serverOptionsFor(limits: ConnectionLimits): ServerOptions {
  return {
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    connectionsCheckingInterval: limits.connectionsCheckingIntervalMs,
  };
}

const BUSY_503 =
  'HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\n' +
  'Retry-After: 1\r\nConnection: close\r\nContent-Length: 72\r\n\r\n' +
  '{"error":"The collector has too many open connections; retry in 1 s"}\n';

/** Tracks open sockets in arrival order and enforces `maxConnections` on the server. */
export function capConnections(server: Server, maxConnections: number): void {
  /** Open sockets, oldest first (a Map keeps insertion order), valued by requests in progress. */
  const open = new Map<Socket, number>();
  const busy = (socket: Socket, delta: number) => {
    const count = open.get(socket);
    if (count !== undefined) open.set(socket, count + delta);
  };
  server.on('connection', (socket: Socket) => {
    if (open.size >= maxConnections && !closeOldestIdle(open)) {
      socket.end(BUSY_503);
      socket.destroySoon?.();
      return;
    }
    open.set(socket, 0);
    socket.once('close', () => open.delete(socket));
  });
  server.on('request', (req, res) => {
    busy(req.socket, 1);
    res.once('close', () => busy(req.socket, -1));
  });
  // An upgraded socket (WebSocket) belongs to its hub from then on: busy for good.
  server.on('upgrade', (req) => busy(req.socket, 1));
}

function closeOldestIdle(open: Map<Socket, number>): boolean {
  for (const [socket, requests] of open) {
    if (requests === 0) {
      open.delete(socket);
      socket.destroy();
      return true;
    }
  }
  return false;
}
