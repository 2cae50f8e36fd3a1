// Real servers for tests: a fresh temp SQLite file, an ephemeral loopback port, cleaned up on close.
//
//   const server = await startTestServer();
//   const { status, body } = await postIngest(server.url, { protocol: 1, events: [...] });
//   const list = await getJson(`${server.url}/api/traces`);
//   await server.close();
import { startServer, type RunningServer, type ServerOptions } from '../../src/server/index.ts';
import type { IngestRequest, WireEvent } from '../../sdk/src/protocol.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { ClientMessage, ServerMessage } from '../../src/shared/feed.ts';
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
export async function postIngest<T = any>(
  baseUrl: string,
  body: unknown,
  init: RequestInit = {},
): Promise<JsonAnswer<T>> {
  return postJson<T>(`${baseUrl}/api/ingest`, body, init);
}

export async function postJson<T = any>(
  url: string,
  body: unknown,
  init: RequestInit = {},
): Promise<JsonAnswer<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(init.headers as Record<string, string> | undefined) },
    body:
      typeof body === 'string' || body instanceof Uint8Array
        ? (body as RequestInit['body'])
        : JSON.stringify(body),
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

/** Deterministic ids: traceIdOf(1) = "000…001" (32 hex digits), spanIdOf(1) (16). */
export const traceIdOf = (n: number): string => n.toString(16).padStart(32, '0');
export const spanIdOf = (n: number): string => n.toString(16).padStart(16, '0');

/** Wire events with defaults, for tests: override any field. */
export const wire = {
  traceStart: (
    traceId: string,
    time: number,
    extra: Partial<Extract<WireEvent, { kind: 'trace.start' }>> = {},
  ): WireEvent => ({
    kind: 'trace.start',
    traceId,
    name: 'test trace',
    time,
    ...extra,
  }),
  traceEnd: (
    traceId: string,
    time: number,
    extra: Partial<Extract<WireEvent, { kind: 'trace.end' }>> = {},
  ): WireEvent => ({
    kind: 'trace.end',
    traceId,
    time,
    ...extra,
  }),
  spanStart: (
    traceId: string,
    spanId: string,
    parentSpanId: string | null,
    time: number,
    extra: Partial<Extract<WireEvent, { kind: 'span.start' }>> = {},
  ): WireEvent => ({
    kind: 'span.start',
    traceId,
    spanId,
    parentSpanId,
    name: `span ${spanId}`,
    type: 'tool',
    time,
    ...extra,
  }),
  spanEnd: (
    traceId: string,
    spanId: string,
    time: number,
    extra: Partial<Extract<WireEvent, { kind: 'span.end' }>> = {},
  ): WireEvent => ({
    kind: 'span.end',
    traceId,
    spanId,
    time,
    ...extra,
  }),
};

export interface TestSocket {
  ws: WebSocket;
  /** Every message received so far, in order. */
  messages: ServerMessage[];
  send(message: ClientMessage): void;
  /** The first message (already received or still to come) that matches; rejects after timeoutMs. */
  next<T extends ServerMessage = ServerMessage>(
    match: (message: ServerMessage) => boolean,
    timeoutMs?: number,
  ): Promise<T>;
  close(): Promise<void>;
}

/** Opens /api/ws on a server and waits for the hello. */
export async function connectWs(baseUrl: string): Promise<TestSocket> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/ws`);
  const messages: ServerMessage[] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (data) => {
    messages.push(JSON.parse(data.toString()) as ServerMessage);
    for (const wake of waiters) wake();
  });
  const socket: TestSocket = {
    ws,
    messages,
    send: (message) => ws.send(JSON.stringify(message)),
    next<T extends ServerMessage>(
      match: (message: ServerMessage) => boolean,
      timeoutMs = 20_000,
    ): Promise<T> {
      let seen = 0;
      return new Promise<T>((resolve, reject) => {
        const check = () => {
          for (; seen < messages.length; seen++) {
            if (match(messages[seen]!)) {
              waiters.delete(check);
              clearTimeout(timer);
              resolve(messages[seen] as T);
              return;
            }
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `no matching WebSocket message within ${timeoutMs} ms; got ${JSON.stringify(messages).slice(0, 500)}`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (ws.readyState === WebSocket.CLOSED) return resolve();
        ws.once('close', () => resolve());
        ws.close();
      }),
  };
  await socket.next((m) => m.type === 'hello');
  return socket;
}

export interface CollectorProcess {
  child: ChildProcess;
  url: string;
  port: number;
  /** SIGTERM (a clean stop) or another signal; resolves when the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const CLI = join(import.meta.dirname, '..', '..', 'src', 'cli', 'index.ts');
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'spyglass.js');

/**
 * `spyglass serve --port 0 --db FILE` in a child process (crash tests, benchmarks): resolves once it
 * prints its URL; rejects with its stderr if it exits first.
 */
export function startCollectorProcess(
  dbPath: string,
  options: {
    nodeFlags?: string[] /** A lower open-file limit for the child (`ulimit -n`). */;
    fdLimit?: number;
    /** Through bin/spyglass.js, as `spyglass serve` starts (with its start-up tuning), not the CLI module. */
    viaBin?: boolean;
    /** More `spyglass serve` flags, e.g. `--ui-dir out/renderer`. */
    serveFlags?: string[];
  } = {},
): Promise<CollectorProcess> {
  const entry = options.viaBin ? BIN : CLI;
  const args = [
    ...(options.nodeFlags ?? []),
    entry,
    'serve',
    '--port',
    '0',
    '--db',
    dbPath,
    ...(options.serveFlags ?? []),
  ];
  const child =
    options.fdLimit === undefined
      ? spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn('sh', ['-c', `ulimit -n ${options.fdLimit} && exec "$0" "$@"`, process.execPath, ...args], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:(\d+))\//.exec(out);
      if (match) resolve({ child, url: match[1]!, port: Number(match[2]), stop });
    });
    child.stderr!.on('data', (chunk) => (err += chunk));
    child.on('exit', (code, signal) =>
      reject(new Error(`the collector exited (${code ?? signal}) before listening: ${err}`)),
    );
  });
}
