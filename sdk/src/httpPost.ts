// One POST to the collector. On Node it goes through node:http with a keep-alive agent whose
// sockets are unref'd: a request in flight never keeps the agent's process alive (with fetch, a
// collector that accepted and never answered held a finished script for two 10 s timeouts).
// What a process leaves unsent when it ends is delivered by the exit path (exitHook.ts).
// Elsewhere (browsers, edge runtimes, or a `fetch` given in the options) it uses fetch.
import { nodeBuiltin } from './nodeBuiltin.ts';

export interface PostAnswer {
  status: number;
  text: string;
}

export type Post = (body: string) => Promise<PostAnswer>;

export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; signal?: unknown },
) => Promise<{ status: number; text(): Promise<string> }>;

interface NodeSocket {
  unref(): void;
}
interface NodeRequest {
  on(event: 'socket', listener: (socket: NodeSocket) => void): NodeRequest;
  on(event: 'error', listener: (error: Error) => void): NodeRequest;
  setTimeout(ms: number, listener: () => void): unknown;
  destroy(error?: Error): unknown;
  end(body: string): unknown;
}
interface NodeResponse {
  statusCode?: number;
  setEncoding(encoding: string): unknown;
  on(event: 'data', listener: (chunk: string) => void): unknown;
  on(event: 'end' | 'error' | 'aborted', listener: (error?: Error) => void): unknown;
}
interface NodeHttp {
  Agent: new (options: { keepAlive: boolean; maxSockets: number }) => unknown;
  request(
    url: string,
    options: { method: string; headers: Record<string, string | number>; agent: unknown },
    callback: (response: NodeResponse) => void,
  ): NodeRequest;
}

export interface PostOptions {
  endpoint: string;
  headers: Record<string, string>;
  timeoutMs: number;
  fetch: FetchLike | undefined;
  /** Use fetch even on Node (a fetch given in the options always wins). */
  preferFetch?: boolean;
}

export function createPost(options: PostOptions): Post {
  const http = options.preferFetch
    ? undefined
    : nodeBuiltin<NodeHttp>(options.endpoint.startsWith('https:') ? 'node:https' : 'node:http');
  if (http) return nodePost(http, options);
  return fetchPost(options);
}

function nodePost(http: NodeHttp, options: PostOptions): Post {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const headers = { 'content-type': 'application/json', ...options.headers };
  return (body) =>
    new Promise<PostAnswer>((resolve, reject) => {
      const request = http.request(options.endpoint, { method: 'POST', headers, agent }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => {
          if (text.length < 100_000) text += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
        response.on('error', (error) => reject(error ?? new Error('response failed')));
        response.on('aborted', () => reject(new Error('response aborted')));
      });
      // The agent re-refs a kept-alive socket when it reuses it, so unref on every request.
      request.on('socket', (socket) => socket.unref());
      request.on('error', reject);
      request.setTimeout(options.timeoutMs, () =>
        request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)),
      );
      request.end(body);
    });
}

function fetchPost(options: PostOptions): Post {
  return async (body) => {
    const fetchFn = options.fetch;
    if (!fetchFn) throw new Error('no fetch in this runtime: pass `fetch` in the options');
    const signal = (AbortSignal as { timeout?: (ms: number) => unknown }).timeout?.(options.timeoutMs);
    const response = await fetchFn(options.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...options.headers },
      body,
      signal,
    });
    return { status: response.status, text: await response.text().catch(() => '') };
  };
}
