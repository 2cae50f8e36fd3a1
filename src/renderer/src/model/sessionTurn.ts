// What a session turn says, as chat: the user's message from the turn's input and the final
// answer from its output. Inputs come in every shape agents use: a chat request (the last user
// message is this turn's; earlier ones are history), a plain string, or an object of named
// arguments ({ question }, { query }, ...). Pure: no React, no DOM.
import { messageText, parseMessages } from './messages.ts';

/** Keys agents commonly give the user's text or the answer, in the order they are tried. */
const INPUT_KEYS = ['message', 'question', 'query', 'input', 'prompt', 'text', 'content', 'user_input'];
const OUTPUT_KEYS = ['answer', 'output', 'response', 'result', 'text', 'content', 'message', 'reply'];

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function lastMessageText(payload: unknown, roles: readonly string[]): string | null {
  const messages = parseMessages(payload);
  if (!messages) return null;
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i]!;
    if (!roles.includes(message.role)) continue;
    const text = messageText(message).trim();
    if (text) return text;
  }
  return null;
}

function textOf(
  payload: unknown,
  keys: readonly string[],
  roles: readonly string[],
  depth = 0,
): string | null {
  if (payload === null || payload === undefined) return null;
  if (typeof payload === 'string') {
    const fromJson = payload.trim().startsWith('{') || payload.trim().startsWith('[');
    return (fromJson ? lastMessageText(payload, roles) : null) ?? payload;
  }
  if (typeof payload === 'number' || typeof payload === 'boolean') return String(payload);
  const chat = lastMessageText(payload, roles);
  if (chat) return chat;
  if (isObject(payload) && depth < 2) {
    for (const key of keys) {
      if (key in payload) {
        const text = textOf(payload[key], keys, roles, depth + 1);
        if (text) return text;
      }
    }
    // One named argument ({ city: "Paris" }) reads as its value.
    const values = Object.values(payload);
    if (values.length === 1 && typeof values[0] === 'string') return values[0];
  }
  return null;
}

/** The user's message of a turn; null when the input holds none that reads as text. */
export function turnUserText(input: unknown): string | null {
  return textOf(input, INPUT_KEYS, ['user']);
}

/** The turn's final answer; null when the output holds none that reads as text. */
export function turnAnswerText(output: unknown): string | null {
  return textOf(output, OUTPUT_KEYS, ['assistant']);
}

/** A payload that is not text, shown compactly as JSON (the trace has it whole). */
export function compactJson(payload: unknown, maxChars = 600): string {
  const text = JSON.stringify(payload) ?? '';
  return text.length > maxChars ? `${text.slice(0, maxChars)}…` : text;
}
