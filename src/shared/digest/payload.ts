// Payloads as readable text for a model: chat messages as "[role] text" lines, tool calls as
// name(arguments), anything else as indented JSON. The shapes recognised are the common ones
// (OpenAI and Anthropic messages, OpenAI choices); an unknown shape falls back to JSON.
import { payloadAsText } from './format.ts';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part) => {
        if (typeof part === 'string') return part;
        if (isObject(part)) {
          if (typeof part.text === 'string') return part.text;
          if (part.type === 'tool_use') return `tool_use ${String(part.name)}(${JSON.stringify(part.input)})`;
          if (part.type === 'tool_result') return `tool_result ${contentText(part.content)}`;
        }
        return JSON.stringify(part);
      })
      .join('\n');
  }
  return content === null || content === undefined ? '' : JSON.stringify(content);
}

function toolCallsText(calls: unknown): string[] {
  if (!Array.isArray(calls)) return [];
  return calls.map((call) => {
    if (!isObject(call)) return `tool call ${JSON.stringify(call)}`;
    const fn = isObject(call.function) ? call.function : call;
    const args =
      typeof fn.arguments === 'string' ? fn.arguments : JSON.stringify(fn.arguments ?? fn.input ?? {});
    return `tool call ${String(fn.name ?? '?')}(${args})${call.id ? ` id=${String(call.id)}` : ''}`;
  });
}

function messageText(message: Json): string {
  const lines = [
    `[${String(message.role ?? message.type ?? 'message')}] ${contentText(message.content)}`.trimEnd(),
  ];
  lines.push(...toolCallsText(message.tool_calls).map((t) => `  ${t}`));
  if (message.tool_call_id) lines[0] += ` (for ${String(message.tool_call_id)})`;
  return lines.join('\n');
}

function isMessage(v: unknown): v is Json {
  return isObject(v) && typeof v.role === 'string' && ('content' in v || 'tool_calls' in v);
}

export function readablePayload(value: unknown): string {
  if (Array.isArray(value) && value.length > 0 && value.every(isMessage))
    return value.map(messageText).join('\n');
  if (isObject(value)) {
    if (Array.isArray(value.messages) && value.messages.every(isMessage)) {
      const rest = Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'messages'));
      const head = Object.keys(rest).length ? `${JSON.stringify(rest)}\n` : '';
      return head + value.messages.map(messageText).join('\n');
    }
    if (Array.isArray(value.choices)) {
      return value.choices
        .map((choice) =>
          isObject(choice) && isMessage(choice.message)
            ? messageText(choice.message)
            : JSON.stringify(choice),
        )
        .join('\n');
    }
    if (isMessage(value)) return messageText(value);
  }
  return payloadAsText(value);
}
