// The parts inside one chat message: text, reasoning, images, tool calls and tool results, in
// the spellings of OpenAI chat, the responses API, Anthropic-style blocks and OTel GenAI parts.
export interface ToolCall {
  id: string | null;
  name: string;
  /** Parsed when the arguments were JSON text; otherwise as given. */
  arguments: unknown;
}

export type MessagePart =
  | { kind: 'text'; text: string }
  | { kind: 'reasoning'; text: string }
  /** Never loaded: a payload's URL is untrusted, so it is shown as text. */
  | { kind: 'image'; url: string | null }
  | { kind: 'tool-call'; call: ToolCall }
  | { kind: 'tool-result'; callId: string | null; content: unknown }
  | { kind: 'other'; value: unknown };

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function parseArguments(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw ?? null;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw; // Models do emit broken JSON arguments; show them as they came.
  }
}

/** A tool call in any of: {id, function: {name, arguments}}, {call_id, name, arguments},
 *  {toolCallId, toolName, input|args}, {id, name, input} (Anthropic), OTel {id, name, arguments}. */
export function parseToolCall(value: unknown): ToolCall {
  if (!isObject(value)) return { id: null, name: 'unknown', arguments: value };
  const fn = isObject(value.function) ? value.function : value;
  return {
    id: str(value.call_id) ?? str(value.id) ?? str(value.toolCallId),
    name: str(fn.name) ?? str(value.toolName) ?? 'unknown',
    arguments: parseArguments(fn.arguments ?? fn.input ?? value.args ?? value.input),
  };
}

function parsePart(part: unknown): MessagePart {
  if (typeof part === 'string') return { kind: 'text', text: part };
  if (!isObject(part)) return { kind: 'other', value: part };
  switch (part.type) {
    case 'text':
    case 'input_text':
    case 'output_text':
      return { kind: 'text', text: str(part.text) ?? str(part.content) ?? '' };
    case 'refusal':
      return { kind: 'text', text: str(part.refusal) ?? '' };
    case 'reasoning':
    case 'thinking':
      return { kind: 'reasoning', text: str(part.content) ?? str(part.thinking) ?? str(part.text) ?? '' };
    case 'image_url':
      return { kind: 'image', url: isObject(part.image_url) ? str(part.image_url.url) : str(part.image_url) };
    case 'input_image':
    case 'image':
      return { kind: 'image', url: str(part.image_url) ?? str(part.url) ?? null };
    case 'uri':
      return { kind: 'image', url: str(part.uri) };
    case 'tool_use':
    case 'tool_call':
      return { kind: 'tool-call', call: parseToolCall(part) };
    case 'tool_result':
      return { kind: 'tool-result', callId: str(part.tool_use_id), content: part.content ?? null };
    case 'tool_call_response':
      return { kind: 'tool-result', callId: str(part.id), content: part.response ?? part.result ?? null };
    default:
      if (part.type === undefined && typeof part.text === 'string') return { kind: 'text', text: part.text };
      return { kind: 'other', value: part };
  }
}

/** A message's content: a string, an array of parts, one part, or nothing. */
export function parseContent(content: unknown): MessagePart[] {
  if (content === null || content === undefined) return [];
  if (typeof content === 'string') return content ? [{ kind: 'text', text: content }] : [];
  if (Array.isArray(content)) return content.map(parsePart);
  return [parsePart(content)];
}
