// The built UI (out/renderer) at /, for headless mode and the desktop window alike. Any GET that is
// not an API path and names no file gets index.html (client-side routes). HTML carries a strict
// Content-Security-Policy: payloads are untrusted text written by an LLM, and if one ever slipped
// into the DOM as markup, no inline or foreign script could run.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { ServerResponse } from 'node:http';
import { HttpError } from '../http.ts';
import type { RouteCall } from '../router.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/**
 * `host` is the request's Host header, already checked (security.ts): the name the browser used,
 * so the WebSocket is allowed whether the page was opened as localhost, 127.0.0.1 or a LAN name.
 */
export function contentSecurityPolicy(host: string): string {
  const wsOrigin = `ws://${host}`;
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self' ${wsOrigin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Paths the UI never owns: they 404 as JSON instead of falling back to index.html. */
export function isApiPath(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/') || pathname.startsWith('/v1/');
}

export async function serveUi({ req, res, url, ctx }: RouteCall): Promise<void> {
  const headers = (type: string) => ({
    'Content-Type': type,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    ...(type.startsWith('text/html')
      ? {
          'Content-Security-Policy': contentSecurityPolicy(req.headers.host ?? '127.0.0.1'),
          'Cache-Control': 'no-cache',
        }
      : {}),
  });
  if (!ctx.uiDir) {
    const text =
      '<!doctype html><meta charset="utf-8"><title>Spyglass</title>' +
      '<p>The Spyglass UI has not been built. Run <code>npm run build</code> (or use <code>npm run serve</code>, which builds first), then reload.</p>' +
      '<p>The collector is running: the API is at <code>/api/traces</code>.</p>';
    res.writeHead(200, headers('text/html; charset=utf-8'));
    res.end(req.method === 'HEAD' ? undefined : text);
    return;
  }
  const root = resolve(ctx.uiDir);
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    throw new HttpError(400, 'The path is not valid percent-encoding');
  }
  const file = resolve(join(root, pathname));
  if (file !== root && !file.startsWith(root + sep)) throw new HttpError(404, 'Not found');
  let target = (await isFile(file)) ? file : null;
  // Client-side routes have no extension; a missing asset (has one) is a real 404.
  if (!target && extname(pathname) === '') target = join(root, 'index.html');
  if (!target || !(await isFile(target))) {
    throw new HttpError(
      404,
      target ? 'The UI build is incomplete (no index.html); run npm run build' : `Not found: ${pathname}`,
    );
  }
  send(
    res,
    target,
    headers(CONTENT_TYPES[extname(target).toLowerCase()] ?? 'application/octet-stream'),
    req.method === 'HEAD',
  );
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function send(res: ServerResponse, path: string, headers: Record<string, string>, headOnly: boolean): void {
  res.writeHead(200, headers);
  if (headOnly) {
    res.end();
    return;
  }
  const stream = createReadStream(path);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
