// Both request formats (chat completions `messages`, responses API `input`) are reduced to one
// list of turns, so the scripted behaviour in script.ts is written once.

export interface Turn {
  role: 'system' | 'user' | 'assistant' | 'tool';
  text: string;
  /** Names of the tools an assistant turn called. */
  toolCalls?: string[];
}

export interface ToolSpec {
  name: string;
  description?: string;
  parameters?: JsonSchema;
}

export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  minimum?: number;
}

function partText(part: unknown): string {
  if (typeof part === 'string') return part;
  if (part && typeof part === 'object' && 'text' in part && typeof part.text === 'string') return part.text;
  return '';
}

export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map(partText).join('');
  return '';
}

function asRole(role: unknown): Turn['role'] {
  if (role === 'system' || role === 'developer') return 'system';
  if (role === 'assistant' || role === 'tool') return role;
  return 'user';
}

/** Chat completions: `messages` with optional assistant `tool_calls` and `tool` results. */
export function turnsFromMessages(messages: unknown): Turn[] {
  if (!Array.isArray(messages)) return [];
  return messages.map((m: Record<string, unknown>) => {
    const turn: Turn = { role: asRole(m?.role), text: contentText(m?.content) };
    if (Array.isArray(m?.tool_calls)) {
      turn.toolCalls = m.tool_calls.map((c: { function?: { name?: string } }) =>
        String(c?.function?.name ?? ''),
      );
    }
    return turn;
  });
}

/** Responses API: `input` is a string or a list of message / function_call / function_call_output items. */
export function turnsFromResponsesInput(input: unknown, instructions?: unknown): Turn[] {
  const turns: Turn[] = [];
  if (typeof instructions === 'string') turns.push({ role: 'system', text: instructions });
  if (typeof input === 'string') return [...turns, { role: 'user', text: input }];
  if (!Array.isArray(input)) return turns;
  for (const item of input as Array<Record<string, unknown>>) {
    if (item?.type === 'function_call') {
      turns.push({ role: 'assistant', text: '', toolCalls: [String(item.name ?? '')] });
    } else if (item?.type === 'function_call_output') {
      turns.push({ role: 'tool', text: contentText(item.output) });
    } else {
      turns.push({ role: asRole(item?.role), text: contentText(item?.content) });
    }
  }
  return turns;
}

/** Chat tools are `{ type: 'function', function: {...} }`; responses tools are flat. */
export function toolSpecs(tools: unknown): ToolSpec[] {
  if (!Array.isArray(tools)) return [];
  const specs: ToolSpec[] = [];
  for (const tool of tools as Array<Record<string, any>>) {
    const fn = tool?.function ?? tool;
    if (fn && typeof fn.name === 'string') {
      specs.push({ name: fn.name, description: fn.description, parameters: fn.parameters });
    }
  }
  return specs;
}
