// A payload as text for diffing. Chat messages (OpenAI's shape, and the GenAI "parts" shape) become
// one "role: content" block per message, so a changed prompt diffs as words of the prompt rather
// than as JSON punctuation; tool calls become "→ name(arguments)". Anything else is JSON with
// sorted keys and indentation, so two equal objects always give equal text whatever their key order.

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** JSON with object keys sorted; iterative over an explicit stack so deep payloads cannot overflow. */
export function stableJson(value: unknown): string {
  const normalised = sortKeys(value);
  return JSON.stringify(normalised, null, 2) ?? 'null';
}

function sortKeys(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const root: { v: unknown } = { v: undefined };
  const stack: Array<{ from: unknown; set: (v: unknown) => void }> = [
    { from: value, set: (v) => (root.v = v) },
  ];
  while (stack.length) {
    const { from, set } = stack.pop()!;
    if (Array.isArray(from)) {
      const copy: unknown[] = new Array(from.length);
      set(copy);
      from.forEach((item, i) => {
        stack.push({
          from: item,
          set: (v) => {
            copy[i] = v;
          },
        });
      });
    } else if (isObject(from)) {
      const copy: Record<string, unknown> = {};
      set(copy);
      for (const key of Object.keys(from).sort()) {
        copy[key] = undefined;
        stack.push({ from: from[key], set: (v) => (copy[key] = v) });
      }
    } else {
      set(from);
    }
  }
  return root.v;
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part) => {
        if (typeof part === 'string') return part;
        if (isObject(part)) {
          if (typeof part.text === 'string') return part.text;
          if (typeof part.content === 'string') return part.content;
          if (part.type === 'tool_call') return toolCallText(part.name, part.arguments);
        }
        return stableJson(part);
      })
      .join('\n');
  }
  return content === null || content === undefined ? '' : stableJson(content);
}

function toolCallText(name: unknown, args: unknown): string {
  const text = typeof args === 'string' ? args : stableJson(args ?? {});
  return `→ ${String(name)}(${text})`;
}

function messageText(message: Record<string, unknown>): string {
  const lines = [`${String(message.role)}: ${contentText(message.content ?? message.parts)}`];
  const calls = message.tool_calls;
  if (Array.isArray(calls)) {
    for (const call of calls) {
      const fn = isObject(call) && isObject(call.function) ? call.function : isObject(call) ? call : {};
      lines.push(toolCallText(fn.name, fn.arguments));
    }
  }
  return lines.join('\n');
}

const isMessage = (v: unknown): v is Record<string, unknown> => isObject(v) && typeof v.role === 'string';

/** Text of a payload for the compare view; '' for no payload. */
export function payloadText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.length > 0 && value.every(isMessage))
    return `${value.map(messageText).join('\n\n')}\n`;
  if (isMessage(value)) return `${messageText(value)}\n`;
  // Wrappers that carry messages: { messages: [...] } (request-shaped payloads).
  if (isObject(value) && Array.isArray(value.messages) && value.messages.every(isMessage)) {
    const { messages, ...rest } = value;
    const extra = Object.keys(rest).length ? `${stableJson(rest)}\n\n` : '';
    return `${extra + (messages as Record<string, unknown>[]).map(messageText).join('\n\n')}\n`;
  }
  return `${stableJson(value)}\n`;
}
