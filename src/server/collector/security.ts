// Who gets in. Two checks on every request and WebSocket upgrade:
// - Host: a web page on another site can resolve its own domain to 127.0.0.1 (DNS rebinding) and
//   then read this server as same-origin. Its requests still carry that domain in Host, so only
//   loopback names with our port are accepted, unless the server was started with an explicit
//   non-loopback host (then the user chose to expose it and any Host is allowed).
// - Origin: browsers send it on cross-site fetches and WebSocket handshakes. Only our own origin
//   and the configured extra origins (e.g. the Vite dev server) pass. Programs (the SDK in Node,
//   OTLP exporters, curl) send no Origin and pass.
// No CORS headers are ever sent, so browsers never let another origin read an answer.
import type { IncomingMessage } from 'node:http';

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '::ffff:127.0.0.1']);

function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host.toLowerCase());
}

export interface AccessPolicy {
  /** The host the server listens on. */
  host: string;
  port(): number;
  allowedOrigins: readonly string[];
}

/** Why the request is refused (a sentence for the 403 body), or null to let it through. */
export function refusalReason(req: IncomingMessage, policy: AccessPolicy): string | null {
  const port = policy.port();
  if (isLoopbackHost(policy.host)) {
    const host = (req.headers.host ?? '').toLowerCase();
    if (!allowedHostHeader(host, port)) {
      return (
        `Refused: the Host header "${req.headers.host ?? ''}" is not this server's loopback address ` +
        `(127.0.0.1:${port}, localhost:${port} or [::1]:${port}). Spyglass only answers requests ` +
        'addressed to loopback, to stop DNS-rebinding attacks; start it with --host to listen elsewhere.'
      );
    }
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedOrigin(origin, policy, port, req.headers.host)) {
    return (
      `Refused: requests from the web origin "${origin}" may not use this server. Only the Spyglass ` +
      'UI served from this server (or an origin passed in allowedOrigins) may, so that a web page ' +
      'you visit cannot read or write your traces.'
    );
  }
  return null;
}

function allowedHostHeader(host: string, port: number): boolean {
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host);
  if (!match) return false;
  const name = match[1]!;
  const hostPort = match[2] === undefined ? 80 : Number(match[2]);
  return LOOPBACK_NAMES.has(name) && hostPort === port;
}

function allowedOrigin(
  origin: string,
  policy: AccessPolicy,
  port: number,
  hostHeader: string | undefined,
): boolean {
  const normalized = origin.toLowerCase().replace(/\/$/, '');
  if (policy.allowedOrigins.some((o) => o.toLowerCase().replace(/\/$/, '') === normalized)) return true;
  const own = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`]);
  // Listening beyond loopback (an explicit --host), the UI is reached by whatever name the user
  // typed, so a page is same-origin when its origin matches the Host it addressed.
  if (!isLoopbackHost(policy.host) && hostHeader) own.add(`http://${hostHeader.toLowerCase()}`);
  return own.has(normalized);
}
