// The playground's editable form of a ChatRequest, and back. Text fields hold what the user
// typed (a half-typed number is not lost on re-render); building the request checks them all
// and names each field that is wrong, so nothing odd is sent.
import type { ChatMessage, ChatRequest } from '../../../../shared/replay.ts';

export interface DraftMessage {
  /** Stable React key across reorders. */
  key: number;
  role: string;
  /** The content as text; JSON text when `contentIsJson` (multi-part content). */
  content: string;
  contentIsJson: boolean;
  /** Everything else the message carried (tool_calls, tool_call_id, name), kept as is. */
  extra: Record<string, unknown>;
}

export interface RequestDraft {
  model: string;
  messages: DraftMessage[];
  temperature: string;
  topP: string;
  maxTokens: string;
  /** Other parameters (tool_choice, seed, stop, response_format, …) as a JSON object. */
  otherParams: string;
  /** The tools array as JSON text ('' = no tools). */
  tools: string;
}

export const ROLES = ['system', 'user', 'assistant', 'tool', 'developer'] as const;

let nextKey = 1;
export const newMessage = (role = 'user', content = ''): DraftMessage => ({
  key: nextKey++,
  role,
  content,
  contentIsJson: false,
  extra: {},
});

const HANDLED = new Set([
  'model',
  'messages',
  'tools',
  'temperature',
  'top_p',
  'max_tokens',
  'stream',
  'stream_options',
]);

export function draftFromRequest(request: ChatRequest): RequestDraft {
  const other: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(request))
    if (!HANDLED.has(key) && value !== undefined) other[key] = value;
  const number = (value: unknown) => (typeof value === 'number' ? String(value) : '');
  return {
    model: request.model,
    messages: request.messages.map(({ role, content, ...extra }) => {
      const text = typeof content === 'string' || content === null || content === undefined;
      return {
        key: nextKey++,
        role,
        content: text ? String(content ?? '') : JSON.stringify(content, null, 2),
        contentIsJson: !text,
        extra,
      };
    }),
    temperature: number(request.temperature),
    topP: number(request.top_p),
    maxTokens: number(request.max_tokens),
    otherParams: Object.keys(other).length > 0 ? JSON.stringify(other, null, 2) : '',
    tools: request.tools && request.tools.length > 0 ? JSON.stringify(request.tools, null, 2) : '',
  };
}

export interface DraftProblem {
  /** Which input is wrong: "model", "messages[2].content", "temperature", "tools", … */
  field: string;
  message: string;
}

function parseJson(text: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function numberField(
  text: string,
  field: string,
  range: [number, number],
  integer: boolean,
  problems: DraftProblem[],
): number | undefined {
  if (text.trim() === '') return undefined;
  const value = Number(text);
  if (
    !Number.isFinite(value) ||
    (integer && !Number.isInteger(value)) ||
    value < range[0] ||
    value > range[1]
  ) {
    problems.push({
      field,
      message: `${integer ? 'a whole number' : 'a number'} from ${range[0]} to ${range[1]}`,
    });
    return undefined;
  }
  return value;
}

export function requestFromDraft(
  draft: RequestDraft,
): { request: ChatRequest; problems: [] } | { request: null; problems: DraftProblem[] } {
  const problems: DraftProblem[] = [];
  if (draft.model.trim() === '') problems.push({ field: 'model', message: 'name the model to call' });
  if (draft.messages.length === 0) problems.push({ field: 'messages', message: 'add at least one message' });
  const messages: ChatMessage[] = draft.messages.map((message, i) => {
    let content: unknown = message.content;
    if (message.contentIsJson) {
      const parsed = parseJson(message.content);
      if ('error' in parsed)
        problems.push({ field: `messages[${i}].content`, message: `not valid JSON: ${parsed.error}` });
      else content = parsed.value;
    }
    // An assistant message that only calls tools has null content in OpenAI's API.
    if (content === '' && Array.isArray(message.extra.tool_calls)) content = null;
    return { ...message.extra, role: message.role, content };
  });
  const request: ChatRequest = { model: draft.model.trim(), messages };
  const temperature = numberField(draft.temperature, 'temperature', [0, 2], false, problems);
  const topP = numberField(draft.topP, 'top_p', [0, 1], false, problems);
  const maxTokens = numberField(draft.maxTokens, 'max_tokens', [1, 10_000_000], true, problems);
  if (draft.otherParams.trim() !== '') {
    const parsed = parseJson(draft.otherParams);
    if ('error' in parsed)
      problems.push({ field: 'otherParams', message: `not valid JSON: ${parsed.error}` });
    else if (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value))
      problems.push({ field: 'otherParams', message: 'must be a JSON object, e.g. { "seed": 7 }' });
    else
      for (const [key, value] of Object.entries(parsed.value)) {
        if (HANDLED.has(key)) problems.push({ field: 'otherParams', message: `"${key}" has its own field` });
        else request[key] = value;
      }
  }
  if (temperature !== undefined) request.temperature = temperature;
  if (topP !== undefined) request.top_p = topP;
  if (maxTokens !== undefined) request.max_tokens = maxTokens;
  if (draft.tools.trim() !== '') {
    const parsed = parseJson(draft.tools);
    if ('error' in parsed) problems.push({ field: 'tools', message: `not valid JSON: ${parsed.error}` });
    else if (!Array.isArray(parsed.value))
      problems.push({ field: 'tools', message: 'must be a JSON array of tool definitions' });
    else if (parsed.value.length > 0) request.tools = parsed.value;
  }
  return problems.length > 0 ? { request: null, problems } : { request, problems: [] };
}

/** Moves one item of a list (reorder buttons); out-of-range moves change nothing. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  if (from < 0 || from >= list.length || to < 0 || to >= list.length || from === to) return [...list];
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}
