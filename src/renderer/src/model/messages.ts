// Reading LLM payloads as chat messages. Recognises the shapes agents actually send:
// - OpenAI chat: [{role, content, tool_calls?, tool_call_id?, name?}], request bodies {messages},
//   responses {choices: [{message, finish_reason}]};
// - OpenAI responses API: input (string or items) with instructions, output items
//   (message / function_call / function_call_output / reasoning);
// - OTel GenAI messages [{role, parts: [{type: text|tool_call|tool_call_response...}]}] and the
//   Spyglass/OTLP-mapped arrays, which use the OpenAI form.
// Anything else returns null and is shown as JSON. Pure: no React, no DOM.
import { parseContent, parseToolCall, type MessagePart, type ToolCall } from './messageParts.ts';

export type { MessagePart, ToolCall };

export interface ChatMessage {
  role: string;
  name: string | null;
  parts: MessagePart[];
  /** On a tool message: the call it answers. */
  toolCallId: string | null;
  finishReason: string | null;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** Payloads arrive as JSON text from some exporters (OTLP string attributes). */
function maybeJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  if (!(trimmed.startsWith('[') || trimmed.startsWith('{'))) return value;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return value;
  }
}

function message(role: string, parts: MessagePart[], extra: Partial<ChatMessage> = {}): ChatMessage {
  return { role, name: null, parts, toolCallId: null, finishReason: null, ...extra };
}

/** One item of a message list, or null when it is not message-like. */
export function parseMessageItem(item: unknown, finishReason: string | null = null): ChatMessage | null {
  if (!isObject(item)) return null;
  switch (item.type) {
    case 'function_call':
    case 'custom_tool_call':
      return message('assistant', [{ kind: 'tool-call', call: parseToolCall(item) }]);
    case 'function_call_output':
    case 'custom_tool_call_output':
      return message(
        'tool',
        [{ kind: 'tool-result', callId: str(item.call_id), content: maybeJson(item.output) }],
        {
          toolCallId: str(item.call_id),
        },
      );
    case 'reasoning': {
      const summary = Array.isArray(item.summary) ? item.summary : [];
      const text = summary.map((part) => (isObject(part) ? (str(part.text) ?? '') : '')).join('\n');
      return message('assistant', text ? [{ kind: 'reasoning', text }] : []);
    }
    default:
      break;
  }
  const role = str(item.role);
  if (!role && item.type !== 'message') return null;
  const parts = parseContent(item.content ?? item.parts);
  if (typeof item.refusal === 'string' && item.refusal) parts.push({ kind: 'text', text: item.refusal });
  const calls = Array.isArray(item.tool_calls)
    ? item.tool_calls
    : Array.isArray(item.toolCalls)
      ? item.toolCalls
      : [];
  for (const call of calls) parts.push({ kind: 'tool-call', call: parseToolCall(call) });
  if (isObject(item.function_call))
    parts.push({ kind: 'tool-call', call: parseToolCall(item.function_call) });
  const toolCallId = str(item.tool_call_id) ?? str(item.toolCallId);
  const only = parts.length === 1 ? parts[0] : undefined;
  if (role === 'tool' && only?.kind === 'text' && toolCallId) {
    // A tool message's content is the result of the call it names.
    parts[0] = { kind: 'tool-result', callId: toolCallId, content: maybeJson(only.text) };
  }
  return message(role ?? 'assistant', parts, {
    name: str(item.name),
    toolCallId,
    finishReason: str(item.finish_reason) ?? finishReason,
  });
}

function parseList(items: readonly unknown[]): ChatMessage[] | null {
  if (items.length === 0) return null;
  const messages: ChatMessage[] = [];
  for (const item of items) {
    const parsed = parseMessageItem(item);
    if (!parsed) return null; // One foreign item: this is not a message list.
    messages.push(parsed);
  }
  return messages;
}

/** Messages in a payload, or null when it is not a recognised message shape. */
export function parseMessages(payload: unknown): ChatMessage[] | null {
  const value = maybeJson(payload);
  if (Array.isArray(value)) return parseList(value);
  if (!isObject(value)) return null;
  if (Array.isArray(value.messages)) {
    const messages = parseList(value.messages);
    // Anthropic's `system` is a string or a list of text blocks (those with cache_control are lists).
    const system = Array.isArray(value.system) ? parseContent(value.system) : parseContent(str(value.system));
    return messages && system.length > 0 ? [message('system', system), ...messages] : messages;
  }
  if (Array.isArray(value.choices)) {
    const messages: ChatMessage[] = [];
    for (const choice of value.choices) {
      if (!isObject(choice)) return null;
      const parsed = parseMessageItem(choice.message ?? choice.delta, str(choice.finish_reason));
      if (parsed) messages.push(parsed);
      else if (typeof choice.text === 'string')
        messages.push(message('assistant', [{ kind: 'text', text: choice.text }]));
    }
    return messages.length ? messages : null;
  }
  if (Array.isArray(value.output)) return parseList(value.output);
  if ('input' in value && (typeof value.input === 'string' || Array.isArray(value.input))) {
    const input =
      typeof value.input === 'string'
        ? [message('user', [{ kind: 'text', text: value.input }])]
        : parseList(value.input);
    if (!input) return null;
    const instructions = str(value.instructions);
    return instructions ? [message('system', [{ kind: 'text', text: instructions }]), ...input] : input;
  }
  if (typeof value.role === 'string') {
    const single = parseMessageItem(value);
    return single ? [single] : null;
  }
  return null;
}

/** The plain text of a message (text and reasoning parts), for search, copy and previews. */
export function messageText(message: ChatMessage): string {
  return message.parts
    .map((part) => (part.kind === 'text' || part.kind === 'reasoning' ? part.text : ''))
    .filter(Boolean)
    .join('\n');
}

/** A stable key for comparing messages across calls (the transcript drops repeated history). */
export function messageFingerprint(message: ChatMessage): string {
  return JSON.stringify([message.role, message.toolCallId, message.parts]);
}
