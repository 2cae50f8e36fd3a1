// The body of POST /api/replay/llm, checked before anything is sent or recorded. Each problem
// names its field; the source span must exist and be an LLM call.
import type { ChatRequest, ReplayLink } from '../../shared/replay.ts';
import type { SpanWithPayloads } from '../../shared/types.ts';
import type { Store } from '../store/index.ts';

export class ReplayRequestError extends Error {
  readonly status: 400 | 404 | 422;
  readonly field: string;
  constructor(status: 400 | 404 | 422, field: string, message: string) {
    super(message);
    this.status = status;
    this.field = field;
  }
}

export interface ValidReplay {
  source: ReplayLink;
  sourceSpan: SpanWithPayloads;
  request: ChatRequest;
  baseUrl: string | undefined;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const bad = (field: string, message: string) => new ReplayRequestError(400, field, message);

function checkRequest(value: unknown): ChatRequest {
  if (!isObj(value))
    throw bad('request', '"request" must be an object: { model, messages, tools?, temperature?, … }');
  if (typeof value.model !== 'string' || value.model.trim() === '')
    throw bad('request.model', '"request.model" must be a model name');
  if (!Array.isArray(value.messages) || value.messages.length === 0)
    throw bad('request.messages', '"request.messages" must be a non-empty array');
  value.messages.forEach((m, i) => {
    if (!isObj(m) || typeof m.role !== 'string')
      throw bad(`request.messages[${i}]`, `request.messages[${i}] must be an object with a "role"`);
  });
  if (value.tools !== undefined && !Array.isArray(value.tools))
    throw bad('request.tools', '"request.tools" must be an array');
  for (const key of ['temperature', 'top_p', 'max_tokens'] as const) {
    if (value[key] !== undefined && (typeof value[key] !== 'number' || !Number.isFinite(value[key])))
      throw bad(`request.${key}`, `"request.${key}" must be a number`);
  }
  // The server owns streaming: the answer is always streamed, with usage.
  const { stream: _stream, stream_options: _options, ...request } = value;
  return request as ChatRequest;
}

export function validateReplay(body: unknown, store: Store): ValidReplay {
  if (!isObj(body))
    throw bad('body', 'the body must be a JSON object: { sourceTraceId, sourceSpanId, request, endpoint? }');
  const { sourceTraceId, sourceSpanId } = body;
  if (typeof sourceTraceId !== 'string' || !/^[0-9a-fA-F]{32}$/.test(sourceTraceId))
    throw bad('sourceTraceId', '"sourceTraceId" must be a trace id (32 hex digits)');
  if (typeof sourceSpanId !== 'string' || !/^[0-9a-fA-F]{16}$/.test(sourceSpanId))
    throw bad('sourceSpanId', '"sourceSpanId" must be a span id (16 hex digits)');
  const request = checkRequest(body.request);
  let baseUrl: string | undefined;
  if (body.endpoint !== undefined && body.endpoint !== null) {
    if (!isObj(body.endpoint) || typeof body.endpoint.baseUrl !== 'string')
      throw bad('endpoint.baseUrl', '"endpoint" must be { "baseUrl": "https://…/v1" }');
    if ('apiKey' in body.endpoint)
      throw bad('endpoint.apiKey', 'send the API key in the Authorization header, never in the body');
    baseUrl = body.endpoint.baseUrl;
  }
  const source = { traceId: sourceTraceId.toLowerCase(), spanId: sourceSpanId.toLowerCase() };
  const sourceSpan = store.getSpan(source.traceId, source.spanId);
  if (!sourceSpan)
    throw new ReplayRequestError(
      404,
      'sourceSpanId',
      `No span ${source.spanId} in trace ${source.traceId} is stored`,
    );
  if (sourceSpan.type !== 'llm') {
    throw new ReplayRequestError(
      422,
      'sourceSpanId',
      `Span "${sourceSpan.name}" is a ${sourceSpan.type} step; only LLM spans can be re-run`,
    );
  }
  return { source, sourceSpan, request, baseUrl };
}
