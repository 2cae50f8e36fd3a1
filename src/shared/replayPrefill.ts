// What the playground editor starts from: a recorded LLM span → an editable ChatRequest (model,
// messages, tools and sampling parameters), read from the span's input and from the attribute
// keys the SDK, OpenTelemetry GenAI and OpenInference use for request parameters.
import type { ChatMessage, ChatRequest } from './replay.ts';
import type { SpanWithPayloads } from './types.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function parsed(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** GenAI "parts" messages ({ role, parts: [{ type: 'text', content }] }) → OpenAI's content string. */
function toChatMessage(value: Obj): ChatMessage {
  if (value.content === undefined && Array.isArray(value.parts)) {
    const { parts, ...rest } = value;
    const text = (parts as unknown[])
      .map((p) => (isObj(p) && typeof p.content === 'string' ? p.content : ''))
      .join('');
    return { ...rest, role: String(value.role), content: text };
  }
  return { ...value, role: String(value.role) };
}

function messagesOf(input: unknown): ChatMessage[] | null {
  const value = parsed(input);
  const list = Array.isArray(value)
    ? value
    : isObj(value) && Array.isArray(value.messages)
      ? value.messages
      : null;
  if (list && list.length > 0 && list.every((m) => isObj(m) && typeof m.role === 'string'))
    return (list as Obj[]).map(toChatMessage);
  if (typeof value === 'string' && value !== '') return [{ role: 'user', content: value }];
  return null;
}

const PARAMS: Array<[keyof ChatRequest & string, string[]]> = [
  ['temperature', ['temperature', 'gen_ai.request.temperature']],
  ['top_p', ['top_p', 'gen_ai.request.top_p']],
  ['max_tokens', ['max_tokens', 'gen_ai.request.max_tokens']],
  ['frequency_penalty', ['frequency_penalty', 'gen_ai.request.frequency_penalty']],
  ['presence_penalty', ['presence_penalty', 'gen_ai.request.presence_penalty']],
  ['seed', ['seed', 'gen_ai.request.seed']],
];

/** The editor's starting request, or null when the span recorded no messages to re-send. */
export function replayRequestFromSpan(span: SpanWithPayloads): ChatRequest | null {
  const messages = messagesOf(span.input);
  if (!messages) return null;
  const a = span.attributes ?? {};
  const request: ChatRequest = {
    model: span.model ?? (typeof a['gen_ai.request.model'] === 'string' ? a['gen_ai.request.model'] : ''),
    messages,
  };
  // OpenInference records every parameter at once as JSON text.
  const invocation = parsed(a['llm.invocation_parameters']);
  if (isObj(invocation))
    for (const [key, value] of Object.entries(invocation))
      if (key !== 'model' && key !== 'messages') request[key] = value;
  for (const [param, keys] of PARAMS) {
    const value = keys.map((k) => a[k]).find((v) => typeof v === 'number');
    if (value !== undefined) request[param] = value;
  }
  const input = parsed(span.input);
  const tools =
    (isObj(input) && Array.isArray(input.tools) ? input.tools : undefined) ??
    parsed(a['tools']) ??
    parsed(a['gen_ai.tool.definitions']);
  if (Array.isArray(tools) && tools.length > 0) request.tools = tools;
  return request;
}
