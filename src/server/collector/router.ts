// Routing. Each route family is one file in routes/ exporting `routes: Route[]`; routes/index.ts
// lists the families. To add a family (e.g. OTLP's POST /v1/traces in routes/otlp.ts):
//
//   import type { Route } from '../router.ts';
//   export const routes: Route[] = [
//     { method: 'POST', path: '/v1/traces', async handle({ req, res, ctx }) {
//         const body = await ctx.readBody(req);          // gzip-aware, 413 past maxBodyBytes
//         const batch = decode(body);                     // → NormalizedBatch
//         await ctx.ingest(batch);                        // commits, then publishes to the live feed
//         sendJson(res, 200, { ... });                    // answer only after the commit
//     } },
//   ];
//
// A handler may throw HttpError (http.ts) for any 4xx/5xx: the router answers it as JSON
// `{ error, field? }` with its headers. `ctx.ingest` rejects with OverloadedError (an HttpError
// 503 carrying Retry-After) when the writer's queue is full; catch it to answer in another format.
// Paths match exactly, with `:name` segments captured into `params` (URL-decoded).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PriceBook } from '../pricing/index.ts';
import type { Store } from '../store/index.ts';
import type { StorageHealth } from '../../shared/types.ts';
import type { NormalizedBatch } from '../ingest/model.ts';
import type { OtlpEncoding, OtlpIngest } from '../ingest/otlp/index.ts';
import type { ChangeSet } from '../store/index.ts';
import { HttpError } from './http.ts';
import type { BulkSink, SubmitOptions } from './ingestQueue.ts';

export interface RouteContext {
  store: Store;
  /** The server's price table (GET/PUT/DELETE /api/pricing). */
  prices: PriceBook;
  /**
   * Commits the batch (group-committed with others; a large one in parts unless `atomic`),
   * publishes it to the live feed, then resolves.
   */
  ingest(batch: NormalizedBatch, options?: SubmitOptions): Promise<ChangeSet>;
  /**
   * Runs `work` as the only writer, in one transaction held open across event-loop turns
   * (IngestQueue.exclusive): all of its batches commit, or none. Storage failures are answered
   * as for ingest (507 on a full disk).
   */
  writeExclusive<T>(work: (sink: BulkSink) => Promise<T>): Promise<T>;
  /** Whether writing to the database works (not while its disk is full). */
  storageHealth(): StorageHealth;
  /**
   * The live feed's position, as the FEED_POSITION_HEADER of an answer read after it: taken right
   * before the read, in the same turn of the event loop (shared/feedPosition.ts).
   */
  readPosition(): Record<string, string>;
  /** The request body, decompressed, bounded by the server's maxBodyBytes (413 past it). */
  readBody(req: IncomingMessage): Promise<Buffer>;
  /** Decodes an OTLP body (large ones on the decoder thread); rejects with OtlpDecodeError when it is not OTLP. */
  decodeOtlp(body: Uint8Array, encoding: OtlpEncoding): Promise<OtlpIngest>;
  /** The folder of the built UI, or null. */
  uiDir: string | null;
  log(line: string): void;
}

export interface RouteCall {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
  ctx: RouteContext;
}

export type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'OPTIONS';

export interface Route {
  method: Method;
  path: string;
  handle(call: RouteCall): void | Promise<void>;
}

interface CompiledRoute extends Route {
  segments: string[];
}

export interface Match {
  route: Route;
  params: Record<string, string>;
}

export class Router {
  private readonly compiled: CompiledRoute[];

  constructor(routes: readonly Route[]) {
    this.compiled = routes.map((route) => ({ ...route, segments: route.path.split('/') }));
  }

  /** The route for (method, path); HttpError 404 when no path matches, 405 when only the method is wrong. */
  match(method: string, pathname: string): Match {
    const parts = pathname.split('/');
    const allowed = new Set<string>();
    for (const route of this.compiled) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (route.method === method || (method === 'HEAD' && route.method === 'GET')) return { route, params };
      allowed.add(route.method);
    }
    if (allowed.size) {
      const list = [...allowed].join(', ');
      throw new HttpError(405, `${method} is not allowed on ${pathname}; use ${list}`, undefined, {
        Allow: list,
      });
    }
    throw new HttpError(404, `No such endpoint: ${method} ${pathname}`);
  }
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | null {
  if (pattern.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const want = pattern[i]!;
    const got = parts[i]!;
    if (want.startsWith(':')) {
      if (got === '') return null;
      try {
        params[want.slice(1)] = decodeURIComponent(got);
      } catch {
        return null;
      }
    } else if (want !== got) return null;
  }
  return params;
}
