// One chat-message shape for every convention, so the UI renders an LLM call the same way
// whichever library recorded it: OpenAI's (role, content, tool_calls, tool_call_id), which is
// also what the Spyglass SDK stores. Parts that have no OpenAI equivalent (images, files,
// server-side tools) stay as a parts array in `content`, never dropped.
import { parseJsonish } from './view.ts';

export interface ToolCall {
  id?: string;
  type: 'function';
  function: { name: string; arguments: unknown };
}

export interface ChatMessage {
  role: string;
  content: unknown;
  name?: string;
  tool_calls?: ToolCall[];
  tool_call_id?: string;
  finish_reason?: string;
  reasoning?: string;
}

const asString = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : v === undefined || v === null ? undefined : String(v);
const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

export function toolCall(id: unknown, name: unknown, args: unknown): ToolCall {
  const call: ToolCall = {
    type: 'function',
    function: { name: asString(name) ?? '', arguments: parseJsonish(args) ?? null },
  };
  const idText = asString(id);
  if (idText) call.id = idText;
  return call;
}

function finishMessage(msg: ChatMessage, texts: string[], others: unknown[]): ChatMessage {
  if (others.length > 0) msg.content = [...texts.map((text) => ({ type: 'text', content: text })), ...others];
  else msg.content = texts.length > 0 ? texts.join('') : null;
  return msg;
}

/** GenAI semconv message (`{role, parts[], name?, finish_reason?}`) → ChatMessage. */
/** Appends a tool call, creating the message's list on the first one. */
export function addToolCall(msg: ChatMessage, call: ToolCall): void {
  if (msg.tool_calls) msg.tool_calls.push(call);
  else msg.tool_calls = [call];
}

export function fromGenAiMessage(raw: unknown): ChatMessage | null {
  if (!isObject(raw)) return null;
  const msg: ChatMessage = { role: asString(raw.role) ?? 'user', content: null };
  if (raw.name !== undefined) msg.name = asString(raw.name);
  if (raw.finish_reason !== undefined) msg.finish_reason = asString(raw.finish_reason);
  const texts: string[] = [];
  const others: unknown[] = [];
  for (const part of Array.isArray(raw.parts) ? raw.parts : []) {
    if (!isObject(part)) continue;
    if (part.type === 'text') texts.push(asString(part.content) ?? '');
    else if (part.type === 'reasoning')
      msg.reasoning = (msg.reasoning ?? '') + (asString(part.content) ?? '');
    else if (part.type === 'tool_call') addToolCall(msg, toolCall(part.id, part.name, part.arguments));
    else if (part.type === 'tool_call_response') {
      // The JSON schema names the field `response`; the registry example used `result`.
      msg.tool_call_id = asString(part.id);
      const response = part.response ?? part.result;
      texts.push(typeof response === 'string' ? response : JSON.stringify(response ?? null));
    } else others.push(part);
  }
  // Older drafts put plain `content` on the message instead of parts.
  if (texts.length === 0 && others.length === 0 && raw.content !== undefined)
    return { ...msg, content: raw.content };
  return finishMessage(msg, texts, others);
}

/** GenAI `gen_ai.system_instructions` (a parts array, or a plain string) → a system message. */
export function systemMessage(instructions: unknown): ChatMessage | null {
  if (typeof instructions === 'string') return { role: 'system', content: instructions };
  if (!Array.isArray(instructions)) return null;
  return fromGenAiMessage({ role: 'system', parts: instructions });
}

/**
 * An OpenAI-style message (role/content/tool_calls, as in OpenLLMetry, the GenAI event bodies
 * and `gen_ai.prompt` JSON) or a Vercel AI SDK message (content parts `text`, `tool-call`,
 * `tool-result`) → ChatMessage.
 */
export function fromOpenAiLike(raw: unknown): ChatMessage | null {
  if (!isObject(raw)) return typeof raw === 'string' ? { role: 'user', content: raw } : null;
  const msg: ChatMessage = { role: asString(raw.role) ?? 'user', content: null };
  if (raw.name !== undefined) msg.name = asString(raw.name);
  if (raw.tool_call_id !== undefined) msg.tool_call_id = asString(raw.tool_call_id);
  if (raw.finish_reason !== undefined) msg.finish_reason = asString(raw.finish_reason);
  for (const call of Array.isArray(raw.tool_calls) ? raw.tool_calls : []) {
    if (!isObject(call)) continue;
    const fn = isObject(call.function) ? call.function : call;
    addToolCall(msg, toolCall(call.id, fn.name, fn.arguments ?? fn.args ?? fn.input));
  }
  if (!Array.isArray(raw.content)) return { ...msg, content: raw.content ?? null };
  const texts: string[] = [];
  const others: unknown[] = [];
  for (const part of raw.content) {
    if (typeof part === 'string') texts.push(part);
    else if (!isObject(part)) continue;
    else if (part.type === 'text') texts.push(asString(part.text ?? part.content) ?? '');
    else if (part.type === 'reasoning') msg.reasoning = (msg.reasoning ?? '') + (asString(part.text) ?? '');
    else if (part.type === 'tool-call')
      addToolCall(msg, toolCall(part.toolCallId, part.toolName, part.input ?? part.args));
    else if (part.type === 'tool-result') {
      msg.tool_call_id = asString(part.toolCallId);
      // AI SDK 5 wraps results as {type:'json'|'text', value}; v4 used `result`.
      const out = part.output ?? part.result;
      const value = isObject(out) && 'value' in out ? out.value : out;
      texts.push(typeof value === 'string' ? value : JSON.stringify(value));
    } else others.push(part);
  }
  return finishMessage(msg, texts, others);
}

export function messageList(
  raw: unknown,
  convert: (m: unknown) => ChatMessage | null,
): ChatMessage[] | undefined {
  const value = parseJsonish(raw);
  if (!Array.isArray(value)) return undefined;
  const list = value.map(convert).filter((m): m is ChatMessage => m !== null);
  return list.length > 0 ? list : undefined;
}
