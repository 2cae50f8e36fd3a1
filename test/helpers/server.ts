// Real servers for tests: a fresh temp SQLite file, an ephemeral loopback port, cleaned up on close.
//
//   const server = await startTestServer();
//   const { status, body } = await postIngest(server.url, { protocol: 1, events: [...] });
//   const list = await getJson(`${server.url}/api/traces`);
//   await server.close();
import { startServer, type RunningServer, type ServerOptions } from '../../src/server/index.ts';
import type { IngestRequest, WireEvent } from '../../sdk/src/protocol.ts';
import { makeTempDir } from './tmp.ts';

export type TestServer = RunningServer & { dbPath: string };

export async function startTestServer(options: Partial<ServerOptions> = {}): Promise<TestServer> {
  const dir = makeTempDir();
  const dbPath = options.dbPath ?? dir.file('spyglass.db');
  let server: RunningServer;
  try {
    server = await startServer({ port: 0, uiDir: null, ...options, dbPath });
  } catch (error) {
    dir.remove();
    throw error;
  }
  const close = server.close;
  return Object.assign(server, {
    dbPath,
    async close() {
      await close();
      dir.remove();
    },
  });
}

export interface JsonAnswer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

async function answer<T>(response: Response): Promise<JsonAnswer<T>> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body: body as T };
}

/** POST a JSON body (an IngestRequest, or anything, to test bad input) to /api/ingest. */
export async function postIngest<T = any>(baseUrl: string, body: unknown, init: RequestInit = {}): Promise<JsonAnswer<T>> {
  return postJson<T>(`${baseUrl}/api/ingest`, body, init);
}

export async function postJson<T = any>(url: string, body: unknown, init: RequestInit = {}): Promise<JsonAnswer<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(init.headers as Record<string, string> | undefined) },
    body: typeof body === 'string' || body instanceof Uint8Array ? (body as RequestInit['body']) : JSON.stringify(body),
    ...omit(init, 'headers'),
  });
  return answer<T>(response);
}

export async function getJson<T = any>(url: string, init: RequestInit = {}): Promise<JsonAnswer<T>> {
  return answer<T>(await fetch(url, init));
}

/** An IngestRequest around some events. */
export const ingestRequest = (events: WireEvent[]): IngestRequest => ({ protocol: 1, events });

function omit<T extends object, K extends keyof T>(value: T, key: K): Omit<T, K> {
  const { [key]: _dropped, ...rest } = value;
  return rest;
}
