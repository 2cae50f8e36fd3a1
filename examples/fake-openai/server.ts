// A deterministic OpenAI-compatible server for offline demos and tests (node:http only).
// Routes: POST /v1/chat/completions, POST /v1/responses, POST /v1/embeddings, GET /v1/models,
// and Anthropic's POST /v1/messages (anthropic.ts), all answered by the same scripted model.
// Failures on demand, in OpenAI's error JSON shape: a last user message containing
// `[[fail:429]]` (always) or `[[fail-once:500]]` (first attempt only), or an `x-fake-fail: 429`
// header. `x-fake-latency-ms` overrides the latency of one request; `x-fake-bad-json: 1` answers
// 200 with a truncated JSON body.
//
// Run alone: node examples/fake-openai/server.ts [--port 8787] [--latency 40]
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { chatChunks, chatCompletion } from './chat.ts';
import { toolSpecs, turnsFromMessages, turnsFromResponsesInput } from './conversation.ts';
import type { Turn } from './conversation.ts';
import { embeddings } from './embeddings.ts';
import { failureMarker, reply } from './script.ts';
import { idSource } from './ids.ts';
import { response, responseEvents } from './responses.ts';
import { errorBody } from './errors.ts';
import {
  anthropicErrorBody,
  anthropicEvents,
  anthropicMessage,
  anthropicToolSpecs,
  turnsFromAnthropic,
} from './anthropic.ts';
import type { PromptCache } from './anthropic.ts';

export interface FakeOpenAIOptions {
  port?: number;
  /** Delay before an answer (and before the first streamed chunk). */
  latencyMs?: number;
}

export interface FakeOpenAI {
  /** Base URL ending in /v1, ready for `new OpenAI({ baseURL })`. */
  url: string;
  /** The server's origin, ready for `new Anthropic({ baseURL })` (which adds /v1/messages itself). */
  anthropicUrl: string;
  close(): Promise<void>;
  requests: Array<{ path: string; body: unknown }>;
}

const MODELS = ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'gpt-4.1-mini', 'o4-mini', 'text-embedding-3-small'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': 'application/json',
    'x-request-id': `req_fake_${Date.now()}`,
    ...headers,
  });
  res.end(JSON.stringify(body));
}

async function sendStream(
  res: ServerResponse,
  events: object[],
  named: boolean,
  latencyMs: number,
): Promise<void> {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  const gapMs = latencyMs > 0 ? Math.max(2, Math.round(latencyMs / 8)) : 0;
  if (latencyMs > 0) await sleep(latencyMs);
  for (const event of events) {
    if (res.destroyed) return;
    const type = (event as { type?: string }).type;
    res.write(`${named && type ? `event: ${type}\n` : ''}data: ${JSON.stringify(event)}\n\n`);
    await (gapMs > 0 ? sleep(gapMs) : new Promise((resolve) => setImmediate(resolve)));
  }
  // Chat completions end with a [DONE] sentinel; the responses API ends at response.completed.
  if (!named) res.write('data: [DONE]\n\n');
  res.end();
}

export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const requests: FakeOpenAI['requests'] = [];
  const failedOnce = new Set<string>();
  const ids = idSource();
  const promptCache: PromptCache = { seen: new Set() };

  function failure(req: IncomingMessage, path: string, turns: Turn[]): number | null {
    const header = Number(req.headers['x-fake-fail']);
    if (header >= 400) return header;
    const marker = failureMarker(turns);
    if (!marker) return null;
    if (!marker.once) return marker.status;
    const key = `${path}\n${turns.map((t) => t.text).join('\n')}`;
    if (failedOnce.has(key)) return null;
    failedOnce.add(key);
    return marker.status;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const raw = req.method === 'POST' ? await readBody(req) : '';
    let body: Record<string, unknown> = {};
    try {
      body = raw ? JSON.parse(raw) : {};
    } catch {
      requests.push({ path, body: raw });
      return sendJson(res, 400, errorBody(400, 'We could not parse the JSON body of your request.'));
    }
    requests.push({ path, body: req.method === 'POST' ? body : null });
    // A broken body behind a 200, for clients' parse-failure paths.
    if (req.headers['x-fake-bad-json'] === '1') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end('{"id": "chatcmpl-broken", "choices": [');
    }
    const header = Number(req.headers['x-fake-latency-ms']);
    const latencyMs = Number.isFinite(header) && header >= 0 ? header : (options.latencyMs ?? 0);

    if (req.method === 'GET' && path === '/v1/models') {
      return sendJson(res, 200, {
        object: 'list',
        data: MODELS.map((id) => ({ id, object: 'model', created: 1715367049, owned_by: 'system' })),
      });
    }
    if (req.method === 'GET' && path.startsWith('/v1/models/')) {
      const id = decodeURIComponent(path.slice('/v1/models/'.length));
      if (!MODELS.includes(id)) return sendJson(res, 404, errorBody(404, `The model '${id}' does not exist`));
      return sendJson(res, 200, { id, object: 'model', created: 1715367049, owned_by: 'system' });
    }
    if (req.method === 'POST' && path === '/v1/messages') return messages(req, res, body, latencyMs);
    const chat = path === '/v1/chat/completions';
    const responses = path === '/v1/responses';
    if (req.method !== 'POST' || !(chat || responses || path === '/v1/embeddings')) {
      return sendJson(res, 404, errorBody(404, `Invalid URL (${req.method} ${path})`));
    }
    const turns = chat
      ? turnsFromMessages(body.messages)
      : responses
        ? turnsFromResponsesInput(body.input, body.instructions)
        : [
            {
              role: 'user' as const,
              text: Array.isArray(body.input) ? body.input.join(' ') : String(body.input ?? ''),
            },
          ];
    const failStatus = failure(req, path, turns);
    if (latencyMs > 0 && (failStatus !== null || body.stream !== true)) await sleep(latencyMs);
    if (failStatus !== null) {
      // retry-after-ms keeps the official client's automatic retries fast in demos.
      return sendJson(
        res,
        failStatus,
        errorBody(failStatus, undefined, String(body.model ?? 'gpt-4o-mini')),
        { 'retry-after-ms': '20' },
      );
    }
    if (path === '/v1/embeddings') return sendJson(res, 200, embeddings(body));

    const wantsJson =
      (body.response_format as { type?: string } | undefined)?.type?.startsWith('json') === true;
    const r = reply(turns, toolSpecs(body.tools), wantsJson);
    if (chat) {
      if (body.stream === true) return sendStream(res, chatChunks(body, turns, r, ids), false, latencyMs);
      return sendJson(res, 200, chatCompletion(body, turns, r, ids));
    }
    if (body.stream === true) return sendStream(res, responseEvents(body, turns, r, ids), true, latencyMs);
    return sendJson(res, 200, response(body, turns, r, ids));
  }

  async function messages(
    req: IncomingMessage,
    res: ServerResponse,
    body: Record<string, unknown>,
    latencyMs: number,
  ): Promise<void> {
    const turns = turnsFromAnthropic(body.system, body.messages);
    const failStatus = failure(req, '/v1/messages', turns);
    if (latencyMs > 0 && (failStatus !== null || body.stream !== true)) await sleep(latencyMs);
    if (failStatus !== null) {
      return sendJson(res, failStatus, anthropicErrorBody(failStatus, String(body.model ?? 'claude')), {
        'retry-after-ms': '20',
      });
    }
    const r = reply(turns, anthropicToolSpecs(body.tools), false);
    if (body.stream === true)
      return sendStream(res, anthropicEvents(body, turns, r, ids, promptCache), true, latencyMs);
    return sendJson(res, 200, anthropicMessage(body, turns, r, ids, promptCache));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, errorBody(500, String(error)));
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    anthropicUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function argValue(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const fake = await startFakeOpenAI({
    port: Number(argValue('--port') ?? 8787),
    latencyMs: Number(argValue('--latency') ?? 40),
  });
  console.log(`Fake OpenAI-compatible server listening at ${fake.url}`);
}
