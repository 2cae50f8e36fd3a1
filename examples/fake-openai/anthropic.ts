// POST /v1/messages: Anthropic's Messages API, answered by the same scripted model (script.ts) as
// the OpenAI routes. A JSON Message, or with `stream: true` the named SSE event sequence
// (message_start, content_block_start/delta/stop, message_delta with the output usage,
// message_stop). Prompt caching is simulated: the request up to the last block marked
// `cache_control` is written to the cache the first time it is seen and read from it after, so
// usage carries cache_creation_input_tokens and cache_read_input_tokens as the real API does.
import { contentText } from './conversation.ts';
import type { ToolSpec, Turn } from './conversation.ts';
import type { IdSource } from './ids.ts';
import { pieces } from './ids.ts';
import type { Reply } from './script.ts';
import { countPromptTokens, countTokens } from './tokens.ts';

type Json = Record<string, any>;

interface Usage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

function blocks(content: unknown): Json[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return Array.isArray(content) ? content.filter((b) => typeof b === 'object' && b !== null) : [];
}

/** Messages with text, tool_use (assistant) and tool_result (user) blocks, as the script's turns. */
export function turnsFromAnthropic(system: unknown, messages: unknown): Turn[] {
  const turns: Turn[] = [];
  const systemText = blocks(system)
    .map((b) => (typeof b.text === 'string' ? b.text : ''))
    .join('');
  if (systemText) turns.push({ role: 'system', text: systemText });
  for (const message of Array.isArray(messages) ? (messages as Json[]) : []) {
    const parts = blocks(message?.content);
    const results = parts.filter((b) => b.type === 'tool_result');
    for (const result of results) turns.push({ role: 'tool', text: contentText(result.content) });
    const calls = parts.filter((b) => b.type === 'tool_use').map((b) => String(b.name ?? ''));
    const text = parts
      .filter((b) => b.type === 'text')
      .map((b) => String(b.text ?? ''))
      .join('');
    if (text || calls.length > 0 || results.length === 0) {
      turns.push({
        role: message?.role === 'assistant' ? 'assistant' : 'user',
        text,
        ...(calls.length > 0 ? { toolCalls: calls } : {}),
      });
    }
  }
  return turns;
}

/** Anthropic tools are flat, with `input_schema`. */
export function anthropicToolSpecs(tools: unknown): ToolSpec[] {
  if (!Array.isArray(tools)) return [];
  return (tools as Json[])
    .filter((t) => typeof t?.name === 'string')
    .map((t) => ({ name: t.name, description: t.description, parameters: t.input_schema }));
}

/** The text of the request up to and including the last block marked for caching ('' when none). */
function cachedPrefix(body: Json): string {
  const sequence: Json[] = [
    ...(Array.isArray(body.tools) ? (body.tools as Json[]) : []),
    ...blocks(body.system),
    ...(Array.isArray(body.messages) ? (body.messages as Json[]).flatMap((m) => blocks(m?.content)) : []),
  ];
  let last = -1;
  sequence.forEach((block, i) => {
    if (block.cache_control) last = i;
  });
  return last < 0 ? '' : JSON.stringify(sequence.slice(0, last + 1));
}

export interface PromptCache {
  seen: Set<string>;
}

function usageOf(body: Json, turns: Turn[], r: Reply, cache: PromptCache): Usage {
  const prompt = countPromptTokens(turns.map((t) => t.text));
  const output = countTokens(r.kind === 'text' ? r.text : r.calls.map((c) => c.name + c.arguments).join(''));
  const prefix = cachedPrefix(body);
  const cached = prefix ? Math.min(prompt - 1, countTokens(prefix)) : 0;
  const hit = prefix !== '' && cache.seen.has(prefix);
  if (prefix) cache.seen.add(prefix);
  return {
    input_tokens: prompt - cached,
    output_tokens: output,
    cache_creation_input_tokens: hit ? 0 : cached,
    cache_read_input_tokens: hit ? cached : 0,
  };
}

function content(r: Reply, ids: IdSource): Json[] {
  if (r.kind === 'text') return [{ type: 'text', text: r.text }];
  return r.calls.map((call) => ({
    type: 'tool_use',
    id: ids.next('toolu_'),
    name: call.name,
    input: JSON.parse(call.arguments) as unknown,
  }));
}

export function anthropicMessage(
  body: Json,
  turns: Turn[],
  r: Reply,
  ids: IdSource,
  cache: PromptCache,
): Json {
  return {
    id: ids.next('msg_'),
    type: 'message',
    role: 'assistant',
    model: typeof body.model === 'string' ? body.model : 'claude-sonnet-4-5',
    content: content(r, ids),
    stop_reason: r.kind === 'text' ? 'end_turn' : 'tool_use',
    stop_sequence: null,
    usage: usageOf(body, turns, r, cache),
  };
}

/** The SSE events of a streamed message (each has its `type`, sent as the SSE event name). */
export function anthropicEvents(
  body: Json,
  turns: Turn[],
  r: Reply,
  ids: IdSource,
  cache: PromptCache,
): Json[] {
  const whole = anthropicMessage(body, turns, r, ids, cache);
  const usage = whole.usage as Usage;
  const events: Json[] = [
    {
      type: 'message_start',
      message: { ...whole, content: [], stop_reason: null, usage: { ...usage, output_tokens: 1 } },
    },
  ];
  (whole.content as Json[]).forEach((block, index) => {
    if (block.type === 'text') {
      events.push({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
      for (const piece of pieces(String(block.text)))
        events.push({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: piece } });
    } else {
      events.push({ type: 'content_block_start', index, content_block: { ...block, input: {} } });
      for (const piece of pieces(JSON.stringify(block.input), 16))
        events.push({
          type: 'content_block_delta',
          index,
          delta: { type: 'input_json_delta', partial_json: piece },
        });
    }
    events.push({ type: 'content_block_stop', index });
  });
  events.push({
    type: 'message_delta',
    delta: { stop_reason: whole.stop_reason, stop_sequence: null },
    usage: { output_tokens: usage.output_tokens },
  });
  events.push({ type: 'message_stop' });
  return events;
}

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  404: 'not_found_error',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

/** Anthropic's error JSON: { type: 'error', error: { type, message } }. */
export function anthropicErrorBody(status: number, model: string): Json {
  const type = ERROR_TYPES[status] ?? 'api_error';
  const message =
    status === 429
      ? `This request would exceed the rate limit for ${model}. Please try again later.`
      : status === 404
        ? `model: ${model}`
        : 'Internal server error';
  return { type: 'error', error: { type, message } };
}
