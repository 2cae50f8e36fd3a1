// The SDK's sender thread (Node only): one worker, started once per process, unref'd so it never
// keeps the agent alive, that owns the sockets to the collector. It does two jobs:
//
// - Ordinary batches (post): the agent's thread serialises a batch and hands its bytes over
//   (transferred, not copied); the worker writes them and passes the answer back. Measured with
//   30,000 spans of 1 KB payloads from a tight loop that yields every 2,000 spans, into a sink
//   that answers at once, on a loaded 2-core machine: with the requests on the agent's thread,
//   42,000–45,000 of the 60,000 events were acknowledged when the loop ended, because node:http
//   writes a request's body only when that thread's event loop turns, one socket-buffer-full per
//   turn; through this worker, 57,000–58,500 (the rest within 0.2 s). Serialising in the worker
//   too (the events cloned over) was worse on that machine: 16,000–19,000, the worker's JSON work
//   waiting for a core while the agent ran, for more CPU in all (the clone on top of the JSON).
// - The synchronous last send of a process that is ending (lastSend.ts): 'exit' listeners may
//   only run synchronous code, so the agent's thread blocks on Atomics.wait while the worker
//   POSTs. Booting a worker at exit took 0.4–0.7 s of the one-second budget on a loaded 2-core
//   machine; a warm one answers in milliseconds.
//
// The worker's code is inline (`eval`), so the SDK stays one self-contained package. It runs as a
// script or as a module (the parent's --input-type may carry over): no bare require.
import { nodeBuiltin } from './nodeBuiltin.ts';

export interface PostReply {
  id: number;
  status?: number;
  text?: string;
  error?: string;
}

interface WorkerLike {
  postMessage(message: unknown, transfer?: unknown[]): void;
  unref?: () => void;
  on?: (event: string, listener: (...args: any[]) => void) => unknown;
}

interface WorkerThreads {
  Worker: new (
    source: string,
    options: { eval: true; execArgv: string[]; stdout: boolean; stderr: boolean; name?: string },
  ) => WorkerLike;
}

const WORKER_SOURCE = `
const load = (id) => (process.getBuiltinModule ? process.getBuiltinModule(id) : require(id));
const { parentPort } = load('node:worker_threads');
const http = load('node:http');
const agents = new Map();
const clientFor = (endpoint) => (endpoint.startsWith('https:') ? load('node:https') : http);
// One keep-alive pool per scheme: every batch reuses the same few connections.
function agentFor(endpoint, sockets) {
  const key = endpoint.startsWith('https:') ? 'https' : 'http';
  if (!agents.has(key)) agents.set(key, new (clientFor(endpoint).Agent)({ keepAlive: true, maxSockets: sockets }));
  return agents.get(key);
}
function post(m) {
  const reply = (answer) => parentPort.postMessage({ id: m.id, ...answer });
  try {
    const body = Buffer.from(m.body.buffer, m.body.byteOffset, m.body.byteLength);
    const headers = { ...m.headers, 'content-length': body.length };
    const request = clientFor(m.endpoint).request(m.endpoint, { method: 'POST', headers, agent: agentFor(m.endpoint, m.sockets) }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => { if (text.length < 100000) text += chunk; });
      response.on('end', () => reply({ status: response.statusCode || 0, text }));
      response.on('error', (error) => reply({ error: String(error && error.message || error) }));
      response.on('aborted', () => reply({ error: 'response aborted' }));
    });
    request.on('error', (error) => reply({ error: String(error && error.message || error) }));
    request.setTimeout(m.timeoutMs, () => request.destroy(new Error('no answer within ' + m.timeoutMs + ' ms')));
    request.end(body);
  } catch (error) { reply({ error: String(error && error.message || error) }); }
}
function last(m) {
  const done = (outcome) => { Atomics.store(m.flag, 0, outcome); Atomics.notify(m.flag, 0); };
  try {
    const request = clientFor(m.endpoint).request(m.endpoint, { method: 'POST', headers: m.headers }, (response) => {
      response.resume();
      response.on('end', () => done(response.statusCode >= 200 && response.statusCode < 300 ? 1 : 2));
      response.on('error', () => done(2));
    });
    request.on('error', () => done(2));
    request.setTimeout(m.timeoutMs, () => request.destroy());
    request.end(m.body);
  } catch { done(2); }
}
parentPort.on('message', (m) => (m.op === 'post' ? post(m) : last(m)));
`;

let worker: WorkerLike | null | undefined;
let nextId = 1;
const waiting = new Map<number, (reply: PostReply) => void>();

function failAll(reason: string): void {
  const pending = [...waiting.values()];
  waiting.clear();
  for (const settle of pending) settle({ id: 0, error: reason });
}

/** The warm sender thread, started on first use; null where there are no worker threads. */
export function senderWorker(): WorkerLike | null {
  if (worker !== undefined) return worker;
  worker = null;
  const threads = nodeBuiltin<WorkerThreads>('node:worker_threads');
  if (!threads || typeof SharedArrayBuffer === 'undefined' || typeof Atomics?.wait !== 'function')
    return null;
  try {
    // stdout/stderr: the worker prints nothing, and must never touch the agent's output.
    const started = new threads.Worker(WORKER_SOURCE, {
      eval: true,
      execArgv: [],
      stdout: true,
      stderr: true,
      name: 'spyglass-sender',
    });
    started.on?.('message', (reply: PostReply) => {
      const settle = waiting.get(reply.id);
      waiting.delete(reply.id);
      settle?.(reply);
    });
    const gone = () => {
      worker = null;
      failAll('the sender thread stopped');
    };
    started.on?.('error', gone);
    started.on?.('exit', gone);
    started.unref?.(); // never keeps the process alive, even with requests in flight
    worker = started;
  } catch {
    worker = null;
  }
  return worker;
}

export interface WorkerPostRequest {
  endpoint: string;
  headers: Record<string, string>;
  /** The body's UTF-8 bytes, transferred (not copied) to the worker. */
  body: Uint8Array;
  timeoutMs: number;
  /** Connections the worker keeps to the collector. */
  sockets: number;
}

/**
 * POSTs through the sender thread; resolves with the answer, or with `error` (never rejects).
 * null when there is no sender thread: the caller sends it itself.
 */
export function postThroughWorker(request: WorkerPostRequest): Promise<PostReply> | null {
  const sender = senderWorker();
  if (!sender) return null;
  const id = nextId++;
  let settle: (reply: PostReply) => void = () => {};
  const answered = new Promise<PostReply>((resolve) => {
    settle = resolve;
  });
  waiting.set(id, settle);
  try {
    sender.postMessage({ op: 'post', id, ...request }, [request.body.buffer]);
  } catch {
    waiting.delete(id);
    return null;
  }
  return answered;
}

/** Hands the last send to the worker; the caller blocks on `flag` (see lastSend.ts). */
export function postLast(message: {
  endpoint: string;
  body: string;
  headers: Record<string, string>;
  flag: Int32Array;
  timeoutMs: number;
}): boolean {
  const sender = senderWorker();
  if (!sender) return false;
  sender.postMessage({ op: 'last', ...message });
  return true;
}
